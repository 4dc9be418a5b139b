from django.test import override_settings

import pytest

from search.backends import get_learning_backend
from search.backends.database import DatabaseLearningBackend
from search.backends.elasticsearch import ElasticsearchLearningBackend
from search.models import LearningRecord

pytestmark = [pytest.mark.django_db, pytest.mark.database_backend]


def test_backend_follows_wagtail_settings():
    assert isinstance(get_learning_backend(), DatabaseLearningBackend)
    es = {"default": {"BACKEND": "wagtail.search.backends.elasticsearch9", "URLS": ["x"]}}
    with override_settings(WAGTAILSEARCH_BACKENDS=es):
        assert isinstance(get_learning_backend(), ElasticsearchLearningBackend)


def test_similar_records_share_words(corpus):
    record = LearningRecord.objects.get(external_id="bar-002")
    similar = DatabaseLearningBackend().similar(record, limit=3)
    assert record not in similar
    assert len(similar) == 3
    assert "bar-003" in [r.external_id for r in similar]


def test_significant_terms_compare_with_the_background(corpus):
    barriers = LearningRecord.objects.filter(kind="barrier", needs__name="Domestic abuse")
    terms = dict(DatabaseLearningBackend().significant_terms(barriers, limit=20))
    assert terms
    assert all(score > 0 for score in terms.values())


def test_ping_and_document_counts(corpus):
    backend = DatabaseLearningBackend()
    assert backend.ping()[0]
    assert backend.document_count(LearningRecord) == 60
