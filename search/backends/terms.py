"""Significant terms counted in Python, for backends without an aggregation that does it."""

import collections

from django.db.models import QuerySet

from ..models import LearningRecord
from ..text import STOP_WORDS, tokens

# At most this many records are read from each side.
MAX_RECORDS = 5000


def _frequencies(queryset: QuerySet) -> tuple[collections.Counter, int]:
    """(records containing each word of a title or keywords, records read)."""
    counter: collections.Counter = collections.Counter()
    total = 0
    for title, keywords in queryset.values_list("title", "keywords")[:MAX_RECORDS]:
        total += 1
        counter.update(
            {w for w in tokens(f"{title} {keywords}") if w not in STOP_WORDS and len(w) > 2}
        )
    return counter, max(total, 1)


def counted_significant_terms(
    records: QuerySet, background: QuerySet | None = None, limit: int = 10
) -> list[tuple[str, float]]:
    """Words far more frequent in `records` (e.g. this month) than in the background (every
    record by default), as (word, ratio of the two rates), highest first."""
    background = background if background is not None else LearningRecord.objects.all()
    foreground, fg_total = _frequencies(records)
    backdrop, bg_total = _frequencies(background)
    scored = []
    for term, count in foreground.items():
        if count < 2:
            continue
        fg_rate = count / fg_total
        bg_rate = (backdrop.get(term, 0) + 1) / (bg_total + 1)
        scored.append((term, round(fg_rate / bg_rate, 3)))
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored[:limit]
