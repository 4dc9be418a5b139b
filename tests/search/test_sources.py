"""Reading many source objects at once (`search.sources.prefetched`) for their shared records."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from barriers.models import Barrier
from brightspots.models import BrightSpotPage
from reviews.models import Review
from search import sources
from search.evaluation import JUDGED_CORPUS
from search.interchange import import_file

pytestmark = pytest.mark.django_db
SOURCE_MODELS = (BrightSpotPage, Barrier, Review)


@pytest.fixture
def imported():
    with JUDGED_CORPUS.open(encoding="utf-8") as handle:
        import_file(handle)


def test_records_built_in_bulk_are_those_built_one_by_one(imported):
    # Same terms, in the vocabulary's order, as each object's own relations give them.
    for model in SOURCE_MODELS:
        build = sources.builder_for(model)
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True)[:60])
        in_bulk = {
            obj.pk: build(obj)
            for obj in sources.prefetched(model, model.objects.filter(pk__in=ids))
        }
        one_by_one = {pk: build(model.objects.get(pk=pk)) for pk in ids}
        assert in_bulk == one_by_one, model
        assert any(data and data.keywords for data in in_bulk.values()), model


def test_a_term_named_by_many_objects_is_read_once(imported):
    ids = list(Barrier.objects.order_by("pk").values_list("pk", flat=True)[:80])
    barriers = sources.prefetched(Barrier, Barrier.objects.filter(pk__in=ids))
    needs = [need for barrier in barriers for need in sources.related(barrier, "needs")]
    assert len(needs) > len({need.pk for need in needs})  # some need is named twice or more
    assert len({id(need) for need in needs}) == len({need.pk for need in needs})


def test_reading_more_objects_takes_no_more_queries(imported):
    counts = []
    for size in (5, 60):
        for model in SOURCE_MODELS:
            ids = list(model.objects.order_by("pk").values_list("pk", flat=True)[:size])
            with CaptureQueriesContext(connection) as queries:
                objects = sources.prefetched(model, model.objects.filter(pk__in=ids))
                [sources.builder_for(model)(obj) for obj in objects]
            counts.append((model.__name__, len(queries)))
    assert counts[:3] == counts[3:]
