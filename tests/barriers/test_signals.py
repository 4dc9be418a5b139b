import datetime

import pytest

from barriers import services
from barriers.factories import BarrierFactory, OccurrenceFactory
from barriers.models import BarrierMonth

pytestmark = pytest.mark.django_db


def months(barrier):
    return dict(BarrierMonth.objects.filter(barrier=barrier).values_list("month", "occurrences"))


def test_roll_up_follows_create_move_and_delete():
    barrier = BarrierFactory()
    first = OccurrenceFactory(barrier=barrier, date=datetime.date(2026, 3, 4))
    OccurrenceFactory(barrier=barrier, date=datetime.date(2026, 3, 20))
    assert months(barrier) == {datetime.date(2026, 3, 1): 2}

    first.date = datetime.date(2026, 4, 1)
    first.save()
    assert months(barrier) == {datetime.date(2026, 3, 1): 1, datetime.date(2026, 4, 1): 1}

    first.delete()
    assert months(barrier) == {datetime.date(2026, 3, 1): 1}


def test_merge_rebuilds_the_roll_up():
    target, duplicate = BarrierFactory(), BarrierFactory()
    OccurrenceFactory(barrier=target, date=datetime.date(2026, 5, 2))
    OccurrenceFactory(barrier=duplicate, date=datetime.date(2026, 5, 9))
    services.merge_barriers(duplicate, target)
    assert months(target) == {datetime.date(2026, 5, 1): 2}
    assert months(duplicate) == {}


def test_rebuild_matches_occurrences():
    barrier = BarrierFactory()
    OccurrenceFactory(barrier=barrier, date=datetime.date(2026, 1, 31))
    BarrierMonth.objects.all().delete()
    BarrierMonth.objects.rebuild()
    assert months(barrier) == {datetime.date(2026, 1, 1): 1}
