import datetime
from io import StringIO

from django.core.management import call_command

import pytest

from barriers.factories import BarrierFactory
from barriers.models import BarrierMonth, Occurrence

pytestmark = pytest.mark.django_db


def test_rebuild_counts_bulk_loaded_occurrences():
    barrier = BarrierFactory()
    Occurrence.objects.bulk_create(
        Occurrence(barrier=barrier, date=datetime.date(2026, 2, day)) for day in (1, 2, 28)
    )
    assert not BarrierMonth.objects.exists()  # bulk_create sends no signals
    out = StringIO()
    call_command("rebuild_barrier_months", stdout=out)
    assert (
        "Rebuilt 1 barrier-month rows covering 3 of 3 occurrences; 1 summary rows."
        in out.getvalue()
    )
    assert BarrierMonth.objects.get().occurrences == 3


def test_rebuild_one_barrier_leaves_others_alone():
    kept, rebuilt = BarrierFactory(), BarrierFactory()
    BarrierMonth.objects.create(barrier=kept, month=datetime.date(2026, 1, 1), occurrences=9)
    call_command("rebuild_barrier_months", "--barrier", str(rebuilt.pk), stdout=StringIO())
    assert BarrierMonth.objects.get(barrier=kept).occurrences == 9
