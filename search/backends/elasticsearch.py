"""The engine implementation (Elasticsearch 8/9, OpenSearch 2/3), written with `elasticsearch.dsl`.

Wagtail's backend (`search.engine`) owns the index: mapping with the synonym analysers, writes
through the outbox, `rebuild_search`. This module reads the same index with DSL-built bodies so
that facets on the nested taxonomy relations, more-like-this and significant terms are one
request each. Every body is built by a `*_search()` method so tests can check it with
`to_dict()`; it is sent as a plain `body=`, which both the Elasticsearch and the OpenSearch
clients accept, so the same code runs on all four engines.
"""

from elasticsearch.dsl import A, Q, Search

from ..models import LearningRecord
from ..text import STOP_WORDS, stem
from .base import (
    FACET_COLUMNS,
    RANKING_FIELDS,
    Candidate,
    Criteria,
    Hits,
    LearningSearchBackend,
    SearchUnavailable,
)

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


def es_field(name):
    """The Wagtail index field (and nested path, if any) holding a facet's values."""
    column, link = FACET_COLUMNS[name]
    if column:
        return None, f"{column}_filter"
    relation, _ = link
    return relation, f"{relation}.id_filter"


def alternatives(unit):
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


def clause_cost(chosen):
    """Lucene clauses an alternatives list costs: each word once per field, each phrase word
    once per phrase field."""
    fields = {WORD: len(TEXT_FIELDS), PHRASE: len(EXACT_FIELDS)}
    return sum(fields[kind] * len(value.split()) for kind, value in chosen)


def bounded_alternatives(units, budget=None):
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


def unit_query(chosen):
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


def text_query(query):
    if query is None or query.is_empty:
        return Q("match_all")
    units = [unit_query(chosen) for chosen in bounded_alternatives(query.units)]
    if query.operator == "and":
        return Q("bool", must=units)
    return Q("bool", should=units, minimum_should_match=1)


def filter_clauses(criteria):
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


def record_filter(records):
    """Filter clauses for a Criteria, or for a queryset of records (by id)."""
    if records is None:
        return [Q("match", _django_content_type=CONTENT_TYPE)]
    if isinstance(records, Criteria):
        return filter_clauses(records)
    ids = [str(pk) for pk in records.values_list("pk", flat=True)[:MAX_FOREGROUND]]
    return [Q("match", _django_content_type=CONTENT_TYPE), Q("ids", values=ids)]


def engine_errors():
    """The client exceptions that mean the engine could not answer."""
    errors = []
    try:
        from opensearchpy.exceptions import OpenSearchException

        errors.append(OpenSearchException)
    except ImportError:
        pass
    try:
        from elastic_transport import TransportError as TransportFailure
        from elasticsearch import ApiError, TransportError

        errors.extend([ApiError, TransportError, TransportFailure])
    except ImportError:
        pass
    return (*errors, ConnectionError, TimeoutError)


class ElasticsearchLearningBackend(LearningSearchBackend):
    name = "elasticsearch"

    def __init__(self, client=None, index_name=None) -> None:
        self._client = client
        self._index_name = index_name

    # One Wagtail backend (and so one client with its connection pool) per configuration.
    _wagtail_backends: dict[str, object] = {}

    @property
    def wagtail_backend(self):
        from django.conf import settings

        from wagtail.search.backends import get_search_backend

        key = repr(settings.WAGTAILSEARCH_BACKENDS["default"])
        if key not in self._wagtail_backends:
            self._wagtail_backends[key] = get_search_backend()
        return self._wagtail_backends[key]

    @property
    def client(self):
        if self._client is None:
            self._client = self.wagtail_backend.es
        return self._client

    @property
    def index_name(self):
        if self._index_name is None:
            self._index_name = self.wagtail_backend.get_index_for_model(LearningRecord).name
        return self._index_name

    def _base(self):
        return Search(index=self.index_name)

    def _run(self, search, index=None):
        """Send a DSL search; any engine failure becomes SearchUnavailable."""
        try:
            return self.client.search(index=index or self.index_name, body=search.to_dict())
        except engine_errors() as error:
            raise SearchUnavailable(str(error)) from error

    # Request bodies -------------------------------------------------------------------------

    def search_search(self, criteria, query, *, sort, offset, limit, with_fields=False):
        search = self._base().query(
            Q("bool", must=[text_query(query)], filter=filter_clauses(criteria))
        )
        if sort == "newest" or query is None or query.is_empty:
            search = search.sort({"date_filter": {"order": "desc", "missing": "_last"}}, "_score")
        # The re-ranking's fields come from _source when asked for.
        source = ["pk", *sorted(SOURCE_FIELDS.values())] if with_fields else ["pk"]
        search = search.source(source).extra(from_=offset, size=limit, track_total_hits=True)
        return search

    def facets_search(self, criteria, query):
        search = self._base().query(
            Q("bool", must=[text_query(query)], filter=filter_clauses(criteria))
        )
        search = search.extra(size=0)
        for name in FACET_COLUMNS:
            path, field = es_field(name)
            terms = A("terms", field=field, size=FACET_SIZE)
            if path:
                search.aggs.bucket(name, A("nested", path=path)).bucket("values", terms)
            else:
                search.aggs.bucket(name, terms)
        return search

    def similar_search(self, record, limit: int = 5):
        like = {"_index": self.index_name, "_id": str(record.pk)}
        return (
            self._base()
            .query(
                Q(
                    "bool",
                    must=[
                        Q(
                            "more_like_this",
                            fields=SIMILAR_FIELDS,
                            like=[like],
                            min_term_freq=1,
                            min_doc_freq=2,
                            max_query_terms=25,
                        )
                    ],
                    filter=[Q("match", _django_content_type=CONTENT_TYPE)],
                )
            )
            .source(["pk"])
            .extra(size=limit)
        )

    def significant_terms_search(self, records, background=None, limit: int = 10):
        """Words of titles and keywords unusually common in `records` (a Criteria or a
        queryset) against `background` (every record by default), as the database does."""
        search = self._base().query(Q("bool", filter=record_filter(records))).extra(size=0)
        backdrop = Q("bool", filter=record_filter(background)).to_dict()
        for field in SIGNIFICANT_FIELDS:
            search.aggs.bucket(
                f"{field}_terms",
                A(
                    "significant_text",
                    field=field,
                    size=limit,
                    min_doc_count=2,
                    filter_duplicate_text=True,
                    background_filter=backdrop,
                    exclude=sorted(STOP_WORDS),
                ),
            )
        return search

    def titles_search(self, text, limit):
        return (
            self._base()
            .query(
                Q(
                    "bool",
                    must=[Q("match", title_edgengrams={"query": text, "operator": "and"})],
                    filter=[Q("match", _django_content_type=CONTENT_TYPE)],
                )
            )
            .source(["pk"])
            .extra(size=limit)
        )

    # The interface --------------------------------------------------------------------------

    def page_and_facets_search(self, criteria, query, *, sort, offset, limit, with_fields=False):
        """The ranked page with the facet aggregations: one round trip for a results page."""
        search = self.search_search(
            criteria, query, sort=sort, offset=offset, limit=limit, with_fields=with_fields
        )
        search.aggs._params["aggs"] = self.facets_search(criteria, query).aggs._params["aggs"]
        return search

    @staticmethod
    def _facets_key(criteria, query):
        return repr(criteria), None if query is None else (query.text, query.operator)

    def _facet_counts(self, aggregations):
        counts = {}
        for name in FACET_COLUMNS:
            aggregation = aggregations[name]
            buckets = aggregation["values"]["buckets"] if "values" in aggregation else None
            buckets = aggregation["buckets"] if buckets is None else buckets
            counts[name] = {bucket["key"]: bucket["doc_count"] for bucket in buckets}
        return counts

    def search(self, criteria, query, *, sort, offset, limit, with_fields=False):
        """The ranked page; the facet counts come back in the same request and are kept for a
        following `facets()` call with the same criteria and query."""
        response = self._run(
            self.page_and_facets_search(
                criteria, query, sort=sort, offset=offset, limit=limit, with_fields=with_fields
            )
        )
        self._facets = (
            self._facets_key(criteria, query),
            self._facet_counts(response["aggregations"]),
        )
        hits = response["hits"]
        total = hits["total"]["value"] if isinstance(hits["total"], dict) else hits["total"]
        ids = [(int(hit["_id"]), hit.get("_score")) for hit in hits["hits"]]
        if not with_fields:
            return Hits(total, ids)
        documents = {}
        for (pk, _score), hit in zip(ids, hits["hits"], strict=True):
            source = hit.get("_source") or {}
            values = {name: source.get(key) or "" for name, key in SOURCE_FIELDS.items()}
            documents[pk] = Candidate(pk, **values)
        return Hits(total, ids, documents)

    def facets(self, criteria, query):
        kept = getattr(self, "_facets", None)
        if kept and kept[0] == self._facets_key(criteria, query):
            return kept[1]
        return self._facet_counts(self._run(self.facets_search(criteria, query))["aggregations"])

    def _records(self, response):
        ids = [int(hit["_id"]) for hit in response["hits"]["hits"]]
        by_id = LearningRecord.objects.in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]

    def similar(self, record, limit: int = 5):
        return self._records(self._run(self.similar_search(record, limit)))

    def significant_terms(self, records, background=None, limit: int = 10):
        aggregations = self._run(self.significant_terms_search(records, background, limit))[
            "aggregations"
        ]
        scores: dict[str, float] = {}
        for field in SIGNIFICANT_FIELDS:
            for bucket in aggregations[f"{field}_terms"]["buckets"]:
                scores[bucket["key"]] = max(scores.get(bucket["key"], 0), bucket["score"])
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return [(term, round(score, 3)) for term, score in ranked[:limit]]

    def titles(self, text, limit: int = 8):
        return self._records(self._run(self.titles_search(text, limit)))

    def index_settings(self):
        from ..engine.backends import analysis_settings

        return analysis_settings()

    def ping(self):
        try:
            reachable = bool(self.client.ping())
        except Exception as error:  # noqa: BLE001 - any transport failure means unreachable
            return False, f"search engine unreachable: {error}"
        if not reachable:
            return False, "the search engine did not answer the ping"
        return True, f"search engine ({self.index_name})"

    def document_count(self, model):
        backend = self.wagtail_backend
        index = backend.get_index_for_model(model)
        content_type = backend.mapping_class(model).get_content_type()
        body = {"query": {"match": {"_django_content_type": content_type}}}
        try:
            return self.client.count(index=index.name, body=body)["count"]
        except engine_errors() as error:
            raise SearchUnavailable(str(error)) from error


def synonym_index_settings(rules=None):
    """Index settings with the synonym filter and analysers (see search.engine.backends)."""
    from ..engine.backends import analysis_settings

    return analysis_settings(rules)
