"""What follows a forum session being published, from the front end or the Wagtail admin."""

from django.db import transaction
from django.dispatch import receiver

from wagtail.signals import page_published

from . import notifications, registrations
from .models import ForumSessionPage
from .models.moderation import decision_made


@receiver(page_published, sender=ForumSessionPage, dispatch_uid="brightspots_session_published")
def session_published(sender, instance, **kwargs):
    # A host may have raised the capacity: the waiting list gets the new places first.
    # (The barriers raised at the session are counted by `barriers.signals`.)
    with transaction.atomic():
        registrations.fill_free_places(instance)


@receiver(decision_made)
def tell_the_submitter(sender, decision, **kwargs):
    notifications.moderation_decided(decision)
