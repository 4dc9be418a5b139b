"""One demo user per role, for trying the site. Development only: the password is printed."""

from django.conf import settings
from django.contrib.auth.models import Group

from taxonomy.models import Agency

from . import roles
from .models import User

DEMO_USERS = [
    ("practitioner", "Priya", "Shah", roles.PRACTITIONER, "Lambeth Outreach Team", "Outreach worker"),
    ("host", "Femi", "Adeyemi", roles.FORUM_HOST, "Gateshead Adult Social Care", "Service manager"),
    ("facilitator", "Ruth", "Campbell", roles.REVIEW_FACILITATOR, "Gateshead Community Mental Health Team", "Practice lead"),
    ("caseteam", "Sam", "Okoro", roles.CASE_LEARNING_TEAM, "Experts by Experience Network", "Lead practitioner"),
    ("leader", "Helen", "Barker", roles.LEADER, "Wolverhampton Council Adult Services", "Head of commissioning"),
    ("admin", "Alex", "Morgan", roles.ADMINISTRATOR, "Gateshead Adult Social Care", "Platform administrator"),
]  # fmt: skip


# The demo authenticator key (hex) for the roles that need a second factor. Development only:
# `manage.py show_demo_code` prints the current code; an app can use demo_key_base32().
DEMO_OTP_KEY = "3132333435363738393031323334353637383930"


def demo_password():
    return getattr(settings, "DEMO_PASSWORD", "brightspots-demo")


def demo_key_base32():
    from base64 import b32encode

    return b32encode(bytes.fromhex(DEMO_OTP_KEY)).decode()


def demo_code():
    """The code an authenticator app with the demo key shows now."""
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(DEMO_OTP_KEY)):06d}"


def give_demo_device(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.get_or_create(
        user=user, name="Demo authenticator", defaults={"key": DEMO_OTP_KEY, "confirmed": True}
    )


def seed(stdout):
    for username, first, last, role, agency, job_title in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.brightspots.invalid",
                "agency": Agency.objects.get(name=agency),
                "job_title": job_title,
                "is_staff": role == roles.ADMINISTRATOR,
                "is_superuser": role == roles.ADMINISTRATOR,
            },
        )
        if created:
            user.set_password(demo_password())
            user.save()
        user.groups.add(Group.objects.get(name=role))
        if role in settings.TWO_FACTOR_REQUIRED_ROLES:
            give_demo_device(user)
        if role != roles.PRACTITIONER:
            # Everyone is a practitioner first; roles add to that.
            user.groups.add(Group.objects.get(name=roles.PRACTITIONER))
    stdout.write(f"  {len(DEMO_USERS)} demo users")
