"""Participants and their journeys' touchpoints, within a cohort the user is on."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject

from ..audit import log_access
from ..forms import ParticipantForm, TouchpointForm, WithdrawConsentForm
from ..models import AccessLogEntry
from ..models.cohorts import RECOMMENDED_MAX_PARTICIPANTS
from ..services import save_touchpoint, withdraw_consent
from ..timeline import journey_timeline
from .lookups import (
    kept_visible_participant,
    posted,
    visible_cohort,
    visible_participant,
    visible_touchpoint,
)

Action = AccessLogEntry.Action


def participant_create(request, pk):
    cohort = visible_cohort(request, pk)
    form = ParticipantForm(posted(request), cohort=cohort)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            participant = form.save()
            log_access(request, Action.CREATE, participant)
        messages.success(request, f"Participant {participant.code} added.")
        count = cohort.participants.count()
        if count > RECOMMENDED_MAX_PARTICIPANTS:
            messages.warning(
                request,
                f"This cohort now has {count} participants. Cohorts work best with about six "
                f"and no more than {RECOMMENDED_MAX_PARTICIPANTS}: consider starting a new one.",
            )
        return redirect(participant)
    return render(
        request,
        "stories/participant_form.html",
        {
            "form": form,
            "cohort": cohort,
            "participant_count": cohort.participants.count(),
            "recommended_max": RECOMMENDED_MAX_PARTICIPANTS,
        },
    )


def participant_detail(request, pk):
    participant = kept_visible_participant(request, pk)
    # Read only when the journey is not in the fragment cache (common.fragments, #16).
    touchpoints = SimpleLazyObject(
        lambda: list(
            participant.touchpoints.select_related("agency").prefetch_related(
                "barrier_links__barrier", "bright_spots"
            )
        )
    )
    log_access(request, Action.READ, participant)
    return render(
        request,
        "stories/participant_detail.html",
        {
            "participant": participant,
            "cohort": participant.cohort,
            "touchpoints": touchpoints,
            "timeline": SimpleLazyObject(lambda: journey_timeline(touchpoints)),
            "needs": SimpleLazyObject(lambda: participant.needs.order_by("name")),
        },
    )


def _refuse_if_withdrawn(request, participant):
    if participant.has_withdrawn:
        messages.error(
            request,
            "This person withdrew their consent, so their journey can no longer be changed.",
        )
        return redirect(participant)
    return None


def _edit_page(request, template, record, form, participant, **context):
    """The form that edits `record` in `participant`'s journey; opening it is logged as a read."""
    if request.method == "GET":
        log_access(request, Action.READ, record)
    context.update(form=form, participant=participant, cohort=participant.cohort)
    return render(request, template, context)


def participant_edit(request, pk):
    participant = visible_participant(request, pk)
    refusal = _refuse_if_withdrawn(request, participant)
    if refusal:
        return refusal
    form = ParticipantForm(posted(request), instance=participant, cohort=participant.cohort)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            log_access(request, Action.UPDATE, participant)
        messages.success(request, f"{participant.code}'s details saved.")
        return redirect(participant)
    return _edit_page(request, "stories/participant_form.html", participant, form, participant)


def participant_withdraw(request, pk):
    participant = visible_participant(request, pk)
    if participant.has_withdrawn:
        return redirect(participant)
    form = WithdrawConsentForm(posted(request))
    if request.method == "POST" and form.is_valid():
        withdraw_consent(participant, request.user, request.path)
        messages.success(
            request,
            f"Consent withdrawn for {participant.code}: the narrative has been removed. "
            "Dates, agencies and outcomes are kept as counts.",
        )
        return redirect(participant)
    return render(
        request,
        "stories/participant_withdraw.html",
        {
            "form": form,
            "participant": participant,
            "cohort": participant.cohort,
            "touchpoint_count": participant.touchpoints.count(),
        },
    )


def touchpoint_create(request, pk):
    participant = visible_participant(request, pk)
    refusal = _refuse_if_withdrawn(request, participant)
    if refusal:
        return refusal
    form = TouchpointForm(posted(request), participant=participant)
    if request.method == "POST" and form.is_valid():
        touchpoint = save_touchpoint(form, participant, request)
        messages.success(request, f"Touchpoint on {touchpoint.date:%d %b %Y} added.")
        return redirect(participant)
    return render(
        request,
        "stories/touchpoint_form.html",
        {"form": form, "participant": participant, "cohort": participant.cohort},
    )


def touchpoint_edit(request, pk):
    touchpoint = visible_touchpoint(request, pk)
    participant = touchpoint.participant
    refusal = _refuse_if_withdrawn(request, participant)
    if refusal:
        return refusal
    form = TouchpointForm(posted(request), instance=touchpoint)
    if request.method == "POST" and form.is_valid():
        save_touchpoint(form, participant, request)
        messages.success(request, "Touchpoint saved.")
        return redirect(participant)
    return _edit_page(
        request,
        "stories/touchpoint_form.html",
        touchpoint,
        form,
        participant,
        touchpoint=touchpoint,
    )
