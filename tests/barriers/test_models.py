import datetime

from django.utils import timezone

import pytest

from barriers.factories import BarrierFactory, OccurrenceFactory
from barriers.models import Barrier

pytestmark = pytest.mark.django_db


def test_with_recurrence_counts_occurrences_agencies_areas_and_dates(agencies, areas):
    barrier = BarrierFactory()
    day = datetime.date(2026, 3, 1)
    OccurrenceFactory(barrier=barrier, date=day, agency=agencies[0], area=areas[0])
    OccurrenceFactory(barrier=barrier, date=day + datetime.timedelta(days=5), agency=agencies[0])
    OccurrenceFactory(
        barrier=barrier, date=day + datetime.timedelta(days=9), agency=agencies[2], area=areas[1]
    )

    annotated = Barrier.objects.with_recurrence().get(pk=barrier.pk)
    assert annotated.occurrence_count == 3
    assert annotated.agency_count == 2
    assert annotated.area_count == 2
    assert annotated.first_seen == day
    assert annotated.last_seen == datetime.date(2026, 3, 10)


def test_default_response_due_dates():
    start = datetime.date(2026, 1, 1)
    assert Barrier.default_response_due("operational", start) == datetime.date(2026, 1, 15)
    assert Barrier.default_response_due("strategic", start) == datetime.date(2026, 1, 29)
    assert Barrier.default_response_due("practitioner", start) is None


def test_overdue_only_when_past_due_and_not_resolved():
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    late = BarrierFactory(escalation_level="operational", response_due=yesterday)
    resolved = BarrierFactory(
        escalation_level="operational", response_due=yesterday, status="resolved"
    )
    on_time = BarrierFactory(escalation_level="strategic", response_due=timezone.localdate())
    assert late.is_overdue() and not resolved.is_overdue() and not on_time.is_overdue()
    assert list(Barrier.objects.overdue()) == [late]
