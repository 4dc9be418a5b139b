import io

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from barriers.factories import BarrierFactory
from search.factories import SavedSearchFactory
from search.models import LearningRecord, SearchRow

pytestmark = pytest.mark.django_db


def age(record_title, days):
    """Pretend a record was first shared `days` ago (in the record and its search row)."""
    moment = timezone.now() - timezone.timedelta(days=days)
    LearningRecord.objects.filter(title=record_title).update(shared_at=moment)
    SearchRow.objects.filter(record__title=record_title).update(shared_at=moment)


def test_weekly_digest_lists_only_new_matches(practitioner):
    BarrierFactory(title="Hospital discharge at night with no bed")
    age("Hospital discharge at night with no bed", 30)
    BarrierFactory(title="Hospital discharge without a housing referral")
    BarrierFactory(title="Hostel rules after relapse")
    saved = SavedSearchFactory(user=practitioner, query="hospital discharge")
    out = io.StringIO()
    call_command("send_search_digests", stdout=out)
    assert "sent 1 digest" in out.getvalue()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [practitioner.email]
    assert "1 new match" in message.subject and saved.name in message.subject
    assert "Hospital discharge without a housing referral" in message.body
    assert "at night with no bed" not in message.body
    assert "Hostel rules" not in message.body
    saved.refresh_from_db()
    assert saved.last_sent_at is not None


def test_not_due_or_nothing_new_sends_nothing(practitioner):
    BarrierFactory(title="Hospital discharge without a housing referral")
    SavedSearchFactory(user=practitioner, last_sent_at=timezone.now() - timezone.timedelta(days=2))
    monthly = SavedSearchFactory(user=practitioner, frequency="monthly", query="detox")
    call_command("send_search_digests", stdout=io.StringIO())
    assert mail.outbox == []
    monthly.refresh_from_db()
    assert monthly.last_sent_at < timezone.now() - timezone.timedelta(days=7)


def test_digest_respects_saved_filters(practitioner):
    BarrierFactory(title="Hospital discharge without a housing referral")
    SavedSearchFactory(user=practitioner, filters={"type": ["review"]})
    call_command("send_search_digests", stdout=io.StringIO())
    assert mail.outbox == []
