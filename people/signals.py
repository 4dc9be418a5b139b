"""Deactivating an account ends its sessions at once, wherever it is signed in. A second-factor
device added, confirmed or removed is a write to `people` (common.fragments), which the device
tables are not: they are also written at each use."""

from django.contrib.sessions.models import Session
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.services import Kind, record
from common import fragments

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


DEVICES = (TOTPDevice, StaticDevice)


def remember_if_confirmed(sender, instance, **kwargs):
    instance._was_confirmed = (
        instance.pk is not None and sender.objects.filter(pk=instance.pk, confirmed=True).exists()
    )


def device_changed(sender, instance, created=False, **kwargs):
    """`two_factor.has_second_factor` is kept per person: read it afresh when a device is
    confirmed, unconfirmed or removed (not when a use only moves its counter)."""
    was_confirmed = getattr(instance, "_was_confirmed", instance.confirmed)
    only_used = kwargs.get("signal") is post_save and not created
    if only_used and instance.confirmed == was_confirmed:
        return
    fragments.data_changed({"people"})


for device_model in DEVICES:
    pre_save.connect(remember_if_confirmed, sender=device_model)
    post_save.connect(device_changed, sender=device_model)
    post_delete.connect(device_changed, sender=device_model)
