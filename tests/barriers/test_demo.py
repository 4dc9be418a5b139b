from django.db.models import Sum

import pytest

from barriers import demo
from barriers.models import Barrier, BarrierEvent, BarrierMonth, Occurrence

pytestmark = pytest.mark.django_db


def test_demo_barriers_are_varied_and_idempotent(seed_demo):
    output = seed_demo(demo)
    assert f"{len(demo.BARRIERS)} barriers created" in output
    counts = (Barrier.objects.count(), Occurrence.objects.count(), BarrierEvent.objects.count())
    assert counts[0] == len(demo.BARRIERS) >= 25

    assert "0 barriers created" in seed_demo(demo)
    assert (
        Barrier.objects.count(),
        Occurrence.objects.count(),
        BarrierEvent.objects.count(),
    ) == counts

    assert Barrier.objects.filter(status="resolved").exists()
    assert Barrier.objects.filter(reopened_count__gt=0).exists()
    assert Barrier.objects.overdue().exists()
    assert not Barrier.objects.filter(themes__isnull=True).exists()
    # The dashboard's monthly roll-up covers every demo occurrence.
    assert BarrierMonth.objects.aggregate(n=Sum("occurrences"))["n"] == Occurrence.objects.count()
    # Recurrence is real: first_met is the first occurrence for every demo barrier.
    for barrier in Barrier.objects.with_recurrence():
        assert barrier.first_seen == barrier.first_met
