"""The engine's query bodies, built with `elasticsearch.dsl`: the text query within Lucene's
clause limit, and the filters for a search's criteria (used by `elasticsearch.py`)."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db.models import Field

from elasticsearch.dsl import Q
from elasticsearch.dsl.query import Query

from ..text import stem
from .base import FACET_COLUMNS, RANKING_FIELDS, Criteria

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from ..models import LearningRecord
    from ..query import LearningQuery, Unit

# Single words match the stemmed fields (Porter2, as `search.text.stem`); phrases match the words
# as written (each field's `exact` subfield), as the database backend's FTS5 phrases do. The
# weights only choose which matches become the candidates `search.ranking.rerank` orders: the
# database backend's (FTS5 bm25: title 6, every other field 1), so both backends hand the
# re-ranking the same candidates where a query matches more records than it reads.
FIELD_BOOSTS = (("title", 6), ("summary", 1), ("keywords", 1), ("body", 1))
TEXT_FIELDS = [f"{name}^{boost}" if boost != 1 else name for name, boost in FIELD_BOOSTS]
# `stems` (each record's distinct stems, first seen first) is in the database backend's phrase
# column too, so a phrase also matches there ("prison leavers" has the stems "prison leaver").
EXACT_FIELDS = [
    *(f"{name}.exact^{boost}" if boost != 1 else f"{name}.exact" for name, boost in FIELD_BOOSTS),
    "stems",
]
# The query's synonyms are already in its units: analyse without the mapping's synonym filter.
WORD_ANALYZER = "learning_index"
PHRASE_ANALYZER = "learning_exact"
SIMILAR_FIELDS = ["title", "summary", "keywords", "body"]
SIGNIFICANT_FIELDS = ["title", "keywords"]
CONTENT_TYPE = "search.LearningRecord"
FACET_SIZE = 100
# Significant terms compare at most this many records with the background (as the database does).
MAX_FOREGROUND = 5000
# Lucene refuses a query with more than 1,024 clauses (`indices.query.bool.max_clause_count`,
# which a managed service does not let you raise). Every term of every field counts; the text
# query stays within this many, leaving room for the filters.
CLAUSE_BUDGET = 900
# When a query would pass the budget, each unit keeps at most this many alternatives (first
# tried: the largest), the words as typed first.
ALTERNATIVE_LIMITS = (12, 6, 3, 1)
WORD, PHRASE = "word", "phrase"
# Where each of the re-ranking's fields is in a document's _source (Wagtail's field names).
SOURCE_FIELDS = {name: f"{name}_filter" if name == "kind" else name for name in RANKING_FIELDS}


def es_field(name: str) -> tuple[str | None, str]:
    """The index field (and nested path, if any: none now) holding a facet's values; taxonomy
    links are flat id lists (`search.engine.documents.link_field`)."""
    column, link = FACET_COLUMNS[name]
    if column:
        return None, f"{column}_filter"
    if link is None:
        raise ValueError(f"{name!r} is neither a column nor a link table")
    relation, _ = link
    return None, f"{relation}_filter"


def facet_value(name: str) -> Callable[[Any], Any]:
    """A facet bucket's key (a string: facet fields are keywords) as the database's value of
    that facet (an id or a year is a number there), so counts compare as the database's do."""
    from ..models import LearningRecord

    column, link = FACET_COLUMNS[name]
    if column:
        field = LearningRecord._meta.get_field(column)
    elif link is not None:
        relation, value_column = link
        field = getattr(LearningRecord, relation).through._meta.get_field(value_column)
    else:
        raise ValueError(f"{name!r} is neither a column nor a link table")
    if not isinstance(field, Field):
        raise ValueError(f"{name!r} is not stored in a column")
    return field.to_python


def alternatives(unit: "Unit") -> list[tuple[str, str]]:
    """A unit's alternatives in its order (the words as typed first), as (words, phrases) kinds:
    one word per stem (the engine stems them all alike); a phrase is anything the engine
    splits into several words ("mental health", "a&e")."""
    chosen, stems = [], set()
    for variant in unit.variants():
        if " " in variant or not variant.isalnum():
            if (PHRASE, variant) not in chosen:
                chosen.append((PHRASE, variant))
        # A word's stem is a variant of its own ("only", "onli"): the engine stems the word
        # already, and would stem the stem again ("onli" -> "on").
        elif variant not in stems and stem(variant) not in stems:
            stems.add(stem(variant))
            chosen.append((WORD, variant))
    return chosen


def clause_cost(chosen: list[tuple[str, str]]) -> int:
    """Lucene clauses an alternatives list costs: each word once per field, each phrase word
    once per phrase field."""
    fields = {WORD: len(TEXT_FIELDS), PHRASE: len(EXACT_FIELDS)}
    return sum(fields[kind] * len(value.split()) for kind, value in chosen)


def bounded_alternatives(
    units: "list[Unit]", budget: int | None = None
) -> list[list[tuple[str, str]]]:
    """Each unit's alternatives, trimmed so that the whole query stays within `budget` clauses
    (CLAUSE_BUDGET): first fewer alternatives per unit, then (very long questions) fewer units."""
    budget = CLAUSE_BUDGET if budget is None else budget
    full = [alternatives(unit) for unit in units]
    chosen = full
    for limit in (None, *ALTERNATIVE_LIMITS):
        chosen = full if limit is None else [alts[:limit] for alts in full]
        if sum(clause_cost(alts) for alts in chosen) <= budget:
            return chosen
    bounded, total = [], 0
    for alts in chosen:
        total += clause_cost(alts)
        if total > budget:
            break
        bounded.append(alts)
    return bounded


def unit_query(chosen: list[tuple[str, str]]) -> Query:
    words = [value for kind, value in chosen if kind == WORD]
    should = []
    if words:
        should.append(
            Q("multi_match", query=" ".join(words), fields=TEXT_FIELDS, analyzer=WORD_ANALYZER)
        )
    should.extend(
        Q(
            "multi_match",
            query=value,
            type="phrase",
            fields=EXACT_FIELDS,
            analyzer=PHRASE_ANALYZER,
        )
        for kind, value in chosen
        if kind == PHRASE
    )
    return Q("bool", should=should, minimum_should_match=1)


def text_query(query: "LearningQuery | None") -> Query:
    if query is None or query.is_empty:
        return Q("match_all")
    units = [unit_query(chosen) for chosen in bounded_alternatives(query.units)]
    if query.operator == "and":
        return Q("bool", must=units)
    return Q("bool", should=units, minimum_should_match=1)


def filter_clauses(criteria: Criteria) -> list[Query]:
    clauses = [Q("match", _django_content_type=CONTENT_TYPE)]
    for name in FACET_COLUMNS:
        values = criteria.values(name)
        if not values:
            continue
        path, field = es_field(name)
        terms = Q("terms", **{field: list(values)})
        clauses.append(Q("nested", path=path, query=terms) if path else terms)
    date_range = {}
    if criteria.date_from:
        date_range["gte"] = criteria.date_from.isoformat()
    if criteria.date_to:
        date_range["lte"] = criteria.date_to.isoformat()
    if date_range:
        clauses.append(Q("range", date_filter=date_range))
    if criteria.shared_after:
        clauses.append(Q("range", shared_at_filter={"gt": criteria.shared_after.isoformat()}))
    return clauses


def record_filter(records: "Criteria | QuerySet[LearningRecord] | None") -> list[Query]:
    """Filter clauses for a Criteria, or for a queryset of records (by id)."""
    if records is None:
        return [Q("match", _django_content_type=CONTENT_TYPE)]
    if isinstance(records, Criteria):
        return filter_clauses(records)
    ids = [str(pk) for pk in records.values_list("pk", flat=True)[:MAX_FOREGROUND]]
    return [Q("match", _django_content_type=CONTENT_TYPE), Q("ids", values=ids)]
