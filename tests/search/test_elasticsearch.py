"""Integration tests against a real Elasticsearch (set ELASTICSEARCH_URL to run them)."""

import os

import pytest

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("ELASTICSEARCH_URL"),
        reason="ELASTICSEARCH_URL is not set: no Elasticsearch server to test against",
    ),
    pytest.mark.django_db,
]


@pytest.fixture
def indexed_corpus(corpus):
    from django.core.management import call_command

    call_command("rebuild_search", verbosity=0)
    return corpus


def test_backend_is_elasticsearch_and_reachable():
    from search.backends import get_learning_backend

    backend = get_learning_backend()
    assert backend.name == "elasticsearch"
    assert backend.ping()[0]


def test_synonyms_and_facets(practitioner, indexed_corpus):
    from search.service import search_learning

    page = search_learning(practitioner, "NRPF refuge")
    assert "bar-008" in [r.id for r in page.results]
    types = {value for value, _label, _count in page.facets["type"]}
    assert types <= {"barrier", "review", "bright_spot"}


def test_similar_records(indexed_corpus):
    from search.backends import get_learning_backend
    from search.models import LearningRecord

    record = LearningRecord.objects.get(external_id="bar-002")
    similar = get_learning_backend().similar(record, limit=5)
    assert record not in similar
