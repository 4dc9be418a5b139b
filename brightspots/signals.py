"""What follows a forum session being published, from the front end or the Wagtail admin."""

from django.db import transaction
from django.dispatch import receiver

from wagtail.signals import page_published

from . import notifications, registrations
from .models import ForumSessionPage
from .models.moderation import decision_made


@receiver(page_published, sender=ForumSessionPage, dispatch_uid="brightspots_session_published")
def session_published(sender, instance, revision=None, **kwargs):
    user = getattr(revision, "user", None)
    with transaction.atomic():
        # A host may have raised the capacity: the waiting list gets the new places first.
        registrations.fill_free_places(instance)
        count_barriers_raised(instance, user=user)


def _current(barrier):
    while barrier.merged_into_id:
        barrier = barrier.merged_into
    return barrier


def count_barriers_raised(session, user=None):
    """Each barrier raised at a session is met once more, from the forum, in the barrier log.

    Linking a barrier records one occurrence for this session; unlinking it removes that one.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from barriers.models import Occurrence
    from barriers.services import record_occurrence

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


@receiver(decision_made)
def tell_the_submitter(sender, decision, **kwargs):
    notifications.moderation_decided(decision)
