"""The engine implementation (Elasticsearch 8/9, OpenSearch 2/3), written with `elasticsearch.dsl`.

Wagtail's backend (`search.engine`) owns the index: mapping with the synonym analysers, writes
through the outbox, `rebuild_search`. This module reads the same index with DSL-built bodies so
that facets on the nested taxonomy relations, more-like-this and significant terms are one
request each. Every body is built by a `*_search()` method so tests can check it with
`to_dict()`; it is sent as a plain `body=`, which both the Elasticsearch and the OpenSearch
clients accept, so the same code runs on all four engines.
"""

import time
from typing import TYPE_CHECKING, Any

from django.db.models import Model

from elasticsearch.dsl import A, Q, Search

from ..models import LearningRecord
from ..text import STOP_WORDS
from .base import (
    FACET_COLUMNS,
    Candidate,
    Criteria,
    Hits,
    LearningSearchBackend,
    SearchUnavailable,
)
from .engine_query import (
    CONTENT_TYPE,
    FACET_SIZE,
    SIGNIFICANT_FIELDS,
    SIMILAR_FIELDS,
    SOURCE_FIELDS,
    es_field,
    facet_value,
    filter_clauses,
    record_filter,
    text_query,
)

if TYPE_CHECKING:
    from ..query import LearningQuery


def engine_errors() -> tuple[type[BaseException], ...]:
    """The client exceptions that mean the engine could not answer."""
    errors: list[type[BaseException]] = []
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


# A search is only a read, so it is sent once more when the failure is one a cluster gives
# while it moves shards: no connection ("N/A"), busy or unavailable, a shard's search context
# gone between the query and fetch phases because its node stopped (404 from the search phase),
# or every failed shard's node gone or leaving (500 from the search phase, whose causes say so).
TRANSIENT_STATUSES = {"N/A", 429, 502, 503, 504}
NODE_GONE = {
    "node_disconnected_exception",
    "node_not_connected_exception",
    "node_closed_exception",
    "connect_transport_exception",
    "send_request_transport_exception",
    "no_shard_available_action_exception",
    "search_context_missing_exception",
}
RETRY_PAUSE = 0.2


def failure_causes(error: BaseException) -> set[str]:
    """The types of a failed search's root causes and shard failures, as the engine named them."""
    body = getattr(error, "body", None) or getattr(error, "info", None)
    detail = body.get("error") if isinstance(body, dict) else None
    if not isinstance(detail, dict):
        return set()
    reasons = [*detail.get("root_cause", []), detail.get("caused_by")]
    reasons += [shard.get("reason") for shard in detail.get("failed_shards", [])]
    return {reason["type"] for reason in reasons if isinstance(reason, dict) and "type" in reason}


def transient(error: BaseException) -> bool:
    """Whether a failed read is worth sending once more."""
    if isinstance(error, (ConnectionError, TimeoutError)):
        return True
    try:  # the Elasticsearch client's own: no node answered, or none in time
        from elastic_transport import ConnectionError as NoConnection
        from elastic_transport import ConnectionTimeout

        if isinstance(error, (NoConnection, ConnectionTimeout)):
            return True
    except ImportError:
        pass
    status = getattr(error, "status_code", None)
    if status in TRANSIENT_STATUSES:
        return True
    if getattr(error, "error", "") != "search_phase_execution_exception":
        return False
    if status == 404:
        return True
    causes = failure_causes(error)
    return status == 500 and bool(causes) and causes <= NODE_GONE


class ElasticsearchLearningBackend(LearningSearchBackend):
    name = "elasticsearch"

    def __init__(self, client: Any = None, index_name: str | None = None) -> None:
        self._client = client
        self._index_name = index_name

    # One Wagtail backend (and so one client with its connection pool) per configuration.
    _wagtail_backends: dict[str, Any] = {}

    @property
    def wagtail_backend(self) -> Any:
        from django.conf import settings

        from wagtail.search.backends import get_search_backend

        key = repr(settings.WAGTAILSEARCH_BACKENDS["default"])
        if key not in self._wagtail_backends:
            self._wagtail_backends[key] = get_search_backend()
        return self._wagtail_backends[key]

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = self.wagtail_backend.es
        return self._client

    @property
    def index_name(self) -> str:
        if self._index_name is None:
            self._index_name = self.wagtail_backend.get_index_for_model(LearningRecord).name
        return self._index_name

    def _base(self) -> Search:
        return Search(index=self.index_name)

    def _run(self, search: Search, index: str | None = None) -> Any:
        """Send a DSL search, once more after a transient failure; then SearchUnavailable."""
        body, index = search.to_dict(), index or self.index_name
        try:
            return self.client.search(index=index, body=body)
        except engine_errors() as error:
            if not transient(error):
                raise SearchUnavailable(str(error)) from error
        time.sleep(RETRY_PAUSE)
        try:
            return self.client.search(index=index, body=body)
        except engine_errors() as error:
            raise SearchUnavailable(str(error)) from error

    # Request bodies -------------------------------------------------------------------------

    def search_search(
        self,
        criteria: Criteria,
        query: "LearningQuery | None",
        *,
        sort: str,
        offset: int,
        limit: int,
        with_fields: bool = False,
    ) -> Search:
        search = self._base().query(
            Q("bool", must=[text_query(query)], filter=filter_clauses(criteria))
        )
        if sort == "newest" or query is None or query.is_empty:
            search = search.sort({"date_filter": {"order": "desc", "missing": "_last"}}, "_score")
        # The re-ranking's fields come from _source when asked for.
        source: list[Any] = ["pk", *sorted(SOURCE_FIELDS.values())] if with_fields else ["pk"]
        search = search.source(source).extra(from_=offset, size=limit, track_total_hits=True)
        return search

    def facets_search(self, criteria: Criteria, query: "LearningQuery | None") -> Search:
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

    def similar_search(self, record: LearningRecord, limit: int = 5) -> Search:
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

    def significant_terms_search(
        self, records: Any, background: Any = None, limit: int = 10
    ) -> Search:
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

    def titles_search(self, text: str, limit: int) -> Search:
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

    def page_and_facets_search(
        self, criteria: Criteria, query: "LearningQuery | None", **window: Any
    ) -> Search:
        """The ranked page with the facet aggregations: one round trip for a results page.
        `window` is `search_search`'s sort, offset, limit and with_fields."""
        search = self.search_search(criteria, query, **window)
        search.aggs._params["aggs"] = self.facets_search(criteria, query).aggs._params["aggs"]
        return search

    @staticmethod
    def _facets_key(
        criteria: Criteria, query: "LearningQuery | None"
    ) -> tuple[str, tuple[str, str] | None]:
        return repr(criteria), None if query is None else (query.text, query.operator)

    def _facet_counts(self, aggregations: dict[str, Any]) -> dict[str, dict[Any, int]]:
        counts = {}
        for name in FACET_COLUMNS:
            aggregation = aggregations[name]
            buckets = aggregation["values"]["buckets"] if "values" in aggregation else None
            buckets = aggregation["buckets"] if buckets is None else buckets
            value = facet_value(name)
            counts[name] = {value(bucket["key"]): bucket["doc_count"] for bucket in buckets}
        return counts

    def search(
        self,
        criteria: Criteria,
        query: "LearningQuery | None",
        *,
        sort: str,
        offset: int,
        limit: int,
        with_fields: bool = False,
    ) -> Hits:
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

    def facets(
        self, criteria: Criteria, query: "LearningQuery | None"
    ) -> dict[str, dict[Any, int]]:
        kept = getattr(self, "_facets", None)
        if kept and kept[0] == self._facets_key(criteria, query):
            return kept[1]
        return self._facet_counts(self._run(self.facets_search(criteria, query))["aggregations"])

    def _records(self, response: dict[str, Any]) -> list[LearningRecord]:
        ids = [int(hit["_id"]) for hit in response["hits"]["hits"]]
        by_id = LearningRecord.objects.in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]

    def similar(self, record: LearningRecord, limit: int = 5) -> list[LearningRecord]:
        return self._records(self._run(self.similar_search(record, limit)))

    def significant_terms(self, records: Any, background: Any = None, limit: int = 10) -> list[Any]:
        aggregations = self._run(self.significant_terms_search(records, background, limit))[
            "aggregations"
        ]
        scores: dict[str, float] = {}
        for field in SIGNIFICANT_FIELDS:
            for bucket in aggregations[f"{field}_terms"]["buckets"]:
                scores[bucket["key"]] = max(scores.get(bucket["key"], 0), bucket["score"])
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return [(term, round(score, 3)) for term, score in ranked[:limit]]

    def titles(self, text: str, limit: int = 8) -> list[LearningRecord]:
        return self._records(self._run(self.titles_search(text, limit)))

    def index_settings(self) -> dict[str, Any]:
        from ..engine.backends import analysis_settings

        return analysis_settings()

    def ping(self) -> tuple[bool, str]:
        try:
            reachable = bool(self.client.ping())
        except Exception as error:  # noqa: BLE001 - any transport failure means unreachable
            return False, f"search engine unreachable: {error}"
        if not reachable:
            return False, "the search engine did not answer the ping"
        return True, f"search engine ({self.index_name})"

    def document_count(self, model: type[Model]) -> int:
        backend = self.wagtail_backend
        index = backend.get_index_for_model(model)
        content_type = backend.mapping_class(model).get_content_type()
        body = {"query": {"match": {"_django_content_type": content_type}}}
        try:
            return self.client.count(index=index.name, body=body)["count"]
        except engine_errors() as error:
            raise SearchUnavailable(str(error)) from error


def synonym_index_settings(rules: Any = None) -> dict[str, Any]:
    """Index settings with the synonym filter and analysers (see search.engine.backends)."""
    from ..engine.backends import analysis_settings

    return analysis_settings(rules)
