"""A learning record's engine document is lean: each text indexed once per analysis the learning
search uses, and its taxonomy links flat id lists rather than nested documents.

The mapping tests need no engine; the others run on a real node (`pytest --search-node`).
"""

from django.core.management import call_command
from django.test import override_settings

import pytest

from search.backends.base import FACET_COLUMNS
from search.backends.engine_query import es_field
from search.engine.documents import FACET_FIELDS
from search.models import LearningRecord
from search.service import search_learning

from .conftest import refresh_engine
from .test_engine_outbox import DOWN

DATABASE = {"default": {"BACKEND": "wagtail.search.backends.database"}}
TAXONOMY_FACETS = ("principle", "priority", "need", "theme", "agency")


def learning_mapping():
    from wagtail.search.backends import get_search_backend

    return get_search_backend().mapping_class(LearningRecord)


@override_settings(WAGTAILSEARCH_BACKENDS=DOWN)
def test_the_mapping_has_no_catch_all_copies_and_no_nested_links():
    properties = learning_mapping().get_mapping()["properties"]
    assert not [name for name in properties if name.startswith(("_all_text", "_edgengrams"))]
    assert not [name for name, field in properties.items() if "copy_to" in field]
    assert not [name for name, field in properties.items() if field["type"] == "nested"]
    for relation in ("principles", "priorities", "needs", "themes", "agencies"):
        assert properties[f"{relation}_filter"]["type"] == "keyword"


@override_settings(WAGTAILSEARCH_BACKENDS=DOWN)
def test_every_facet_is_counted_over_keyword_ordinals_built_before_the_first_search():
    properties = learning_mapping().get_mapping()["properties"]
    facets = {es_field(name)[1] for name in FACET_COLUMNS}
    assert facets == {
        "kind_filter", "level_filter", "category_id_filter", "area_id_filter", "year_filter",
        "principles_filter", "priorities_filter", "needs_filter", "themes_filter",
        "agencies_filter",
    }  # fmt: skip
    for name in facets:
        assert properties[name] == {"type": "keyword", "eager_global_ordinals": True}, name
    assert set(FACET_FIELDS) == facets
    # Fields that are not facets keep Wagtail's mapping (dates stay dates for ranges and sorting).
    assert properties["date_filter"]["type"] == "date"
    assert "eager_global_ordinals" not in properties["external_id_filter"]


class CreatedIndexes:
    """Stands for the client's `indices`: keeps the body each index was created with."""

    def __init__(self):
        self.bodies = {}

    def create(self, index, body):
        self.bodies[index] = body


def created_learning_index_settings(monkeypatch):
    """The index settings `rebuild_search` would create the learning index with."""
    from wagtail.search.backends import get_search_backend

    from search import synonyms

    monkeypatch.setattr(synonyms, "solr_rules", list)  # no database needed for the synonyms
    index = get_search_backend().get_index_for_model(LearningRecord)
    indices = CreatedIndexes()
    monkeypatch.setattr(index, "es", type("Client", (), {"indices": indices})())
    index.put()
    return indices.bodies[index.name]["settings"]["index"]


@override_settings(WAGTAILSEARCH_BACKENDS=DOWN, SEARCH_SLICES=2)
def test_search_slices_search_one_requests_segments_on_that_many_threads(monkeypatch):
    search = created_learning_index_settings(monkeypatch)["search"]
    assert search == {
        "concurrent_segment_search": {"mode": "all"},
        "concurrent": {"max_slice_count": 2},
    }


@override_settings(WAGTAILSEARCH_BACKENDS=DOWN, SEARCH_SLICES=1)
def test_one_search_slice_leaves_opensearchs_default(monkeypatch):
    assert "search" not in created_learning_index_settings(monkeypatch)


@pytest.mark.django_db
@override_settings(WAGTAILSEARCH_BACKENDS=DOWN)
def test_other_models_keep_wagtails_catch_all_field():
    from wagtail.search.backends import get_search_backend
    from wagtail.search.index import get_indexed_models

    backend = get_search_backend()
    others = [model for model in get_indexed_models() if model is not LearningRecord]
    assert others
    mapping = backend.mapping_class(others[0]).get_mapping()["properties"]
    assert mapping["_all_text"]["analyzer"] == "learning_index"


@pytest.mark.search_node
@pytest.mark.django_db
def test_one_engine_document_per_record(corpus):
    from wagtail.search.backends import get_search_backend

    refresh_engine()
    backend = get_search_backend()
    index = backend.get_index_for_model(LearningRecord).name
    primaries = backend.es.indices.stats(index=index)["_all"]["primaries"]
    # Nested taxonomy documents would count here too (several per record).
    assert primaries["docs"]["count"] == LearningRecord.objects.count()


def taxonomy_facets_and_filtered_counts(user):
    everything = search_learning(user, "")
    found = {}
    for facet in TAXONOMY_FACETS:
        counts = {value: count for value, _label, count in everything.facets[facet]}
        found[facet] = counts
        for value in list(counts)[:3]:
            page = search_learning(user, "", filters={facet: [value]}, page_size=1)
            found[facet, value] = page.count
    return found


@pytest.mark.search_node
@pytest.mark.django_db
def test_taxonomy_facets_and_filters_count_as_the_database_does(practitioner, corpus):
    refresh_engine()
    on_engine = taxonomy_facets_and_filtered_counts(practitioner)
    with override_settings(WAGTAILSEARCH_BACKENDS=DATABASE):
        call_command("rebuild_search", "--records-only", verbosity=0)
        on_database = taxonomy_facets_and_filtered_counts(practitioner)
    assert all(on_engine[facet] for facet in TAXONOMY_FACETS)
    assert on_engine == on_database


def every_facet(user):
    """Every facet's (value, label, count) rows for a few searches, filtered and not."""
    searches = [
        ("", {}),
        ("housing", {}),
        ("mental health", {}),
        ("", {"type": ["barrier"]}),
        ("housing", {"year": [2023, 2024]}),
    ]
    return {
        (text, repr(filters)): search_learning(user, text, filters=filters).facets
        for text, filters in searches
    }


@pytest.mark.search_node
@pytest.mark.django_db
def test_every_facet_counts_and_labels_as_the_database_does(practitioner, corpus):
    """The engine's keyword buckets come back as the database's values (ids and years are
    numbers there), so the counts, labels and order are the database's."""
    refresh_engine()
    on_engine = every_facet(practitioner)
    with override_settings(WAGTAILSEARCH_BACKENDS=DATABASE):
        call_command("rebuild_search", "--records-only", verbosity=0)
        on_database = every_facet(practitioner)
    assert all(facets["year"] and facets["area"] for facets in on_engine.values())
    assert on_engine == on_database


@pytest.mark.search_node
@pytest.mark.django_db
def test_wagtails_own_autocomplete_reads_the_title(corpus):
    from wagtail.search.backends import get_search_backend

    refresh_engine()
    found = get_search_backend().autocomplete("housing fir", LearningRecord)
    assert any("Housing First" in record.title for record in found)


@pytest.mark.django_db
def test_documents_hold_exactly_the_records_asked_for(corpus):
    from search.engine.documents import learning_documents

    ids = list(LearningRecord.objects.order_by("pk").values_list("pk", flat=True))
    # Every other record (read through a range of ids), and two far apart (read by IN).
    alternate, apart = ids[::2], [ids[0], ids[-1] + 1000, ids[-1]]
    assert sorted(learning_documents(alternate)) == alternate
    assert sorted(learning_documents(apart)) == [ids[0], ids[-1]]
    record = LearningRecord.objects.filter(needs__isnull=False).order_by("pk").first()
    document = learning_documents([record.pk])[record.pk]
    assert sorted(document["needs_filter"]) == sorted(record.needs.values_list("pk", flat=True))
