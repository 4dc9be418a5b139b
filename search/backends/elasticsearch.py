"""The Elasticsearch implementation, written with `elasticsearch.dsl`.

Wagtail's Elasticsearch backend owns the index (mappings, analysers, indexing from signals and
`rebuild_search`); this module reads the same index with DSL queries so that facets on the
nested taxonomy relations, more-like-this and significant terms are one request each.
Every request body is built by a `*_search()` method so tests can check it with `to_dict()`.
"""

from elasticsearch.dsl import A, Q, Search

from ..models import LearningRecord
from .base import FACET_COLUMNS, Hits, LearningSearchBackend, SearchUnavailable

TEXT_FIELDS = ["title^10", "summary^3", "keywords^2", "body", "stems"]
CONTENT_TYPE = "search.LearningRecord"
FACET_SIZE = 100


def es_field(name):
    """The Wagtail index field (and nested path, if any) holding a facet's values."""
    column, link = FACET_COLUMNS[name]
    if column:
        return None, f"{column}_filter"
    relation, _ = link
    return relation, f"{relation}.id_filter"


def unit_query(unit):
    return Q(
        "bool",
        should=[
            Q("multi_match", query=variant, type="phrase", fields=TEXT_FIELDS)
            for variant in unit.variants()
        ],
        minimum_should_match=1,
    )


def text_query(query):
    if query is None or query.is_empty:
        return Q("match_all")
    units = [unit_query(unit) for unit in query.units]
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


class ElasticsearchLearningBackend(LearningSearchBackend):
    name = "elasticsearch"

    def __init__(self, client=None, index_name=None):
        self._client = client
        self._index_name = index_name

    @property
    def wagtail_backend(self):
        from wagtail.search.backends import get_search_backend

        return get_search_backend()

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
        return Search(using=self.client, index=self.index_name)

    def _execute(self, search):
        from elastic_transport import ConnectionError as TransportConnectionError
        from elastic_transport import ConnectionTimeout
        from elasticsearch import ApiError, TransportError

        try:
            return search.execute()
        except (TransportConnectionError, ConnectionTimeout, TransportError, ApiError) as error:
            raise SearchUnavailable(str(error)) from error

    # Request bodies -------------------------------------------------------------------------

    def search_search(self, criteria, query, *, sort, offset, limit):
        search = self._base().query(
            Q("bool", must=[text_query(query)], filter=filter_clauses(criteria))
        )
        if sort == "newest" or query is None or query.is_empty:
            search = search.sort({"date_filter": {"order": "desc", "missing": "_last"}}, "_score")
        search = search.source(["pk"]).extra(from_=offset, size=limit, track_total_hits=True)
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

    def similar_search(self, record, limit=5):
        like = {"_index": self.index_name, "_id": str(record.pk)}
        return (
            self._base()
            .query(
                Q(
                    "bool",
                    must=[
                        Q(
                            "more_like_this",
                            fields=["title", "summary", "keywords", "body"],
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

    def significant_terms_search(self, criteria, limit=10):
        search = self._base().query(Q("bool", filter=filter_clauses(criteria))).extra(size=0)
        search.aggs.bucket(
            "new_terms",
            A("significant_text", field="title", size=limit, filter_duplicate_text=True),
        )
        return search

    # The interface --------------------------------------------------------------------------

    def search(self, criteria, query, *, sort, offset, limit):
        response = self._execute(
            self.search_search(criteria, query, sort=sort, offset=offset, limit=limit)
        )
        hits = [(int(hit.meta.id), hit.meta.score) for hit in response]
        return Hits(response.hits.total.value, hits)

    def facets(self, criteria, query):
        response = self._execute(self.facets_search(criteria, query))
        counts = {}
        for name in FACET_COLUMNS:
            aggregation = getattr(response.aggregations, name)
            buckets = (
                aggregation.values.buckets
                if hasattr(aggregation, "values")
                else (aggregation.buckets)
            )
            counts[name] = {bucket.key: bucket.doc_count for bucket in buckets}
        return counts

    def similar(self, record, limit=5):
        response = self._execute(self.similar_search(record, limit))
        ids = [int(hit.meta.id) for hit in response]
        by_id = LearningRecord.objects.in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]

    def significant_terms(self, records, background=None, limit=10):
        from .base import Criteria

        criteria = records if isinstance(records, Criteria) else Criteria()
        response = self._execute(self.significant_terms_search(criteria, limit))
        return [
            (bucket.key, round(bucket.score, 3))
            for bucket in response.aggregations.new_terms.buckets
        ]

    def index_settings(self):
        return synonym_index_settings()

    def ping(self):
        try:
            reachable = bool(self.client.ping())
        except Exception as error:  # noqa: BLE001 - any transport failure means unreachable
            return False, f"Elasticsearch unreachable: {error}"
        if not reachable:
            return False, "Elasticsearch did not answer the ping"
        return True, f"Elasticsearch ({self.index_name})"

    def document_count(self, model):
        from wagtail.search.backends import get_search_backend

        backend = get_search_backend()
        index = backend.get_index_for_model(model)
        content_type = backend.mapping_class(model).get_content_type()
        body = Search(using=self.client, index=index.name).query(
            Q("match", _django_content_type=content_type)
        )
        try:
            return body.count()
        except Exception as error:  # noqa: BLE001
            raise SearchUnavailable(str(error)) from error


def synonym_index_settings(rules=None):
    """Index settings adding a `synonym_graph` filter (applied at search time)."""
    from ..synonyms import solr_rules

    rules = solr_rules() if rules is None else rules
    return {
        "settings": {
            "analysis": {
                "filter": {
                    "learning_synonyms": {
                        "type": "synonym_graph",
                        "synonyms": rules,
                        "lenient": True,
                    }
                },
                "analyzer": {
                    "learning_search": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "learning_synonyms", "asciifolding"],
                    }
                },
            }
        }
    }
