"""Deactivating an account ends its sessions at once, wherever it is signed in."""

from django.contrib.sessions.models import Session
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from audit.services import Kind, record

from .models import User


@receiver(m2m_changed, sender=User.groups.through)
def forget_group_names(sender, instance, **kwargs):
    """`User.group_names` is read once per instance: an instance whose groups change forgets it."""
    instance.__dict__.pop("group_names", None)


@receiver(pre_save, sender=User)
def remember_if_active(sender, instance, **kwargs):
    instance._was_active = (
        instance.pk is not None and User.objects.filter(pk=instance.pk, is_active=True).exists()
    )


@receiver(post_save, sender=User)
def end_sessions_when_deactivated(sender, instance, created, **kwargs):
    if created or instance.is_active or not getattr(instance, "_was_active", False):
        return
    end_sessions(instance)
    record(Kind.ACCOUNT, user=instance, detail="Deactivated; sessions ended")


def end_sessions(user):
    """Delete every live session signed in as `user` (database sessions, the default)."""
    user_id = str(user.pk)
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == user_id
    ]
    Session.objects.filter(pk__in=doomed).delete()
