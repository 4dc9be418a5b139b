"""The second factor: an authenticator app (TOTP) and single-use recovery codes, via django-otp.

Required for the roles in settings.TWO_FACTOR_REQUIRED_ROLES; anyone else may turn it on.
"""

from django.conf import settings
from django.db import transaction

import segno
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from common import fragments

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def is_required_for(user):
    required = getattr(settings, "TWO_FACTOR_REQUIRED_ROLES", [])
    if not required or not user.is_authenticated:
        return False
    return user.has_role(*required)


def has_second_factor(user):
    """Whether the account has a confirmed device. Asked on every request (people.middleware), so
    it is kept per person until a write to `people`; adding, confirming or removing a device is
    one (people.signals)."""
    return user.is_authenticated and fragments.per_person(
        user, "has-second-factor", lambda: user_has_device(user)
    )


def is_confirmed_device_of(user, persistent_id):
    """Whether `persistent_id` (the device django-otp names in a session after the second factor)
    is a confirmed device of `user`. Asked on every request of a verified session
    (people.middleware.SecondFactorMiddleware), so it is kept per person until a write to
    `people`: adding, confirming or removing a device is one (people.signals). The device itself,
    its secret included, is never kept."""
    return fragments.per_person(
        user, f"confirmed-device:{persistent_id}", lambda: _confirmed_device(user, persistent_id)
    )


def _confirmed_device(user, persistent_id):
    device = Device.from_persistent_id(persistent_id)
    return device is not None and device.user_id == user.pk and device.confirmed


def pending_app_device(user):
    """The unconfirmed authenticator device being set up (made on first visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def readable_key(device):
    """The base32 secret, in groups of four, for typing into an app without a camera."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device):
    """The setup QR code as inline SVG markup (no image request, no inline script)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, title="Setup QR code")


@transaction.atomic
def confirm_app_device(device, token):
    """Confirm the app device if `token` is right; replace any older app device. Returns bool."""
    if not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


@transaction.atomic
def new_recovery_codes(user):
    """Replace the user's recovery codes; returns the plain codes (shown once)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def turn_off(user):
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def normalise_token(text):
    return "".join((text or "").split()).lower()
