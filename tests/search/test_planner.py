"""After a bulk write, PostgreSQL's planner knows how many rows the search tables hold."""

from django.db import connection

import pytest

from search.evaluation import JUDGED_CORPUS
from search.interchange import import_lines
from search.models import LearningRecord
from search.planner import search_tables

pytestmark = pytest.mark.django_db


def planner_rows(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_an_import_leaves_the_planner_knowing_the_real_table_sizes():
    with open(JUDGED_CORPUS, encoding="utf-8") as handle:
        import_lines(handle)
    records = LearningRecord.objects.count()
    assert records >= 300
    # Without fresh statistics the planner assumed about one row and a search took minutes.
    assert planner_rows(LearningRecord._meta.db_table) >= records * 0.9


def test_the_tables_include_wagtails_index_and_the_facet_links():
    tables = search_tables()
    assert "wagtailsearch_indexentry" in tables
    assert LearningRecord._meta.db_table in tables
    assert any(table.startswith(LearningRecord._meta.db_table + "_") for table in tables)
