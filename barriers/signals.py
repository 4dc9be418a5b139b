"""Keep the BarrierMonth roll-up in step with every saved or deleted Occurrence (and MonthTally
with every change to a barrier's level, first_met or themes), and count the
barriers raised at a forum session when it is published (the session links them; barriers
depend on Bright Spots, never the other way)."""

from django.contrib.contenttypes.models import ContentType
from django.core.signals import request_started
from django.db import transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from django.dispatch import receiver
from django.utils import timezone

from wagtail.signals import page_published

from brightspots.models import ForumSessionPage

from . import tally
from .models import Barrier, BarrierMonth, Occurrence
from .services import record_occurrence


@receiver(pre_save, sender=Occurrence)
def remember_month(sender, instance, raw=False, **kwargs):
    instance._counted_as = None
    if instance.pk and not raw:
        instance._counted_as = (
            Occurrence.objects.filter(pk=instance.pk).values_list("barrier_id", "date").first()
        )


@receiver(post_save, sender=Occurrence)
def count_month(sender, instance, created, raw=False, **kwargs):
    previous = getattr(instance, "_counted_as", None)
    current = (instance.barrier_id, instance.date)
    if previous == current and not created:
        return
    if previous:
        BarrierMonth.objects.add(*previous, delta=-1)
    BarrierMonth.objects.add(*current)


@receiver(post_delete, sender=Occurrence)
def uncount_month(sender, instance, **kwargs):
    BarrierMonth.objects.add(instance.barrier_id, instance.date, delta=-1)


TALLIED_FIELDS = {"level", "first_met"}

# A request never inherits a bracket a failed write left open in the same worker thread.
request_started.connect(tally.forget, dispatch_uid="barriers_tally_forget")


@receiver(pre_save, sender=Barrier)
def tally_before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    instance._tally_ids = set()
    if instance.pk and not raw and (update_fields is None or TALLIED_FIELDS & set(update_fields)):
        instance._tally_ids = tally.begin([instance.pk])


@receiver(post_save, sender=Barrier)
def tally_after_save(sender, instance, **kwargs):
    tally.end(getattr(instance, "_tally_ids", set()))


@receiver(pre_delete, sender=Barrier)
def tally_before_delete(sender, instance, **kwargs):
    instance._tally_ids = tally.begin([instance.pk])


@receiver(post_delete, sender=Barrier)
def tally_after_delete(sender, instance, **kwargs):
    tally.end(getattr(instance, "_tally_ids", set()))


@receiver(m2m_changed, sender=Barrier.themes.through)
def tally_themes(sender, instance, action, reverse, pk_set, **kwargs):
    if action.startswith("pre_"):
        if not reverse:
            ids = [instance.pk]
        elif pk_set is not None:
            ids = list(pk_set)
        else:  # a theme's barriers cleared
            ids = list(instance.barriers.values_list("pk", flat=True))
        instance._tally_ids = tally.begin(ids)
    elif action.startswith("post_"):
        tally.end(getattr(instance, "_tally_ids", set()))
        instance._tally_ids = set()


@receiver(page_published, sender=ForumSessionPage, dispatch_uid="barriers_session_published")
def session_published(sender, instance, revision=None, **kwargs):
    with transaction.atomic():
        count_barriers_raised(instance, user=getattr(revision, "user", None))


def _current(barrier):
    while barrier.merged_into_id:
        barrier = barrier.merged_into
    return barrier


def count_barriers_raised(session, user=None):
    """Each barrier raised at a session is met once more, from the forum, in the barrier log.

    Linking a barrier records one occurrence for this session; unlinking it removes that one.
    """
    session = ForumSessionPage.objects.get(pk=session.pk)
    recorded = Occurrence.objects.filter(
        source=Occurrence.Source.FORUM,
        source_type=ContentType.objects.get_for_model(ForumSessionPage),
        source_id=str(session.pk),
    )
    counted = set(recorded.values_list("barrier_id", flat=True))
    wanted = set()
    when = min(timezone.localdate(session.starts_at), timezone.localdate())
    for barrier in session.barriers.select_related("merged_into"):
        target = _current(barrier)
        wanted.add(target.pk)
        if target.pk not in counted:
            record_occurrence(
                target,
                date=when,
                source=Occurrence.Source.FORUM,
                source_object=session,
                note=f"Raised at {session.title}"[:500],
                user=user,
            )
            counted.add(target.pk)
    for occurrence in recorded.exclude(barrier_id__in=wanted):
        occurrence.delete()
