from django.core.cache import cache

import pytest

from search.evaluation import CORPUS
from search.interchange import import_lines


@pytest.fixture(autouse=True)
def clear_search_caches():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def corpus(db):
    """The judged corpus (tests/search/corpus.jsonl), imported through the importer."""
    with open(CORPUS, encoding="utf-8") as handle:
        import_lines(handle)
    return CORPUS


def engine_configured():
    from django.conf import settings

    return hasattr(settings, "SEARCH_ENGINE") and settings.SEARCH_ENGINE != "database"


def refresh_engine(strict=True):
    """Send the outbox and make what was sent searchable (tests read their own writes).
    Not strict: an engine that is down on purpose (a test's own settings) is left down."""
    from wagtail.search.backends import get_search_backend

    from search.backends.elasticsearch import engine_errors
    from search.engine import outbox

    result = outbox.send_due()
    if result.failed and not strict:
        return
    assert not result.failed, result.error
    backend = get_search_backend()
    try:
        backend.es.indices.refresh(index=f"{backend.index_prefix}*")
    except engine_errors():
        if strict:
            raise


_engine_ready = []


@pytest.fixture(autouse=True)
def engine_reads_its_writes(request, monkeypatch):
    """On a real engine: fresh indexes once, no documents left from another test (database ids
    are reused after a rollback), and every read first sends the outbox and refreshes."""
    if not engine_configured():
        yield
        return
    request.getfixturevalue("db")
    from wagtail.search.backends import get_search_backend

    from search.backends.elasticsearch import ElasticsearchLearningBackend

    backend = get_search_backend()
    if not _engine_ready:
        backend.empty_indexes()
        _engine_ready.append(True)
    backend.es.delete_by_query(
        index=f"{backend.index_prefix}*",
        body={"query": {"match_all": {}}},
        refresh=True,
        conflicts="proceed",
    )
    original_run = ElasticsearchLearningBackend._run

    def run_after_refresh(self, search, index=None):
        refresh_engine(strict=False)
        return original_run(self, search, index)

    monkeypatch.setattr(ElasticsearchLearningBackend, "_run", run_after_refresh)
    yield
