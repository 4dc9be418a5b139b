"""Wagtail's own index of the source models (what the admin's search reads), written in bulk by
an import (`search.indexing.source_index_entries`)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from modelsearch.conf import get_app_config
from wagtail.search.backends import get_search_backend

import pytest

from barriers.models import Barrier
from brightspots.models import BrightSpotPage
from reviews.models import Review
from search import indexing, sources
from search.evaluation import JUDGED_CORPUS
from search.interchange import import_file

pytestmark = pytest.mark.django_db
SOURCE_MODELS = (BrightSpotPage, Barrier, Review)


@pytest.fixture
def sqlite_backend():
    """Wagtail's SQLite search backend, whose entries an import writes in bulk (skipped on
    PostgreSQL's backend and on an engine, where Wagtail's own `add_bulk` or the outbox do)."""
    backend = get_search_backend()
    if not indexing.writes_sqlite_entries(backend):
        pytest.skip("the entries written in bulk are Wagtail's SQLite backend's")
    return backend


def imported():
    with JUDGED_CORPUS.open(encoding="utf-8") as handle:
        return import_file(handle)


def entries(model):
    from django.contrib.contenttypes.models import ContentType

    IndexEntry = get_app_config().get_model("IndexEntry")  # noqa: N806
    rows = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))
    return {
        row[0]: row[1:]
        for row in rows.values_list("object_id", "title", "autocomplete", "body", "title_norm")
    }


def test_the_admin_search_finds_what_an_import_wrote():
    backend = get_search_backend()
    if hasattr(backend, "send_bulk"):
        pytest.skip("on an engine an import queues these in the outbox (test_engine_outbox.py)")
    summary = imported()
    assert summary["source_index"] is True
    for model in SOURCE_MODELS:
        obj = model.objects.order_by("pk").first()
        word = obj.title.split()[-1]
        found = backend.search(word, model.objects.all())
        assert obj.pk in [item.pk for item in found], (model, word)


def test_an_import_writes_the_entries_wagtails_own_indexing_writes(sqlite_backend):
    imported()
    written = {model: entries(model) for model in SOURCE_MODELS}
    for model in SOURCE_MODELS:
        assert len(written[model]) == model.get_indexed_objects().count() > 10
        sqlite_backend.add_bulk(model, list(model.get_indexed_objects()))
        assert entries(model) == written[model], model


def test_writing_the_entries_queries_as_often_for_many_objects_as_for_few(sqlite_backend):
    imported()
    counts = []
    for size in (5, 40):
        ids = list(Review.objects.order_by("pk").values_list("pk", flat=True)[:size])
        objects = list(sources.prefetched(Review, Review.objects.filter(pk__in=ids)))
        with CaptureQueriesContext(connection) as queries:
            indexing.source_index_entries(Review, objects)
        counts.append(len(queries))
    assert counts[0] == counts[1]
