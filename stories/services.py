"""Writes that span rows: saving a touchpoint with its barrier links, withdrawing consent."""

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from wagtail.search import index

from barriers.models import Occurrence
from barriers.services import record_occurrence

from .audit import record_access
from .models import AccessLogEntry, CohortSummary, Touchpoint, TouchpointBarrier


@transaction.atomic
def save_touchpoint(form: Any, participant: Any, request: HttpRequest) -> Touchpoint:
    """Save a TouchpointForm; each newly linked barrier is counted as met on the barrier log,
    and unlinking one removes the occurrence the link recorded."""
    touchpoint = form.save(commit=False)
    creating = touchpoint.pk is None
    touchpoint.participant = participant
    if creating:
        touchpoint.created_by = request.user
    touchpoint.save()
    form.save_m2m()
    link_barriers(touchpoint, form.cleaned_data.get("barriers") or [], request.user)
    action = AccessLogEntry.Action.CREATE if creating else AccessLogEntry.Action.UPDATE
    record_access(request.user, action, touchpoint, request.path)
    return touchpoint


def link_barriers(touchpoint: Touchpoint, barriers: Any, user: Any = None) -> None:
    wanted = {barrier.pk: barrier for barrier in barriers}
    existing = {link.barrier_id: link for link in touchpoint.barrier_links.all()}
    for barrier_id, link in existing.items():
        if barrier_id not in wanted:
            if link.occurrence_id:
                Occurrence.objects.filter(pk=link.occurrence_id).delete()
            link.delete()
    for barrier_id, barrier in wanted.items():
        if barrier_id in existing:
            continue
        occurrence = record_occurrence(
            barrier,
            date=touchpoint.date,
            source=Occurrence.Source.JOURNEY,
            agency=touchpoint.agency,
            area=touchpoint.participant.cohort.area,
            source_object=touchpoint,
            user=user,
        )
        TouchpointBarrier.objects.create(
            touchpoint=touchpoint, barrier=barrier, occurrence=occurrence
        )


@transaction.atomic
def withdraw_consent(participant: Any, user: Any, path: str = "") -> Any:
    """Remove the alias and all narrative text; keep dates, agencies, outcomes and barrier links
    so the cohort's counts still stand. Records the withdrawal (by `user`) in the access log."""
    participant.alias = ""
    participant.expert_by_relationship_role = ""
    participant.consent_status = participant.Consent.WITHDRAWN
    participant.consent_date = timezone.localdate()
    participant.consent_withdrawn_at = timezone.now()
    participant.save(
        update_fields=[
            "alias",
            "expert_by_relationship_role",
            "consent_status",
            "consent_date",
            "consent_withdrawn_at",
            "updated_at",
        ]
    )
    # The free-text service goes too ("the café on X Street" can place a person); the agency,
    # a shared vocabulary row, stays so the counts by agency still stand.
    participant.touchpoints.update(
        **dict.fromkeys(Touchpoint.NARRATIVE_FIELDS, ""), service="", updated_at=timezone.now()
    )
    record_access(user, AccessLogEntry.Action.WITHDRAW, participant, path)
    summary = CohortSummary.objects.filter(cohort=participant.cohort, published=True).first()
    if summary is not None:
        # The summary holds counts only, but its index entry is refreshed with the data.
        index.insert_or_update_object(summary)
    return participant
