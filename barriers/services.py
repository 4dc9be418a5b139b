"""Writes to the barrier log that other apps call: a review, a forum or a journey meeting a snag."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from .models import Barrier, BarrierEvent, Occurrence


@transaction.atomic
def record_occurrence(
    barrier,
    *,
    date=None,
    source=Occurrence.Source.PRACTITIONER,
    agency=None,
    area=None,
    note="",
    source_object=None,
    user=None,
):
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
    occurrence.save()
    occurrence.reopened = barrier.is_closed
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
        barrier.save(update_fields=["status", "resolved_at", "reopened_count", "updated_at"])
        BarrierEvent.objects.create(
            barrier=barrier,
            kind=BarrierEvent.Kind.REOPENED,
            detail=f"Reopened: met again while {previous.lower()}",
            user=user,
        )
    else:
        # Keeps updated_at, and the search index's occurrence notes, current.
        barrier.save(update_fields=["updated_at"])
    return occurrence
