"""The one way to search shared learning: `search_learning(...)` and `suggest(...)`.

Views, the API and saved-search digests call this module; it calls the configured learning
backend (`search.backends`) and never branches on which one it is.
"""

import datetime
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from taxonomy.models import VOCABULARIES

from .backends import Criteria, Hits, SearchUnavailable, get_learning_backend
from .backends.base import FACET_COLUMNS, RANKING_FIELDS, Candidate, LearningSearchBackend
from .models import LearningRecord
from .query import LearningQuery, Unit, parse
from .ranking import corpus_stats, rerank
from .text import STOP_WORDS, tokens

__all__ = [
    "FACETS",
    "SORTS",
    "SearchPage",
    "SearchResult",
    "SearchUnavailable",
    "search_learning",
]

SORTS = {"relevance": "Most relevant", "newest": "Newest first"}
MAX_PAGE_SIZE = 100
SNIPPET_LENGTH = 240
# With fewer results than this for all the words, search for any of them instead.
RELAX_BELOW = 10
# How many of the engine's best matches `search.ranking.rerank` orders.
CANDIDATES = 100
# How many more the words of the first results bring in (pseudo-relevance feedback).
FEEDBACK_CANDIDATES = 40
# With fewer matches than this, the search widens to the best matches' words as well.
WIDEN_BELOW = 10
FEEDBACK_QUERY_TERMS = 10
# What a results page shows of each record (and its snippet is cut from).
PAGE_FIELDS = ("id", "external_id", "kind", "title", "url", "summary", "body", "date")

FACETS = {
    "type": "Type",
    "principle": "Principle",
    "priority": "Priority",
    "need": "Need",
    "level": "Barrier level",
    "category": "Barrier category",
    "theme": "Barrier theme",
    "agency": "Agency",
    "area": "Area",
    "year": "Year",
}
LEVEL_LABELS = {"individual": "Individual", "service": "Service", "system": "System"}


@dataclass
class SearchResult:
    id: str
    type: str
    type_label: str
    title: str
    url: str
    snippet: str
    score: float | None
    date: datetime.date | None


@dataclass
class SearchPage:
    query: str
    count: int
    results: list[SearchResult]
    facets: dict[str, list[tuple[Any, str, int]]]
    page: int
    page_size: int
    suggestion: str = ""
    corrected_from: str = ""
    relaxed: bool = False
    expanded: bool = False  # includes records sharing the best matches' words (feedback)
    selected: dict[str, list[Any]] = field(default_factory=dict)

    @property
    def page_count(self) -> int:
        return max(1, -(-self.count // self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.page_count

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.page_size + 1 if self.count else 0

    @property
    def last_index(self) -> int:
        return min(self.count, self.page * self.page_size)


def _labels() -> dict[str, dict[Any, str]]:
    """Facet value -> label for every facet (small vocabulary tables, cached briefly)."""
    labels: dict[str, dict[Any, str]] | None = cache.get("search:facet-labels")
    if labels is None:
        labels = {
            "type": dict(LearningRecord.Kind.choices),
            "level": dict(LEVEL_LABELS),
            # As each vocabulary names its terms: "3. Name" for a principle, "CODE Name" for a
            # priority, the name for the others.
            **{
                name: {term.pk: str(term) for term in model._default_manager.all()}
                for name, model in VOCABULARIES.items()
            },
        }
        cache.set("search:facet-labels", labels, 60)
    return labels


def _sort_key(name: str) -> Callable[[tuple[Any, str, int]], Any]:
    if name == "year":
        return lambda item: -int(item[0])
    if name in ("principle", "priority"):
        return lambda item: item[1]
    return lambda item: (-item[2], item[1])


def label_facets(
    counts: dict[str, dict[Any, int]], selected: dict[str, list[Any]] | None = None
) -> dict[str, list[tuple[Any, str, int]]]:
    """{facet: [(value, label, count)]} in display order, selected values always present."""
    labels = _labels()
    selected = selected or {}
    facets = {}
    for name in FACETS:
        values = dict(counts.get(name, {}))
        for value in selected.get(name, []):
            values.setdefault(value, 0)
        rows = []
        label: str | None
        for value, count in values.items():
            if value in (None, ""):
                continue
            if name == "year":
                label = str(value)
            else:
                label = labels.get(name, {}).get(value)
                if label is None:
                    label = labels.get(name, {}).get(_coerce(value), str(value))
            rows.append((value, label, count))
        facets[name] = sorted(rows, key=_sort_key(name))
    return facets


def _coerce(value: Any) -> Any:
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def _highlight_pattern(query: LearningQuery) -> re.Pattern[str] | None:
    words = sorted({w for w in query.words() if w not in STOP_WORDS and len(w) > 1}, key=len)
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in reversed(words))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def make_snippet(record: Any, query: LearningQuery | None) -> str:
    """An escaped excerpt around the first match, with matches wrapped in <mark>."""
    text = " ".join(part for part in (record.summary, record.body) if part) or record.title
    pattern = _highlight_pattern(query) if query is not None and not query.is_empty else None
    start = 0
    if pattern:
        first = pattern.search(text)
        if first and first.start() > SNIPPET_LENGTH // 3:
            start = text.rfind(" ", 0, first.start() - SNIPPET_LENGTH // 4) + 1
    end = start + SNIPPET_LENGTH
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    excerpt = text[start:end]
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    if not pattern:
        return prefix + html.escape(excerpt) + suffix
    pieces, position = [], 0
    for match in pattern.finditer(excerpt):
        pieces.append(html.escape(excerpt[position : match.start()]))
        pieces.append(f"<mark>{html.escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(html.escape(excerpt[position:]))
    return prefix + "".join(pieces) + suffix


def criteria_from(filters: dict[str, Any] | None) -> Criteria:
    filters = dict(filters or {})
    date_from = filters.pop("date_from", None)
    date_to = filters.pop("date_to", None)
    shared_after = filters.pop("shared_after", None)
    clean = {name: list(values) for name, values in filters.items() if name in FACET_COLUMNS}
    return Criteria(filters=clean, date_from=date_from, date_to=date_to, shared_after=shared_after)


def search_learning(
    user: Any,
    query: str | None = "",
    filters: dict[str, Any] | None = None,
    sort: str = "relevance",
    page: int | str = 1,
    page_size: int | str = 20,
    *,
    broaden: bool = True,
) -> SearchPage:
    """Search every shared learning record the user may read.

    `filters` maps facet names (see FACETS) to lists of values, plus optional `date_from` and
    `date_to` dates and `shared_after` (a datetime: only records first shared after it).
    With `broaden`, a query with no results is spell-corrected, and one with very few is
    widened to any of its words. Raises PermissionDenied for anonymous users and
    SearchUnavailable when the search engine cannot be reached.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        raise PermissionDenied("Sign in to search shared learning.")
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    page = max(1, int(page))
    sort = sort if sort in SORTS else "relevance"
    criteria = criteria_from(filters)
    backend = get_learning_backend()
    # Word statistics are only needed (and built) for a search with words.
    stats = corpus_stats() if tokens(query or "") else None
    speller = stats.correction if stats is not None and broaden else None
    parsed = parse(query or "", speller=speller)
    offset = (page - 1) * page_size
    # Ranked searches fetch the engine's best CANDIDATES and order them with `rerank`; pages
    # beyond those follow the engine's own order.
    reranking = not parsed.is_empty and sort == "relevance" and offset < CANDIDATES
    window, start = (max(CANDIDATES, offset + page_size), 0) if reranking else (page_size, offset)

    hits = backend.search(
        criteria, parsed, sort=sort, offset=start, limit=window, with_fields=reranking
    )
    relaxed = False
    if broaden and hits.count < RELAX_BELOW and len(parsed.ranking_units()) > 1:
        relaxed_query = parsed.with_operator("or")
        relaxed_hits = backend.search(
            criteria, relaxed_query, sort=sort, offset=start, limit=window, with_fields=reranking
        )
        if relaxed_hits.count > hits.count:
            parsed, hits, relaxed = relaxed_query, relaxed_hits, True
    ids: Sequence[tuple[int, float | None]]
    ids, count, expanded, facet_query = hits.ids, hits.count, False, parsed
    if reranking:
        found = candidates_of(hits)
        candidates = [found[pk] for pk, _ in hits.ids if pk in found]
        widening = None
        if FEEDBACK_CANDIDATES and hits.count < WIDEN_BELOW:
            widening = _Widening(backend, criteria, parsed, found)
        ranked = rerank(parsed, candidates, stats, widening)
        ids = ranked[offset : offset + page_size]
        if (
            widening is not None
            and widening.query is not None  # set with `hits`, by the same call
            and widening.hits is not None
            and len(ranked) > len(candidates)
        ):
            expanded, count, facet_query = (
                True,
                max(widening.hits.count, len(ranked)),
                widening.query,
            )
    # One query for the page's records (at most page_size rows).
    records = LearningRecord.objects.only(*PAGE_FIELDS).in_bulk([pk for pk, _ in ids])
    corrected = parsed.corrected_text
    results = []
    for pk, score in ids:
        record = records.get(pk)
        if record is None:
            continue
        results.append(
            SearchResult(
                id=record.external_id,
                type=record.kind,
                type_label=record.get_kind_display(),
                title=record.title,
                url=record.url,
                snippet=make_snippet(record, parsed),
                score=score,
                date=record.date,
            )
        )
    facets = label_facets(_facet_counts(backend, criteria, facet_query), criteria.filters)
    return SearchPage(
        query=corrected if corrected and not relaxed else (query or ""),
        count=count,
        results=results,
        facets=facets,
        page=page,
        page_size=page_size,
        suggestion=corrected,
        corrected_from=(query or "") if corrected and not relaxed and hits.count else "",
        relaxed=relaxed,
        expanded=expanded,
        selected=criteria.filters,
    )


def candidates_of(hits: Hits) -> dict[int, Candidate]:
    """{record id: Candidate} for the hits: the engine's stored fields when it sent them, else
    one database query for the ranking's fields (never the whole records)."""
    documents = hits.documents or {}
    missing = [pk for pk, _ in hits.ids if pk not in documents]
    found = dict(documents)
    if missing:
        rows = LearningRecord.objects.filter(pk__in=missing).values_list("pk", *RANKING_FIELDS)
        found.update((row[0], Candidate(*row)) for row in rows)
    return found


class _Widening:
    """Called by `rerank` with the feedback stems: searches for the query's units or any of
    them, keeping that query and its hits (its count and facets then describe the page)."""

    def __init__(
        self,
        backend: LearningSearchBackend,
        criteria: Criteria,
        parsed: LearningQuery,
        records: dict[int, Candidate],
    ) -> None:
        self.backend, self.criteria, self.parsed, self.records = backend, criteria, parsed, records
        self.query: LearningQuery | None = None
        self.hits: Hits | None = None

    def __call__(self, stem_sets: list[set[str]]) -> list[Candidate]:
        units = [Unit(" ".join(sorted(stems)), sorted(stems)) for stems in stem_sets]
        self.query = LearningQuery(
            self.parsed.text,
            self.parsed.ranking_units() + units[:FEEDBACK_QUERY_TERMS],
            "or",
            self.parsed.kinds,
        )
        self.hits = self.backend.search(
            self.criteria,
            self.query,
            sort="relevance",
            offset=0,
            limit=FEEDBACK_CANDIDATES,
            with_fields=True,
        )
        new = Hits(
            self.hits.count,
            [(pk, score) for pk, score in self.hits.ids if pk not in self.records],
            self.hits.documents,
        )
        found = candidates_of(new)
        found = {pk: found[pk] for pk, _ in new.ids if pk in found}
        self.records.update(found)
        return list(found.values())


def _facet_counts(
    backend: LearningSearchBackend, criteria: Criteria, parsed: LearningQuery
) -> dict[str, dict[Any, int]]:
    """Facet counts; the unfiltered, query-less counts (the landing page) are cached briefly."""
    if parsed.is_empty and not (
        criteria.filters or criteria.date_from or criteria.date_to or criteria.shared_after
    ):
        key = f"search:facets:all:{backend.name}"
        counts = cache.get(key)
        if counts is None:
            counts = backend.facets(criteria, parsed)
            cache.set(key, counts, 60)
        return counts
    return backend.facets(criteria, parsed)
