"""The barrier log and a barrier's page make as many queries with 3n rows as with n (#16)."""

import pytest

from barriers.factories import BarrierEventFactory, BarrierFactory, OccurrenceFactory
from taxonomy.models import BarrierTheme, Need

# Every test here uses the database, some through a fixture named by a parameter: marked, so
# they run before the committed tests, which leave the tables empty (pytest-django's order).
pytestmark = pytest.mark.django_db


def barriers(count, agencies):
    themes = list(BarrierTheme.objects.all()[:2])
    needs = list(Need.objects.all()[:2])
    made = []
    for _ in range(count):
        barrier = BarrierFactory(themes=themes, needs=needs, agencies=agencies[:2])
        OccurrenceFactory.create_batch(2, barrier=barrier, agency=agencies[0])
        made.append(barrier)
    return made


def test_barrier_page_queries_do_not_grow_with_occurrences_or_history(
    practitioner_client, agencies, page_queries
):
    barrier = barriers(1, agencies)[0]
    url = f"/barriers/{barrier.pk}/"
    BarrierEventFactory.create_batch(2, barrier=barrier)
    before = page_queries(practitioner_client, url)
    OccurrenceFactory.create_batch(6, barrier=barrier, agency=agencies[1])
    BarrierEventFactory.create_batch(4, barrier=barrier)
    assert page_queries(practitioner_client, url) == before


@pytest.mark.parametrize(
    ("signed_in", "url"),
    [("practitioner_client", "/barriers/"), ("leader_client", "/insights/")],
    ids=["barrier log", "insights"],
)
def test_listing_queries_do_not_grow_with_barriers_or_occurrences(
    request, signed_in, url, agencies, page_queries
):
    client = request.getfixturevalue(signed_in)
    barriers(3, agencies)
    before = page_queries(client, url)
    barriers(6, agencies)
    assert page_queries(client, url) == before
