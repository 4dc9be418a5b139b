"""Saves with an engine configured but unreachable: nothing fails, nothing is lost.

The engine here is OpenSearch at a port where nothing listens (no node needed); the same code
against a running node is in test_engine_node.py.
"""

from django.contrib.contenttypes.models import ContentType
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import pytest

from search.engine import outbox
from search.engine.documents import learning_documents
from search.models import IndexChange, LearningRecord

pytestmark = pytest.mark.django_db

DOWN = {
    "default": {
        "BACKEND": "search.engine.opensearch3",
        "URLS": ["http://127.0.0.1:9"],
        "INDEX_PREFIX": "down_",
        "TIMEOUT": 1,
        "OPTIONS": {"max_retries": 0},
    }
}


@pytest.fixture
def engine_down(settings):
    with override_settings(WAGTAILSEARCH_BACKENDS=DOWN):
        yield


def queued_record_ids():
    content_type = ContentType.objects.get_for_model(LearningRecord)
    return {
        int(object_id)
        for object_id in IndexChange.objects.filter(content_type=content_type).values_list(
            "object_id", flat=True
        )
    }


def test_an_import_succeeds_and_every_record_waits_in_the_outbox(engine_down, corpus):
    assert LearningRecord.objects.count() == 60
    assert queued_record_ids() == set(LearningRecord.objects.values_list("pk", flat=True))


def test_a_failed_send_keeps_the_changes_and_backs_off(engine_down, corpus):
    waiting = IndexChange.objects.count()
    result = outbox.send_due()
    assert result.sent == 0 and result.failed > 0 and result.error
    assert IndexChange.objects.count() == waiting
    change = IndexChange.objects.order_by("id").first()
    assert change.attempts == 1 and change.last_error
    assert change.next_attempt_at > timezone.now()
    assert outbox.send_due().failed == 0  # backing off: nothing is due yet


def test_the_search_page_says_search_is_unavailable_not_an_error(
    engine_down, corpus, practitioner_client
):
    response = practitioner_client.get(reverse("search:search"), {"q": "housing"})
    assert response.status_code == 200
    assert "Search is not available right now" in response.content.decode()


def test_suggestions_still_offer_vocabulary_terms(engine_down, corpus, practitioner_client):
    response = practitioner_client.get(reverse("search:suggest"), {"q": "hou"})
    assert response.status_code == 200
    labels = [s["label"] for s in response.json()["suggestions"]]
    assert "housing first" in [label.lower() for label in labels]


def test_the_search_page_says_when_results_may_be_behind(corpus, practitioner_client):
    # A change the engine refused five minutes ago, waiting out its back-off.
    IndexChange.objects.create(
        content_type=ContentType.objects.get_for_model(LearningRecord),
        object_id="1",
        queued_at=timezone.now() - timezone.timedelta(minutes=5),
        attempts=3,
        next_attempt_at=timezone.now() + timezone.timedelta(minutes=1),
    )
    page = practitioner_client.get(reverse("search:search"), {"q": "housing"}).content.decode()
    assert "Results may be behind." in page
    assert "1 recent change" in page


def test_bulk_documents_are_the_documents_wagtail_builds(engine_down, corpus):
    from wagtail.search.backends import get_search_backend

    mapping = get_search_backend().mapping_class(LearningRecord)
    records = LearningRecord.get_indexed_objects().order_by("pk")
    built = learning_documents([record.pk for record in records])

    def comparable(document):
        return {
            key: sorted(value, key=repr) if isinstance(value, list) else value
            for key, value in document.items()
        }

    for record in records:
        assert comparable(built[record.pk]) == comparable(mapping.get_document(record))


def test_the_mapping_searches_every_text_field_with_the_synonyms(engine_down):
    from wagtail.search.backends import get_search_backend

    from search.engine.backends import analysis_settings

    properties = get_search_backend().mapping_class(LearningRecord).get_mapping()["properties"]
    for name in ("title", "summary", "keywords", "body"):
        assert properties[name]["analyzer"] == "learning_index"
        assert properties[name]["search_analyzer"] == "learning_search"
    for name in ("title", "summary", "keywords", "body"):
        assert properties[name]["fields"]["exact"]["analyzer"] == "learning_exact"
    # Stems are stored stemmed already: never stemmed again.
    assert properties["stems"]["analyzer"] == properties["stems"]["search_analyzer"]
    assert properties["stems"]["analyzer"] == "learning_exact"
    analysis = analysis_settings()["settings"]["analysis"]
    assert "mh, mental health" in analysis["filter"]["learning_synonyms"]["synonyms"]
    assert analysis["filter"]["learning_stemmer"] == {"type": "snowball", "language": "English"}
    assert "learning_stemmer" in analysis["analyzer"]["learning_index"]["filter"]
    assert "learning_stemmer" not in analysis["analyzer"]["learning_exact"]["filter"]


def test_the_index_prefix_comes_from_the_settings(engine_down):
    from wagtail.search.backends import get_search_backend

    index = get_search_backend().get_index_for_model(LearningRecord)
    assert index.name == "down_search_learningrecord"


@pytest.mark.parametrize(
    "engine", ["elasticsearch8", "elasticsearch9", "opensearch2", "opensearch3"]
)
def test_every_engine_is_chosen_by_one_setting(engine):
    from wagtail.search.backends import get_search_backend

    from search.backends import get_learning_backend
    from search.backends.elasticsearch import ElasticsearchLearningBackend

    config = {"default": {**DOWN["default"], "BACKEND": f"search.engine.{engine}"}}
    with override_settings(WAGTAILSEARCH_BACKENDS=config):
        backend = get_search_backend()
        assert backend.engine == engine
        assert backend.get_index_for_model(LearningRecord).name == "down_search_learningrecord"
        title = backend.mapping_class(LearningRecord).get_mapping()["properties"]["title"]
        assert title["search_analyzer"] == "learning_search"
        assert isinstance(get_learning_backend(), ElasticsearchLearningBackend)
        client = type(backend.es).__module__.split(".")[0]
        assert client == ("opensearchpy" if engine.startswith("opensearch") else "elasticsearch")


def test_elasticsearch_8_with_the_9_client_is_flagged(settings):
    from elasticsearch import __versionstr__

    from search.engine.checks import elasticsearch_client_matches_the_engine

    if int(__versionstr__.split(".")[0]) < 9:
        pytest.skip("the 8.x client is installed")

    settings.SEARCH_ENGINE = "elasticsearch8"
    warnings = elasticsearch_client_matches_the_engine(None)
    assert [w.id for w in warnings] == ["search.W001"]
    assert "elasticsearch>=8.18,<9" in warnings[0].hint


def test_a_large_backlog_with_the_engine_down_keeps_every_change(engine_down, corpus, monkeypatch):
    monkeypatch.setattr(outbox, "BULK_LOAD_AT", 10)  # tries to pause refreshes, cannot
    waiting = IndexChange.objects.count()
    result = outbox.send_due()
    assert result.sent == 0 and result.failed > 0
    assert IndexChange.objects.count() == waiting
