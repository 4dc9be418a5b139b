import datetime
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from people.factories import UserFactory
from reviews.factories import ActionFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def overdue_by(days, **kwargs):
    today = timezone.localdate()
    return ActionFactory(
        due=today - datetime.timedelta(days=days),
        review=ReviewFactory(completed=True, date=today - datetime.timedelta(days=60)),
        **kwargs,
    )


def test_each_owner_gets_one_email_listing_their_overdue_actions():
    owner = UserFactory(username="owner", email="owner@example.org")
    overdue_by(3, owner=owner, description="Agree the protocol")
    overdue_by(10, owner=owner, description="Book the joint slot")
    ActionFactory(owner=owner, description="Not due yet")
    overdue_by(5, owner=owner, description="Already done", status="done")
    out = StringIO()
    call_command("send_action_reminders", stdout=out)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["owner@example.org"]
    assert message.subject == "2 overdue actions from reviews"
    assert "Agree the protocol" in message.body and "Book the joint slot" in message.body
    assert "Not due yet" not in message.body and "Already done" not in message.body
    assert "1 owner with overdue actions." in out.getvalue()


def test_min_days_and_dry_run():
    owner = UserFactory(username="owner", email="owner@example.org")
    overdue_by(2, owner=owner)
    out = StringIO()
    call_command("send_action_reminders", "--min-days", "7", stdout=out)
    assert mail.outbox == []
    assert "0 owners" in out.getvalue()
    out = StringIO()
    call_command("send_action_reminders", "--dry-run", stdout=out)
    assert mail.outbox == []
    assert "Would email owner: 1 overdue action from reviews" in out.getvalue()
