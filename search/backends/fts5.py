# ruff: noqa: S608 - table and column names come from model metadata; user text is a parameter.
"""The SQL text the database backend runs on SQLite's FTS5 index and the narrow search rows:
which models hold the index, the matches for a query, and the criteria as search-row filters.
`search.backends.database` runs it.
"""

from typing import Any, TypeGuard, cast

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Model

from ..models import LearningRecord
from ..query import LearningQuery
from .base import FACET_COLUMNS, Criteria

# The search row column holding each facet's single value.
ROW_COLUMNS = {
    "kind": "kind", "level": "level", "category_id": "category_id", "area_id": "area_id",
    "year": "year",
}  # fmt: skip
# bm25 weights for the FTS5 columns (autocomplete, body, title).
BM25_WEIGHTS = "0.0, 1.0, 6.0"


def index_models() -> tuple[type[Model], type[Model] | None]:
    """Wagtail's index entry model and, on SQLite only, its FTS5 table's model.

    The FTS5 model exists only when the database is SQLite; on PostgreSQL it is None.
    """
    from modelsearch.conf import get_app_config

    config = get_app_config()
    fts = config.get_model("SQLiteFTSIndexEntry") if connection.vendor == "sqlite" else None
    return config.get_model("IndexEntry"), fts


def fts_table() -> str:
    """The FTS5 table's name (SQLite only)."""
    return cast(type[Model], index_models()[1])._meta.db_table


def has_words(query: LearningQuery | None) -> TypeGuard[LearningQuery]:
    return query is not None and not query.is_empty


def match_sql(query: LearningQuery) -> tuple[str, list[Any]]:
    """SQL for the ids and bm25 scores of the records matching `query`, and its params."""
    content_type = ContentType.objects.get_for_model(LearningRecord).pk
    entry, fts = index_models()
    ENTRY_TABLE = entry._meta.db_table  # noqa: N806
    FTS_TABLE = cast(type[Model], fts)._meta.db_table  # noqa: N806
    sql = (
        f"SELECT CAST(ie.object_id AS INTEGER) AS rid, "
        f"bm25({FTS_TABLE}, {BM25_WEIGHTS}) AS score "
        f"FROM {FTS_TABLE} CROSS JOIN {ENTRY_TABLE} ie ON ie.id = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH %s AND ie.content_type_id = %s"
    )
    return sql, [query.to_fts5(), content_type]


def fts5_source(criteria: Criteria, query: LearningQuery | None) -> tuple[str, list[Any], str]:
    """(FROM ... WHERE ..., params, score expression) for the matches within the criteria."""
    from ..models import SearchRow

    rows_table = SearchRow._meta.db_table
    where, params = row_filters(criteria)
    if query is not None and not query.is_empty:
        fts = fts_table()
        source = f"FROM {fts} CROSS JOIN {rows_table} r ON r.id = {fts}.rowid WHERE {fts} MATCH %s"
        return f"{source}{where}", [query.to_fts5(), *params], f"bm25({fts}, {BM25_WEIGHTS})"
    return f"FROM {rows_table} r WHERE 1 = 1{where}", params, "NULL"


def row_filters(criteria: Criteria) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for name, (column, link) in FACET_COLUMNS.items():
        values = criteria.values(name)
        if not values:
            continue
        marks = ", ".join(["%s"] * len(values))
        if column:
            clauses.append(f"r.{ROW_COLUMNS[column]} IN ({marks})")
        elif link is not None:
            relation, value_column = link
            through = link_table(relation)
            clauses.append(
                f"r.record_id IN (SELECT learningrecord_id FROM {through} "
                f"WHERE {value_column} IN ({marks}))"
            )
        params.extend(values)
    if criteria.date_from:
        clauses.append("r.date >= %s")
        params.append(connection.ops.adapt_datefield_value(criteria.date_from))
    if criteria.date_to:
        clauses.append("r.date <= %s")
        params.append(connection.ops.adapt_datefield_value(criteria.date_to))
    if criteria.shared_after:
        clauses.append("r.shared_at > %s")
        params.append(connection.ops.adapt_datetimefield_value(criteria.shared_after))
    where = "".join(f" AND {clause}" for clause in clauses)
    return where, params


def link_table(relation: str) -> str:
    """The table linking learning records to a vocabulary through the many-to-many `relation`."""
    return str(getattr(LearningRecord, relation).through._meta.db_table)
