"""Facet counts by bitsets (search/backends/facet_bitsets.py) against the SQL statement."""

import datetime

from django.db import connection

import pytest

from search import indexing, sync
from search.backends import Criteria, facet_bitsets
from search.backends.database import DatabaseLearningBackend
from search.models import LearningRecord
from search.query import parse
from search.service import search_learning
from taxonomy.models import Need

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="the bitsets count facets for SQLite's FTS5 search; other databases count in SQL",
    ),
    pytest.mark.database_backend,
]

SEARCHES = [
    ("", {}),
    ("discharge", {}),
    ("A&E", {}),
    ("housing", {"type": ["barrier"]}),
    ("mental health", {"type": ["barrier", "bright_spot"], "level": ["system"]}),
    ("", {"year": ["2024"]}),
    ("referral", {"date_from": datetime.date(2024, 1, 1)}),
    ("no such words here", {}),
]


def both_ways(query, filters, monkeypatch):
    """(hits, counts) by bitsets, then by the single SQL statement (bitsets over budget)."""
    criteria = Criteria(
        filters={k: v for k, v in filters.items() if not k.startswith("date")},
        date_from=filters.get("date_from"),
    )
    parsed = parse(query)
    by_bitsets = DatabaseLearningBackend()._fts5_page(criteria, parsed, "relevance", 0, 10)
    monkeypatch.setattr(facet_bitsets, "MEMORY_BUDGET", 0)
    facet_bitsets.forget()
    by_sql = DatabaseLearningBackend()._fts5_page(criteria, parsed, "relevance", 0, 10)
    monkeypatch.undo()
    return by_bitsets, by_sql


@pytest.mark.parametrize(("query", "filters"), SEARCHES)
def test_bitsets_give_the_same_page_total_and_facets_as_sql(corpus, monkeypatch, query, filters):
    (hits, counts), (sql_hits, sql_counts) = both_ways(query, filters, monkeypatch)
    assert hits.count == sql_hits.count
    assert hits.ids == sql_hits.ids
    assert counts == {name: dict(values) for name, values in sql_counts.items()}


def test_over_the_memory_budget_the_search_page_still_counts(practitioner, corpus, monkeypatch):
    monkeypatch.setattr(facet_bitsets, "MEMORY_BUDGET", 0)
    facet_bitsets.forget()
    assert facet_bitsets.current() is None
    page = search_learning(practitioner, "discharge")
    assert page.count > 0
    assert sum(count for _value, _label, count in page.facets["type"]) == page.count


def current_key():
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*), MAX(id) FROM search_searchrow")
        return tuple(cursor.fetchone())


def build_now():
    with connection.cursor() as cursor:
        return facet_bitsets._build(cursor, current_key())


def test_a_changed_and_a_removed_record_refresh_the_bitsets(corpus):
    old = build_now()
    record = LearningRecord.objects.filter(kind="barrier").first()
    need = Need.objects.exclude(pk__in=record.needs.values("pk")).first()
    record.needs.add(need)
    indexing.index_learning_records([record])  # its row is rewritten with a new id, as on any save
    sync._delete_records([LearningRecord.objects.exclude(pk=record.pk).first().pk])
    key = current_key()
    with connection.cursor() as cursor:
        refreshed = facet_bitsets._refresh(cursor, old, key)
        fresh = facet_bitsets._build(cursor, key)
    assert refreshed is not None
    everything = refreshed.every_row()
    assert everything.bit_count() == LearningRecord.objects.count()
    assert refreshed.counts(everything) == fresh.counts(fresh.every_row())
    assert (
        refreshed.counts(everything)["need"][need.pk]
        == LearningRecord.objects.filter(needs=need).count()
    )


def test_many_changes_rebuild_instead(corpus):
    old = build_now()
    indexing.index_learning_records(list(LearningRecord.objects.all()))
    with connection.cursor() as cursor:
        # Every row was replaced: more than half the positions would be holes.
        assert facet_bitsets._refresh(cursor, old, current_key()) is None


# Committed, as every committed test here is, with serialized_rollback: Django empties every
# table after each one, and this puts back what the migrations wrote (the vocabulary and pages
# the corpus needs) whichever ran before.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_outside_a_transaction_the_bitsets_are_cached_and_the_rows_fetched_alongside(
    practitioner, corpus
):
    facet_bitsets.forget()
    first = search_learning(practitioner, "discharge")
    cached = facet_bitsets._cached
    assert cached is not None and cached[1] is not None
    again = search_learning(practitioner, "discharge")
    assert facet_bitsets._cached is cached
    assert (again.count, [r.id for r in again.results]) == (
        first.count,
        [r.id for r in first.results],
    )
    assert first.count == LearningRecord.objects.filter(pk__in=matching_ids("discharge")).count()


def matching_ids(text):
    return (
        DatabaseLearningBackend().matching(LearningRecord.objects.all(), parse(text)).values("pk")
    )
