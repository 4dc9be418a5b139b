"""Choose the learning search backend that matches Wagtail's configured search backend."""

from django.conf import settings

from .base import Criteria, Hits, LearningSearchBackend, SearchUnavailable

__all__ = ["Criteria", "Hits", "LearningSearchBackend", "SearchUnavailable", "get_learning_backend"]


def get_learning_backend() -> LearningSearchBackend:
    backend_path = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    if "elasticsearch" in backend_path or "opensearch" in backend_path:
        from .elasticsearch import ElasticsearchLearningBackend

        return ElasticsearchLearningBackend()
    from .database import DatabaseLearningBackend

    return DatabaseLearningBackend()
