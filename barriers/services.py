"""Writes to the barrier log that other apps call: a review, a forum or a journey meeting a snag."""

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from .models import Barrier, BarrierEvent, BarrierMonth, Occurrence


@transaction.atomic
def record_occurrence(
    barrier: Barrier,
    *,
    date: datetime.date | None = None,
    source: str = Occurrence.Source.PRACTITIONER,
    agency: Any = None,
    area: Any = None,
    note: str = "",
    source_object: Any = None,
    user: Any = None,
) -> Occurrence:
    """Count one more meeting of `barrier`. A resolved or closed barrier is reopened, and says so.

    Returns the new Occurrence; `occurrence.reopened` tells the caller whether it reopened.
    """
    barrier = Barrier.objects.select_for_update().get(pk=barrier.pk)
    while barrier.merged_into_id:
        barrier = Barrier.objects.select_for_update().get(pk=barrier.merged_into_id)
    occurrence = Occurrence(
        barrier=barrier,
        date=date or timezone.localdate(),
        source=source,
        agency=agency,
        area=area,
        note=note,
        recorded_by=user,
    )
    if source_object is not None:
        occurrence.source_type = ContentType.objects.get_for_model(source_object)
        occurrence.source_id = str(source_object.pk)
    occurrence.full_clean(exclude=["barrier", "source_type", "recorded_by"])
    occurrence.reopened = barrier.is_closed
    # first_met is the first occurrence: "new" and "recurring" per month and the age bands
    # count from it, so an occurrence dated earlier (recorded late) moves it back.
    update_fields = ["updated_at"]
    if occurrence.date < barrier.first_met:
        barrier.first_met = occurrence.date
        update_fields.append("first_met")
    if update_fields == ["updated_at"] and not occurrence.reopened:
        # Only the barrier's time changes: set it before the occurrence is saved, whose save
        # brings the barrier's search record up to date (occurrence notes included) once; a
        # save of the barrier as well would rebuild that record a second time.
        barrier.updated_at = timezone.now()
        Barrier.objects.filter(pk=barrier.pk).update(updated_at=barrier.updated_at)
        update_fields = []
    occurrence.save()
    BarrierEvent.objects.create(
        barrier=barrier,
        kind=BarrierEvent.Kind.OCCURRENCE,
        detail=f"Met again ({occurrence.get_source_display()})",
        user=user,
    )
    if occurrence.reopened:
        previous = barrier.get_status_display()
        barrier.status = Barrier.Status.OPEN
        barrier.resolved_at = None
        barrier.reopened_count += 1
        update_fields += ["status", "resolved_at", "reopened_count"]
        barrier.save(update_fields=update_fields)
        BarrierEvent.objects.create(
            barrier=barrier,
            kind=BarrierEvent.Kind.REOPENED,
            detail=f"Reopened: met again while {previous.lower()}",
            user=user,
        )
    elif update_fields:
        # Keeps updated_at, first_met and the search index's occurrence notes current.
        barrier.save(update_fields=update_fields)
    return occurrence


@transaction.atomic
def log_new_barrier(
    barrier: Barrier, *, themes: Any = (), date: datetime.date | None = None, agency: Any = None,
    area: Any = None, note: str = "", user: Any = None,
) -> Occurrence:  # fmt: skip
    """Save a newly logged barrier with its first occurrence and a 'created' event.

    One transaction: if any write fails nothing is left behind.
    """
    barrier.created_by = user
    barrier.first_met = date or timezone.localdate()
    if area is not None and barrier.area_id is None:
        barrier.area = area
    barrier.save()
    if themes:
        barrier.themes.set(themes)
    if agency is not None:
        barrier.agencies.add(agency)
    BarrierEvent.objects.create(
        barrier=barrier, kind=BarrierEvent.Kind.CREATED, detail="Logged as a new barrier", user=user
    )
    occurrence = record_occurrence(
        barrier, date=barrier.first_met, agency=agency, area=area, note=note, user=user
    )
    return occurrence


@transaction.atomic
def count_again(
    barrier: Barrier, *, date: datetime.date | None = None, agency: Any = None, area: Any = None,
    note: str = "", user: Any = None,
) -> Occurrence:  # fmt: skip
    """A practitioner met an existing barrier: one more occurrence, and the agency is involved."""
    occurrence = record_occurrence(
        barrier, date=date, agency=agency, area=area, note=note, user=user
    )
    if agency is not None:
        occurrence.barrier.agencies.add(agency)
    return occurrence


@transaction.atomic
def save_barrier_changes(
    barrier: Barrier, changed_fields: Any, *, user: Any = None, previous: Any = None
) -> Barrier:
    """Save an edited barrier and record what changed in its history.

    `previous` holds the status, escalation level and response date before the edit.
    """
    previous = previous or {}
    old_status = previous.get("status", barrier.status)
    if barrier.status != old_status:
        if barrier.status == Barrier.Status.RESOLVED:
            barrier.resolved_at = timezone.now()
        elif barrier.status not in Barrier.CLOSED_STATUSES:
            barrier.resolved_at = None
        elif barrier.resolved_at is None:
            barrier.resolved_at = timezone.now()
    barrier.save()
    old_label = Barrier.Status(old_status).label
    if barrier.status != old_status:
        BarrierEvent.objects.create(
            barrier=barrier,
            kind=BarrierEvent.Kind.STATUS,
            detail=f"Status changed from {old_label.lower()} to "
            f"{barrier.get_status_display().lower()}",
            user=user,
        )
    old_level = previous.get("escalation_level", barrier.escalation_level)
    if barrier.escalation_level != old_level or barrier.response_due != previous.get(
        "response_due", barrier.response_due
    ):
        due = f", response due {barrier.response_due:%d %b %Y}" if barrier.response_due else ""
        BarrierEvent.objects.create(
            barrier=barrier,
            kind=BarrierEvent.Kind.ESCALATED,
            detail=f"Escalation: {barrier.get_escalation_level_display().lower()}{due}",
            user=user,
        )
    others = sorted(
        set(changed_fields) - {"status", "escalation_level", "response_due", "resolved_at"}
    )
    if others:
        BarrierEvent.objects.create(
            barrier=barrier,
            kind=BarrierEvent.Kind.EDITED,
            detail="Edited: " + ", ".join(name.replace("_", " ") for name in others),
            user=user,
        )
    return barrier


@transaction.atomic
def merge_barriers(duplicate: Barrier, target: Barrier, *, user: Any = None) -> int:
    """Merge `duplicate` into `target`: occurrences move, vocabularies are unioned, the duplicate
    is closed and points at the target, and both histories say so. Returns the moved count."""
    if duplicate.pk == target.pk:
        raise ValueError("A barrier cannot be merged into itself.")
    duplicate = Barrier.objects.select_for_update().get(pk=duplicate.pk)
    target = Barrier.objects.select_for_update().get(pk=target.pk)
    if duplicate.merged_into_id or target.merged_into_id:
        raise ValueError("One of these barriers has already been merged.")
    moved = Occurrence.objects.filter(barrier=duplicate).update(barrier=target)
    BarrierMonth.objects.rebuild([duplicate.pk, target.pk])
    target.themes.add(*duplicate.themes.all())
    target.needs.add(*duplicate.needs.all())
    target.specific_groups.add(*duplicate.specific_groups.all())
    target.agencies.add(*duplicate.agencies.all())
    target.tags.add(*duplicate.tags.all())
    if duplicate.first_met < target.first_met:
        target.first_met = duplicate.first_met
    target.save()
    duplicate.merged_into = target
    duplicate.status = Barrier.Status.CLOSED
    duplicate.save()
    Barrier.objects.filter(merged_into=duplicate).update(merged_into=target)
    BarrierEvent.objects.create(
        barrier=duplicate,
        kind=BarrierEvent.Kind.MERGED,
        detail=f"Merged into “{target.title}” (#{target.pk}); {moved} occurrences moved",
        user=user,
    )
    BarrierEvent.objects.create(
        barrier=target,
        kind=BarrierEvent.Kind.MERGED,
        detail=f"“{duplicate.title}” (#{duplicate.pk}) merged in; {moved} occurrences moved",
        user=user,
    )
    return moved
