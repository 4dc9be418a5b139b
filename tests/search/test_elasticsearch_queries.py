"""The exact request bodies the Elasticsearch implementation sends (no server needed)."""

import datetime

import pytest

from search.backends.base import FACET_COLUMNS, Criteria
from search.backends.elasticsearch import ElasticsearchLearningBackend, synonym_index_settings
from search.query import parse
from search.synonyms import DEFAULT_SYNONYMS, build_table

TABLE = build_table(DEFAULT_SYNONYMS)
FIELDS = ["title^6", "summary", "keywords", "body"]
EXACT = ["title.exact^6", "summary.exact", "keywords.exact", "body.exact", "stems"]
CONTENT_TYPE = {"match": {"_django_content_type": "search.LearningRecord"}}


@pytest.fixture
def backend():
    return ElasticsearchLearningBackend(client=object(), index_name="learning")


def phrase(text):
    return {
        "multi_match": {
            "query": text,
            "type": "phrase",
            "fields": EXACT,
            "analyzer": "learning_exact",
        }
    }


def words(text):
    return {"multi_match": {"query": text, "fields": FIELDS, "analyzer": "learning_index"}}


def test_search_body_with_synonyms_filters_and_paging(backend):
    criteria = Criteria(
        filters={"type": ["barrier"], "need": [3]},
        date_from=datetime.date(2024, 1, 1),
    )
    body = backend.search_search(
        criteria, parse("MH", synonyms=TABLE), sort="relevance", offset=20, limit=10
    ).to_dict()
    assert body == {
        "query": {
            "bool": {
                "must": [
                    {
                        "bool": {
                            "must": [
                                {
                                    "bool": {
                                        "should": [words("mh"), phrase("mental health")],
                                        "minimum_should_match": 1,
                                    }
                                }
                            ]
                        }
                    }
                ],
                "filter": [
                    CONTENT_TYPE,
                    {"terms": {"kind_filter": ["barrier"]}},
                    {"terms": {"needs_filter": [3]}},
                    {"range": {"date_filter": {"gte": "2024-01-01"}}},
                ],
            }
        },
        "_source": ["pk"],
        "from": 20,
        "size": 10,
        "track_total_hits": True,
    }


def test_newest_first_sorts_by_date(backend):
    body = backend.search_search(
        Criteria(), parse("relapse", synonyms={}), sort="newest", offset=0, limit=20
    ).to_dict()
    assert body["sort"] == [{"date_filter": {"order": "desc", "missing": "_last"}}, "_score"]


def test_facets_body_has_one_aggregation_per_facet(backend):
    body = backend.facets_search(Criteria(), parse("", synonyms={})).to_dict()
    assert body["size"] == 0
    assert body["query"]["bool"]["must"] == [{"match_all": {}}]
    assert body["aggs"]["type"] == {"terms": {"field": "kind_filter", "size": 100}}
    assert body["aggs"]["year"] == {"terms": {"field": "year_filter", "size": 100}}
    # Taxonomy links are flat id lists on the record's document (no nested documents).
    assert body["aggs"]["need"] == {"terms": {"field": "needs_filter", "size": 100}}
    assert set(body["aggs"]) == {
        "type", "level", "category", "area", "year", "principle", "priority", "need", "theme",
        "agency",
    }  # fmt: skip


def test_facet_buckets_come_back_as_the_databases_values(backend):
    """Facet fields are keywords, so the engine's keys are strings: ids and years are numbers
    in the database (and in the filters a page links to), types and levels are text."""

    def buckets(*pairs):
        return {"buckets": [{"key": key, "doc_count": count} for key, count in pairs]}

    aggregations = {name: buckets() for name in FACET_COLUMNS}
    aggregations.update(
        type=buckets(("barrier", 7)),
        year=buckets(("2024", 5), ("2023", 2)),
        area=buckets(("12", 3)),
        need=buckets(("4", 6), ("10", 1)),
    )
    counts = backend._facet_counts(aggregations)
    assert counts["type"] == {"barrier": 7}
    assert counts["year"] == {2024: 5, 2023: 2}
    assert counts["area"] == {12: 3}
    assert counts["need"] == {4: 6, 10: 1}
    assert counts["agency"] == {}


def test_similar_records_body(backend):
    class Record:
        pk = 42

    body = backend.similar_search(Record(), limit=3).to_dict()
    more_like_this = body["query"]["bool"]["must"][0]["more_like_this"]
    assert more_like_this["like"] == [{"_index": "learning", "_id": "42"}]
    assert body["size"] == 3


def test_significant_terms_body(backend):
    body = backend.significant_terms_search(Criteria(filters={"type": ["barrier"]})).to_dict()
    title_terms = body["aggs"]["title_terms"]["significant_text"]
    assert title_terms["field"] == "title"
    assert body["aggs"]["keywords_terms"]["significant_text"]["field"] == "keywords"
    # Against every record (not the nested taxonomy documents), without stop words.
    assert title_terms["background_filter"] == {"bool": {"filter": [CONTENT_TYPE]}}
    assert "the" in title_terms["exclude"]
    assert {"terms": {"kind_filter": ["barrier"]}} in body["query"]["bool"]["filter"]


def test_synonym_graph_settings():
    settings = synonym_index_settings(["mh, mental health"])
    analysis = settings["settings"]["analysis"]
    assert analysis["filter"]["learning_synonyms"] == {
        "type": "synonym_graph", "synonyms": ["mh, mental health"], "lenient": True,
    }  # fmt: skip
    assert "learning_synonyms" in analysis["analyzer"]["learning_search"]["filter"]


def test_words_match_stemmed_once_and_phrases_as_written(backend):
    # "hostels" and its stem are one word to the engine (it stems); a&e is split there.
    body = backend.search_search(
        Criteria(), parse("hostels a&e", synonyms={}), sort="relevance", offset=0, limit=10
    ).to_dict()
    hostels, accident = body["query"]["bool"]["must"][0]["bool"]["must"]
    assert hostels["bool"]["should"] == [words("hostels")]
    assert accident["bool"]["should"] == [phrase("a&e")]


def leaf_clauses(query):
    """Lucene clauses a body's query costs: every word of every field it searches."""
    if isinstance(query, list):
        return sum(leaf_clauses(part) for part in query)
    if not isinstance(query, dict):
        return 0
    if "multi_match" in query:
        match = query["multi_match"]
        return len(match["fields"]) * len(match["query"].replace("&", " ").split())
    return sum(leaf_clauses(value) for value in query.values())


def test_a_long_question_is_kept_within_the_engines_clause_limit(backend, monkeypatch):
    from search.backends import engine_query

    terms = " and ".join(term for term, _equivalents in DEFAULT_SYNONYMS)
    question = parse(f"how do we help someone with {terms}", synonyms=TABLE)
    with monkeypatch.context() as unlimited:
        unlimited.setattr(engine_query, "CLAUSE_BUDGET", 100_000)
        body = backend.search_search(Criteria(), question, sort="relevance", offset=0, limit=10)
        assert leaf_clauses(body.to_dict()["query"]) > 1024
    for operator in ("and", "or"):
        body = backend.search_search(
            Criteria(filters={"type": ["barrier"]}),
            question.with_operator(operator),
            sort="relevance",
            offset=0,
            limit=100,
        ).to_dict()
        assert leaf_clauses(body["query"]) <= 1024 - 24
    # Short questions keep every alternative: "MH" is still found as "mental health".
    short = backend.search_search(
        Criteria(), parse("MH hostels", synonyms=TABLE), sort="relevance", offset=0, limit=10
    ).to_dict()
    assert (
        phrase("mental health")
        in short["query"]["bool"]["must"][0]["bool"]["must"][0]["bool"]["should"]
    )


def test_a_reranked_search_asks_for_the_ranking_fields(backend):
    body = backend.search_search(
        Criteria(),
        parse("MH", synonyms=TABLE),
        sort="relevance",
        offset=0,
        limit=100,
        with_fields=True,
    ).to_dict()
    assert body["_source"] == ["pk", "body", "keywords", "kind_filter", "summary", "title"]
    assert body["size"] == 100


class FlakyClient:
    """Fails the first searches with the given errors, then answers with no hits."""

    def __init__(self, *errors):
        self.errors = list(errors)
        self.calls = 0

    def search(self, index, body):
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return {"hits": {"total": {"value": 0}, "hits": []}}


def lost_context():
    from opensearchpy.exceptions import NotFoundError

    return NotFoundError(404, "search_phase_execution_exception", "No search context found")


def no_answer():
    from elastic_transport import ConnectionError as NoConnection

    return NoConnection("Connection refused")


def all_shards_failed(cause):
    from opensearchpy.exceptions import TransportError

    failure = {"type": cause, "reason": f"[{cause}] on node-1"}
    body = {
        "error": {
            "root_cause": [failure],
            "type": "search_phase_execution_exception",
            "reason": "all shards failed",
            "phase": "fetch",
            "failed_shards": [{"shard": 0, "index": "learning", "reason": failure}],
        },
        "status": 500,
    }
    return TransportError(500, "search_phase_execution_exception", body)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "failure",
    [
        pytest.param(lost_context, id="a shard moved mid-search"),
        pytest.param(no_answer, id="an Elasticsearch cluster did not answer"),
        pytest.param(
            lambda: all_shards_failed("node_disconnected_exception"),
            id="a node stopped between the query and fetch phases",
        ),
    ],
)
def test_a_search_failing_as_a_cluster_moves_is_sent_once_more(monkeypatch, failure):
    monkeypatch.setattr("search.backends.elasticsearch.RETRY_PAUSE", 0)
    client = FlakyClient(failure())
    backend = ElasticsearchLearningBackend(client=client, index_name="learning")
    assert (backend.titles("housing"), client.calls) == ([], 2)


@pytest.mark.django_db
def test_a_search_that_failed_on_every_shard_for_its_own_sake_is_not_sent_twice(monkeypatch):
    from search.backends.base import SearchUnavailable

    monkeypatch.setattr("search.backends.elasticsearch.RETRY_PAUSE", 0)
    client = FlakyClient(all_shards_failed("query_shard_exception"))
    backend = ElasticsearchLearningBackend(client=client, index_name="learning")
    with pytest.raises(SearchUnavailable, match="search_phase_execution_exception"):
        backend.titles("housing")
    assert client.calls == 1


@pytest.mark.django_db
def test_a_search_fails_clearly_when_the_second_try_fails_too(monkeypatch):
    from search.backends.base import SearchUnavailable

    monkeypatch.setattr("search.backends.elasticsearch.RETRY_PAUSE", 0)
    client = FlakyClient(lost_context(), lost_context(), lost_context())
    backend = ElasticsearchLearningBackend(client=client, index_name="learning")
    with pytest.raises(SearchUnavailable, match="search_phase_execution_exception"):
        backend.titles("housing")
    assert client.calls == 2


@pytest.mark.django_db
def test_a_malformed_search_is_not_sent_twice(monkeypatch):
    from opensearchpy.exceptions import RequestError

    from search.backends.base import SearchUnavailable

    client = FlakyClient(RequestError(400, "parsing_exception", "unknown query"))
    backend = ElasticsearchLearningBackend(client=client, index_name="learning")
    with pytest.raises(SearchUnavailable):
        backend.titles("housing")
    assert client.calls == 1
