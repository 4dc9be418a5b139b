from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F, Min

import pytest

from barriers.models import Barrier, Occurrence

pytestmark = pytest.mark.django_db


def test_generates_the_requested_sizes_with_skewed_recurrence():
    out = StringIO()
    call_command(
        "generate_barriers", barriers=40, occurrences=600, agencies=12, areas=4, stdout=out
    )
    assert "Generated 40 barriers and 600 occurrences" in out.getvalue()
    assert Barrier.objects.count() == 40
    assert Occurrence.objects.count() == 600
    counts = sorted(Barrier.objects.annotate(n=Count("occurrences")).values_list("n", flat=True))
    assert counts[0] >= 1
    assert counts[-1] > 3 * counts[len(counts) // 2]  # a few barriers met far more often
    # first_met is the first occurrence, as the dashboard's "new" and "recurring" assume.
    mismatched = Barrier.objects.annotate(first=Min("occurrences__date")).exclude(
        first=F("first_met")
    )
    assert not mismatched.exists()
    resolved = Barrier.objects.filter(status="resolved")
    assert all(b.resolved_at.date() >= b.first_met for b in resolved)


def test_refuses_fewer_occurrences_than_barriers():
    with pytest.raises(CommandError):
        call_command("generate_barriers", barriers=10, occurrences=5, stdout=StringIO())
