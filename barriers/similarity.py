"""Existing barriers that look like the snag being typed, from the configured search backend.

Only the search backend's public API is used (full-text `search` and prefix `autocomplete`, both
with operator "or"), so the same code works on the database backend and on Elasticsearch.
"""

import math
import re

from wagtail.search.backends import get_search_backend

from common.stop_words import STOP_WORDS

from .models import Barrier

_WORD_RE = re.compile(r"[\w'’-]+")


def query_terms(text):
    """The meaningful words of `text`, lower-cased, in order, without duplicates."""
    seen = []
    for word in _WORD_RE.findall(text.lower()):
        word = word.strip("'’-")
        if len(word) > 2 and word not in STOP_WORDS and word not in seen:
            seen.append(word)
    return seen


def similar_barriers(text, limit=5):
    """Up to `limit` active barriers most like `text`, each annotated with its recurrence.

    Relevance comes from the search backend (full-text and as-you-type prefix matching); among
    similarly relevant barriers, ones met more often rank higher because a practitioner is more
    likely to be meeting a snag others have met.
    """
    terms = query_terms(text or "")
    if not terms:
        return []
    query = " ".join(terms)
    backend = get_search_backend()
    candidates = Barrier.objects.active()
    pool = limit * 4
    ranked = {}
    for results in (
        backend.search(query, candidates, operator="or")[:pool],
        backend.autocomplete(query, candidates, operator="or")[:pool],
    ):
        for position, barrier in enumerate(results):
            score = (pool - position) / pool
            ranked[barrier.pk] = ranked.get(barrier.pk, 0) + score
    if not ranked:
        return []
    barriers = list(Barrier.objects.filter(pk__in=ranked).with_recurrence())

    def score(barrier):
        recurrence = math.log1p(barrier.occurrence_count) / math.log1p(50)
        return ranked[barrier.pk] + 0.25 * min(recurrence, 1.0)

    barriers.sort(key=lambda barrier: (-score(barrier), -barrier.pk))
    return barriers[:limit]
