import datetime
from io import StringIO

from django.core import mail
from django.core.management import call_command

import pytest

from barriers.factories import BarrierFactory, OccurrenceFactory
from barriers.models import BarrierAlert
from people import roles
from people.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 30)


def run(**options):
    out = StringIO()
    call_command("send_barrier_alerts", f"--today={TODAY}", stdout=out, **options)
    return out.getvalue()


def meet(barrier, *days_ago, agency=None):
    for days in days_ago:
        OccurrenceFactory(
            barrier=barrier, date=TODAY - datetime.timedelta(days=days), agency=agency
        )


@pytest.fixture
def people(leader):
    owner = UserFactory(username="owner", email="owner@example.org", roles=[roles.PRACTITIONER])
    return {"leader": leader, "owner": owner}


def test_three_occurrences_in_thirty_days_alerts_owner_and_leaders(people):
    barrier = BarrierFactory(title="Eligibility threshold", owner=people["owner"])
    meet(barrier, 1, 10, 29)

    output = run()

    assert "Alerted 1 barrier(s) to 2 recipient(s)." in output
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["leader@example.org", "owner@example.org"]
    assert "Eligibility threshold" in mail.outbox[0].body
    assert "met 3 times at 0 agencies" in mail.outbox[0].body
    alert = BarrierAlert.objects.get()
    assert (alert.barrier, alert.window_end, alert.occurrences) == (barrier, TODAY, 3)


def test_below_threshold_does_not_alert(people):
    barrier = BarrierFactory()
    meet(barrier, 1, 10)  # two in the window
    meet(barrier, 30, 40)  # outside the 30-day window (day 30 back is day 31 of the window)
    assert "No barriers crossed a threshold." in run()
    assert mail.outbox == []
    assert not BarrierAlert.objects.exists()


def test_two_agencies_alert(people, agencies):
    barrier = BarrierFactory()
    meet(barrier, 2, agency=agencies[0])
    meet(barrier, 5, agency=agencies[1])
    run()
    assert BarrierAlert.objects.get().agencies == 2
    assert len(mail.outbox) == 1


def test_fires_once_not_twice(people):
    barrier = BarrierFactory(owner=people["owner"])
    meet(barrier, 1, 2, 3)
    run()
    sent = len(mail.outbox)
    assert run() == "No barriers crossed a threshold.\n"
    assert len(mail.outbox) == sent
    assert BarrierAlert.objects.count() == 1


def test_configurable_thresholds(people):
    barrier = BarrierFactory()
    meet(barrier, 1, 2, 3)
    run(occurrences=4, agencies=5)
    assert mail.outbox == []
    run(occurrences=4, agencies=5, days=60)
    assert mail.outbox == []
    meet(barrier, 50)
    run(occurrences=4, agencies=5, days=60)
    assert len(mail.outbox) == 1


def test_dry_run_sends_and_records_nothing(people):
    meet(BarrierFactory(), 1, 2, 3)
    assert "Would email leader@example.org: 1 barrier(s)" in run(dry_run=True)
    assert mail.outbox == []
    assert not BarrierAlert.objects.exists()


def test_merged_barriers_are_ignored(people):
    barrier = BarrierFactory(merged_into=BarrierFactory())
    meet(barrier, 1, 2, 3)
    assert "No barriers crossed" in run()
