"""The learning search on a real engine (make test-search-node starts an OpenSearch node).

Run with `pytest --search-node` and SEARCH_ENGINE/SEARCH_URL naming the node; skipped otherwise.
"""

import json
import re

from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

import pytest

from search.backends import Criteria, SearchUnavailable, get_learning_backend
from search.evaluation import (
    DEVELOPMENT,
    JUDGED_CORPUS,
    JUDGMENTS,
    TEST,
    evaluate,
    score,
    service_ranking,
)
from search.interchange import import_lines
from search.models import LearningRecord
from search.query import parse
from search.ranking import corpus_stats
from search.service import search_learning
from search.suggestions import suggest

from .conftest import refresh_engine

pytestmark = [pytest.mark.search_node, pytest.mark.django_db]

DATABASE = {"default": {"BACKEND": "wagtail.search.backends.database"}}


def engine():
    from wagtail.search.backends import get_search_backend

    return get_search_backend()


def count_matches(field, text, analyzer=None):
    query = {"query": text, **({"analyzer": analyzer} if analyzer else {})}
    backend = engine()
    index = backend.get_index_for_model(LearningRecord).name
    refresh_engine()
    body = {"query": {"match_phrase": {field: query}}}
    return backend.es.count(index=index, body=body)["count"]


def test_the_backend_is_the_engine_and_answers():
    backend = get_learning_backend()
    assert backend.name == "elasticsearch"
    reachable, message = backend.ping()
    assert reachable, message


def test_indexes_carry_the_configured_prefix(corpus):
    from django.conf import settings

    prefix = settings.WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"]
    refresh_engine()
    names = set(engine().es.indices.get_alias(index=f"{prefix}*"))
    assert any(name.startswith(f"{prefix}search_learningrecord") for name in names)


def test_synonyms_in_the_mapping_change_what_matches(corpus):
    # Bodies write "mental health" out; only the synonym filter connects "MH" to them.
    written_out = count_matches("body", "mental health")
    as_typed = count_matches("body", "mh", analyzer="standard")
    through_synonyms = count_matches("body", "mh")
    assert written_out > 0
    assert through_synonyms > as_typed
    assert through_synonyms >= written_out


def test_wagtails_own_search_finds_records_through_the_synonyms(corpus):
    refresh_engine()
    titles = [record.title.lower() for record in engine().search("MH", LearningRecord)]
    assert titles and any("mental health" in title for title in titles)


def test_search_facets_and_paging(practitioner, corpus):
    page = search_learning(practitioner, "NRPF refuge")
    assert "bar-008" in [result.id for result in page.results]
    types = {value for value, _label, _count in page.facets["type"]}
    assert types <= {"barrier", "review", "bright_spot"}
    everything = search_learning(practitioner, "", page_size=10, page=2)
    assert everything.count == 60 and len(everything.results) == 10


def test_candidates_come_with_their_text_from_the_engine(practitioner, corpus):
    """The re-ranking reads the candidates' text from the engine's _source, as the database
    holds it, and a ranked page reads only its own records from the database."""
    backend = get_learning_backend()
    hits = backend.search(
        Criteria(), parse("hostel"), sort="relevance", offset=0, limit=100, with_fields=True
    )
    assert hits.ids and set(hits.documents) == {pk for pk, _score in hits.ids}
    stored = LearningRecord.objects.in_bulk(list(hits.documents))
    for pk, candidate in hits.documents.items():
        record = stored[pk]
        assert (candidate.kind, candidate.title, candidate.summary, candidate.body) == (
            record.kind,
            record.title,
            record.summary,
            record.body,
        )
    refresh_engine()
    corpus_stats()  # the word statistics (built once, reading every record) are not the page
    with CaptureQueriesContext(connection) as queries:
        page = search_learning(practitioner, "hostel", page_size=5)
    assert len(page.results) == 5
    text_reads = [
        q["sql"] for q in queries.captured_queries if '"search_learningrecord"."body"' in q["sql"]
    ]
    # One read of the records' text: the page's five, not the hundred candidates.
    assert len(text_reads) == 1
    ids = re.search(r"IN \(([^)]*)\)", text_reads[0]).group(1).split(",")
    assert len(ids) == 5


def test_filters_narrow_results_and_facet_counts_add_up(practitioner, corpus):
    everything = search_learning(practitioner, "")
    barriers = {value: count for value, _l, count in everything.facets["type"]}["barrier"]
    page = search_learning(practitioner, "", filters={"type": ["barrier"]}, page_size=100)
    assert page.count == barriers == len(page.results)


def test_similar_records_share_words(corpus):
    record = LearningRecord.objects.get(external_id="bar-002")
    refresh_engine()
    similar = get_learning_backend().similar(record, limit=5)
    assert similar and record not in similar


def test_significant_terms_of_a_set_of_records(corpus):
    barriers = LearningRecord.objects.filter(kind="barrier", needs__name="Domestic abuse")
    terms = dict(get_learning_backend().significant_terms(barriers, limit=20))
    assert terms and all(score > 0 for score in terms.values())
    assert not {"the", "and", "not", "with"} & set(terms)


def test_suggestions_come_from_the_engine(practitioner, corpus):
    refresh_engine()
    titles = [s["label"] for s in suggest(practitioner, "housing fir") if s["kind"] == "title"]
    assert any("Housing First" in title for title in titles)


def test_search_health_is_healthy_once_the_outbox_is_sent(corpus):
    import io

    refresh_engine()
    out = io.StringIO()
    call_command("search_health", stdout=out)
    assert "Index lag: none" in out.getvalue() and "Healthy" in out.getvalue()


def judged_queries(path=JUDGMENTS):
    return [item["query"] for item in json.loads(path.read_text())["queries"]]


def match_sets(path=JUDGMENTS):
    """{(query, operator): set of external ids} for every judged query on the configured
    backend, its words all required ("and") and any of them ("or", as when relaxed)."""
    backend = get_learning_backend()
    external = dict(LearningRecord.objects.values_list("pk", "external_id"))
    found = {}
    for query in judged_queries(path):
        for operator in ("and", "or"):
            parsed = parse(query).with_operator(operator)
            hits = backend.search(Criteria(), parsed, sort="relevance", offset=0, limit=1000)
            found[query, operator] = {external[pk] for pk, _score in hits.ids}
    return found


def test_the_engine_and_the_database_find_the_same_records(practitioner, corpus):
    """Parity on the judged corpus: the same queries match the same records (ranking may
    differ: bm25 over Wagtail's fields on the engine, FTS5 or ts_rank in the database)."""
    refresh_engine()
    on_engine = match_sets()
    engine_ndcg, _scores = evaluate(practitioner)
    with override_settings(WAGTAILSEARCH_BACKENDS=DATABASE):
        call_command("rebuild_search", "--records-only", verbosity=0)
        on_database = match_sets()
        database_ndcg, _scores = evaluate(practitioner)
    differences = {
        query: (
            sorted(on_engine[query] - on_database[query]),
            sorted(on_database[query] - on_engine[query]),
        )
        for query in on_engine
        if on_engine[query] != on_database[query]
    }
    if connection.vendor == "sqlite":
        # The same analysis on both (Porter2 stems, synonyms applied once, phrases as written
        # or in the record's stems): the same records, not merely a superset.
        assert not differences, differences
    else:
        # PostgreSQL's side is Wagtail's PostgreSQL backend: PostgreSQL's own English
        # dictionary stems and drops stop words inside to_tsquery, so a few all-words queries
        # match records there that the engine (and SQLite) do not. Bounded, and explained in
        # docs/search.md; closing it means the same analysis in PostgreSQL's text search.
        # Measured 2026-12-06: 10 of 72 query/operator pairs differ; fail if it grows.
        assert len(differences) <= 0.15 * len(on_engine), differences
    assert engine_ndcg >= database_ndcg - 0.02, (engine_ndcg, database_ndcg)


def long_question():
    """A question naming every vocabulary term: thousands of clauses if sent unbounded."""
    from search.synonyms import DEFAULT_SYNONYMS

    terms = " and ".join(term for term, _equivalents in DEFAULT_SYNONYMS)
    return f"how do we help someone with {terms} when nobody will work with them"


def test_a_long_question_stays_within_the_engines_clause_limit(practitioner, corpus, monkeypatch):
    from search.backends import engine_query

    # The node runs with Lucene's default limit (1,024), as a managed service does: the same
    # question with every alternative of every unit is refused there...
    refresh_engine()
    backend = get_learning_backend()
    unbounded = parse(long_question()).with_operator("or")
    with monkeypatch.context() as unlimited:
        unlimited.setattr(engine_query, "CLAUSE_BUDGET", 100_000)
        with pytest.raises(SearchUnavailable, match="too_many|maxClauseCount|clauses"):
            backend.search(Criteria(), unbounded, sort="relevance", offset=0, limit=10)
    # ...and answered once the query builder keeps it within its budget.
    page = search_learning(practitioner, long_question())
    assert page.count > 0 and page.results


def test_on_the_judged_set_the_engine_matches_and_ranks_as_the_database_does(practitioner):
    """The judged set that measures (tests/search/judged), through `search_learning` as the API
    calls it: the development half's queries match the same records on both, and nDCG@10 on
    the node is the database backend's (both halves; the test half is only scored)."""
    with open(JUDGED_CORPUS, encoding="utf-8") as handle:
        import_lines(handle)
    refresh_engine()
    rank = service_ranking(practitioner)
    halves = {"development": DEVELOPMENT, "test": TEST}
    on_engine = {half: score(rank, path)["mean"] for half, path in halves.items()}
    engine_matches = match_sets(DEVELOPMENT)
    with override_settings(WAGTAILSEARCH_BACKENDS=DATABASE):
        call_command("rebuild_search", "--records-only", verbosity=0)
        on_database = {half: score(rank, path)["mean"] for half, path in halves.items()}
        database_matches = match_sets(DEVELOPMENT)
    assert engine_matches == database_matches
    # Measured 2026-12-06 with the engine's first-stage weights set to FTS5's (title 6, the
    # rest 1): development 0.883 (database 0.878), test 0.830 (0.828). Only the top 100
    # candidates of the broadest (relaxed) queries differ between the two.
    for half in halves:
        assert on_engine[half] >= on_database[half], (half, on_engine, on_database)


def test_a_bulk_load_pauses_refreshes_and_restores_them(corpus, monkeypatch):
    from search.engine import outbox
    from search.models import IndexChange

    backend = engine()
    index = backend.get_index_for_model(LearningRecord).name
    seen = []
    send_documents = type(backend).send_documents

    def watching(self, model, documents, **options):
        settings = self.es.indices.get_settings(index=index)[index]["settings"]["index"]
        seen.append(settings.get("refresh_interval"))
        return send_documents(self, model, documents, **options)

    monkeypatch.setattr(type(backend), "send_documents", watching)
    monkeypatch.setattr(outbox, "BULK_LOAD_AT", 10)
    monkeypatch.setattr(outbox, "BULK_SIZE", 7)
    outbox.record(LearningRecord, list(LearningRecord.objects.values_list("pk", flat=True)))
    result = outbox.send_due()
    assert result.failed == 0 and not IndexChange.objects.exists()
    assert seen and set(seen) == {"-1"}
    after = backend.es.indices.get_settings(index=index)[index]["settings"]["index"]
    assert after.get("refresh_interval") in (None, "1s")
    # Restored and refreshed: every record is searchable without waiting for a refresh.
    assert backend.es.count(index=index)["count"] == LearningRecord.objects.count()
