from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from brightspots.factories import ForumSessionPageFactory, RegistrationFactory
from brightspots.models import Registration

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("send_forum_reminders", *args, stdout=out)
    return out.getvalue()


def test_reminds_registrants_of_sessions_within_24_hours_once():
    soon = ForumSessionPageFactory(starts_at=timezone.now() + timedelta(hours=20))
    later = ForumSessionPageFactory(starts_at=timezone.now() + timedelta(days=5))
    registered = RegistrationFactory(session=soon)
    RegistrationFactory(session=soon, status=Registration.Status.WAITLISTED)
    RegistrationFactory(session=soon, status=Registration.Status.CANCELLED)
    RegistrationFactory(session=later)
    assert "Sent 1 reminder." in run()
    assert [m.to for m in mail.outbox] == [[registered.user.email]]
    assert soon.title in mail.outbox[0].subject
    assert "Sent 0 reminders." in run()
    assert len(mail.outbox) == 1
    assert Registration.objects.get(pk=registered.pk).reminded_at is not None


def test_hours_option_widens_the_window():
    later = ForumSessionPageFactory(starts_at=timezone.now() + timedelta(hours=60))
    RegistrationFactory(session=later)
    assert "Sent 0 reminders." in run()
    assert "Sent 1 reminder." in run("--hours", "72")


def test_dry_run_sends_nothing():
    soon = ForumSessionPageFactory(starts_at=timezone.now() + timedelta(hours=2))
    RegistrationFactory(session=soon)
    assert "Would remind" in run("--dry-run")
    assert mail.outbox == []
