from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from brightspots.factories import ForumSessionPageFactory
from brightspots.models import CallForPresentationsMailing
from people.factories import UserFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("send_call_for_presentations", *args, stdout=out)
    return out.getvalue()


def test_call_goes_to_every_active_user_once():
    people = UserFactory.create_batch(3)
    UserFactory(is_active=False)
    open_call = ForumSessionPageFactory(
        call_for_presentations="Share what worked with *housing*.",
        presentations_close_on=timezone.localdate() + timedelta(days=3),
    )
    ForumSessionPageFactory(call_for_presentations="")
    ForumSessionPageFactory(
        call_for_presentations="Closed",
        presentations_close_on=timezone.localdate() - timedelta(days=1),
    )
    assert "Sent the call for 1 session." in run()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert "Share what worked with housing." in mail.outbox[0].body
    assert CallForPresentationsMailing.objects.get(session=open_call).recipients == 3
    assert "Sent the call for 0 sessions." in run()
    assert len(mail.outbox) == 3
