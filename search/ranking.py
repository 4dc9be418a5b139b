"""Ordering the candidates a backend found, the same way on every backend.

A backend (FTS5, PostgreSQL, Elasticsearch) returns the best few dozen matches for the query's
units; `rerank` orders them by a field-weighted BM25 (title and summary, then the vocabulary
names and tags, above the body), a bonus when the query's words stand close together, a
preference for the kind of record the query names, and pseudo-relevance feedback: the words
that most distinguish the first few results are added to the query with a small weight, so a
record in other words about the same thing rises. Word statistics (document frequencies and
the words spelling suggestions are drawn from) come from the records themselves, sampled on
very large sites and rebuilt when records are added or after `STATS_TTL` seconds (see
`corpus_stats`). The last build is also kept in a file (settings.SEARCH_STATS_FILE, see
`search.corpus`), so the first search of a new process reads it instead of building them again.
"""

import collections
import math
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.core.cache import cache
from django.db.models.functions import Mod

from .corpus import CorpusStats, load_stats, store_stats
from .models import LearningRecord
from .query import LearningQuery
from .text import STOP_WORDS, is_question_word, stem, tokens

FIELDS = ("title", "summary", "keywords", "body")
FIELD_WEIGHTS = {"title": 3.0, "summary": 2.0, "keywords": 2.0, "body": 1.0}
K1, B = 1.2, 0.75
PROXIMITY_WINDOW = 8
PROXIMITY_WEIGHT = 0.5
KIND_BOOST = 1.3
FEEDBACK_DOCS = 5
FEEDBACK_TERMS = 20
FEEDBACK_WEIGHT = 0.35
STATS_TTL = 600
STATS_SAMPLE = 10_000
STATS_SMALL = 5_000
STATS_REFRESH = 60
STATS_CACHE_KEY = "search:ranking-stats"
# Field offsets in a position stream: words in different fields are never "close".
OFFSET = 100_000


class Rankable(Protocol):
    """What `rerank` reads of a record (a `backends.base.Candidate` or a LearningRecord), plus
    the text FIELDS, read with getattr."""

    @property
    def pk(self) -> int: ...

    @property
    def kind(self) -> str: ...


# (cache token, newest record id, monotonic build time, stats) of this process's last build.
_stats: tuple[str, int, float, CorpusStats] | None = None
_stats_lock = threading.Lock()


def _newest_id() -> int:
    return LearningRecord.objects.order_by("-id").values_list("id", flat=True).first() or 0


def corpus_stats() -> CorpusStats:
    """The current `CorpusStats`: rebuilt after `STATS_TTL` seconds, or when a record was added
    (at once on small sites; on large ones, where a rebuild takes a second or two, at most
    every `STATS_REFRESH` seconds)."""
    global _stats
    stats: CorpusStats | None
    newest = _newest_id()
    token = cache.get(STATS_CACHE_KEY)
    current = _stats
    if current is not None and token is not None and current[0] == token:
        built_newest, built_at, stats = current[1:]
        if built_newest == newest:
            return stats
        if stats.documents >= STATS_SMALL and time.monotonic() - built_at < STATS_REFRESH:
            return stats
    with _stats_lock:
        stats = load_stats(newest) if current is None else None
        if stats is None:
            stats = build_stats()
            store_stats(newest, stats)
        token = token or f"{time.time():.6f}"
        cache.set(STATS_CACHE_KEY, token, STATS_TTL)
        _stats = (token, newest, time.monotonic(), stats)
    return stats


def build_stats() -> CorpusStats:
    records = LearningRecord.objects.all()
    total = records.count()
    if total > STATS_SAMPLE:
        step = math.ceil(total / STATS_SAMPLE)
        records = records.annotate(bucket=Mod("id", step)).filter(bucket=0)
    word_df: collections.Counter[str] = collections.Counter()
    stem_df: collections.Counter[str] = collections.Counter()
    documents = 0
    for texts in records.values_list(*FIELDS).iterator(chunk_size=2000):
        documents += 1
        words = {w.replace("'", "") for w in tokens(" ".join(texts))}
        word_df.update(words)
        stem_df.update({stem(w) for w in words})
    by_initial: collections.defaultdict[str, list[str]] = collections.defaultdict(list)
    for word, df in word_df.items():
        if df >= 2 and len(word) > 3 and word.isalpha():
            by_initial[word[0]].append(word)
    return CorpusStats(documents, dict(stem_df), dict(word_df), dict(by_initial))


# Word as tokenised -> its stem: a plain dict lookup is several times cheaper than `stem`'s
# lru_cache and the apostrophe folding, and re-ranking stems every word of 100 records.
_STEM_OF: dict[str, str] = {}
STEM_CACHE_SIZE = 200_000


def _stems(text: str) -> list[str]:
    known = _STEM_OF
    words = tokens(text)
    try:
        return [known[word] for word in words]
    except KeyError:
        if len(known) > STEM_CACHE_SIZE:
            known.clear()
        for word in words:
            if word not in known:
                known[word] = stem(word.replace("'", ""))
        return [known[word] for word in words]


class _Document:
    """A candidate record as stems by field, with each stem's positions."""

    def __init__(self, record: Rankable) -> None:
        self.record = record
        self.fields: dict[str, list[str]] = {}
        self.positions: collections.defaultdict[str, list[int]] = collections.defaultdict(list)
        self.length = 0
        positions = self.positions
        for number, name in enumerate(FIELDS):
            stems = _stems(getattr(record, name, "") or "")
            self.fields[name] = stems
            self.length += len(stems)
            for position, value in enumerate(stems, number * OFFSET):
                positions[value].append(position)

    def matches(
        self, stems: Iterable[str], phrases: Iterable[tuple[str, ...]]
    ) -> tuple[float, list[int]]:
        """(weighted term frequency, positions) of any of `stems` or stem `phrases`."""
        weighted = 0.0
        positions: list[int] = []
        for value in stems:
            for position in self.positions.get(value, ()):
                weighted += FIELD_WEIGHTS[FIELDS[position // OFFSET]]
                positions.append(position)
        for phrase in phrases:
            for start in self.positions.get(phrase[0], ()):
                name = FIELDS[start // OFFSET]
                index = start % OFFSET
                if tuple(self.fields[name][index : index + len(phrase)]) == phrase:
                    weighted += FIELD_WEIGHTS[name]
                    positions.append(start)
        return weighted, positions


@dataclass
class _Term:
    stems: set[str]
    phrases: list[tuple[str, ...]]
    idf: float
    weight: float


def _terms(query: LearningQuery, stats: CorpusStats) -> list[_Term]:
    terms = []
    for unit in query.ranking_units():
        stems: set[str] = set()
        phrases: list[tuple[str, ...]] = []
        for variant in unit.variants():
            words = _stems(variant)
            if len(words) == 1:
                stems.add(words[0])
            elif words:
                phrases.append(tuple(words))
        df = sum(stats.stem_df.get(value, 0) for value in stems)
        df += sum(min(stats.stem_df.get(w, 0) for w in phrase) for phrase in phrases)
        terms.append(_Term(stems, phrases, stats.idf(df), unit.weight))
    return terms


def _saturate(weighted: float, length: int, average: float) -> float:
    return weighted * (K1 + 1) / (weighted + K1 * (1 - B + B * length / average))


def _score(
    document: _Document, terms: list[_Term], average: float, proximity: bool = True
) -> float:
    total = 0.0
    matched: list[tuple[_Term, list[int]]] = []
    for term in terms:
        weighted, positions = document.matches(term.stems, term.phrases)
        if weighted:
            total += term.weight * term.idf * _saturate(weighted, document.length, average)
            matched.append((term, positions))
    if proximity:
        for first in range(len(matched)):
            for second in range(first + 1, len(matched)):
                (a, pa), (b, pb) = matched[first], matched[second]
                distance = min(abs(p - q) for p in pa for q in pb)
                if 0 < distance <= PROXIMITY_WINDOW:
                    closeness = (PROXIMITY_WINDOW + 1 - distance) / PROXIMITY_WINDOW
                    total += (
                        PROXIMITY_WEIGHT * min(a.idf, b.idf) * min(a.weight, b.weight) * closeness
                    )
    return total


def _feedback_terms(
    documents: list[_Document], query_stems: set[str], stats: CorpusStats, average: float
) -> list[_Term]:
    """The stems that most distinguish the first results, as extra low-weight terms."""
    scores: collections.defaultdict[str, float] = collections.defaultdict(float)
    seen_in: collections.Counter[str] = collections.Counter()
    for document in documents:
        local: collections.defaultdict[str, float] = collections.defaultdict(float)
        for name, stems in document.fields.items():
            for value in stems:
                local[value] += FIELD_WEIGHTS[name]
        for value, weighted in local.items():
            if (
                value in query_stems
                or len(value) < 3
                or not value.isalpha()
                or value in STOP_WORDS
                or is_question_word(value)
            ):
                continue
            df = stats.stem_df.get(value, 0)
            if df < 2:
                continue
            seen_in[value] += 1
            scores[value] += _saturate(weighted, document.length, average) * stats.idf(df)
    best_first = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    chosen = [(v, s) for v, s in best_first if seen_in[v] >= 2][:FEEDBACK_TERMS]
    if not chosen:
        return []
    top = chosen[0][1]
    return [
        _Term({value}, [], stats.idf(stats.stem_df.get(value, 0)), FEEDBACK_WEIGHT * s / top)
        for value, s in chosen
    ]


def rerank(
    query: LearningQuery,
    records: Sequence[Rankable],
    stats: CorpusStats | None = None,
    more: Callable[[list[set[str]]], Iterable[Rankable]] | None = None,
) -> list[tuple[int, float]]:
    """[(record id, score)] for `records` (with title, summary, keywords, body), best first.

    `more`, if given, is called with the feedback stems and returns further candidate records
    (records in other words about the same thing), ranked with the rest.
    """
    if not records:
        return []
    stats = stats or corpus_stats()
    terms = _terms(query, stats)
    documents = [_Document(record) for record in records]
    average = max(sum(d.length for d in documents) / len(documents), 1.0)
    kinds = set(query.kinds)

    def boosted(document: _Document, value: float) -> float:
        return value * KIND_BOOST if document.record.kind in kinds else value

    first = sorted(
        ((boosted(d, _score(d, terms, average)), -d.record.pk, d) for d in documents),
        key=lambda item: item[:2],
        reverse=True,
    )
    query_stems = {value for term in terms for value in term.stems}
    for term in terms:
        for phrase in term.phrases:
            query_stems.update(phrase)
    feedback = _feedback_terms(
        [d for _s, _p, d in first[:FEEDBACK_DOCS]], query_stems, stats, average
    )
    if not feedback:
        return [(d.record.pk, round(s, 4)) for s, _p, d in first]
    if more is not None:
        known = {d.record.pk for _s, _p, d in first}
        extra = [_Document(r) for r in more([t.stems for t in feedback]) if r.pk not in known]
        first.extend((boosted(d, _score(d, terms, average)), -d.record.pk, d) for d in extra)
    final = sorted(
        (
            (s + boosted(d, _score(d, feedback, average, proximity=False)), -d.record.pk, d)
            for s, _p, d in first
        ),
        key=lambda item: item[:2],
        reverse=True,
    )
    return [(d.record.pk, round(s, 4)) for s, _p, d in final]
