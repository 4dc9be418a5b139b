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
