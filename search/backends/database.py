# ruff: noqa: S608, S611 - table and column names come from model metadata; user text is a parameter.
"""The database implementation: Wagtail's database search index, facets by aggregate SQL.

On SQLite the ranked page is read straight from Wagtail's FTS5 index table with bm25 column
weights, because Wagtail's SQLite query compiler scores each candidate with a correlated
subquery (slow past a few thousand matches) and its AND-combined scores are not monotonic. Every
other database (PostgreSQL) goes through Wagtail's `.search()`. On SQLite facets are counted by
bitsets (`facet_bitsets.py`) when they fit in memory, else in the ranked page's SQL statement;
elsewhere they are one SQL statement: a materialised set of matching ids, then GROUP BY on the
record columns and the facet link tables.
"""

import collections
from typing import TYPE_CHECKING, Any, cast

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, Field, Model, QuerySet
from django.db.models.expressions import RawSQL

from wagtail.search.backends import get_search_backend

from ..models import LearningRecord
from ..query import LearningQuery, Unit
from ..text import STOP_WORDS, tokens
from . import facet_bitsets
from .base import FACET_COLUMNS, Criteria, Hits, LearningSearchBackend, Records
from .fts5 import (
    ROW_COLUMNS,
    fts5_source,
    fts_table,
    has_words,
    index_models,
    link_table,
    match_sql,
)
from .terms import counted_significant_terms
from .worker import fetch_in_background

if TYPE_CHECKING:
    from ..models import LearningRecordQuerySet

FacetCounts = dict[str, dict[Any, int]]
PageResult = tuple[Hits, FacetCounts]  # a page of hits and the facet counts of all matches


def _sql(queryset: QuerySet) -> tuple[str, tuple[Any, ...]]:
    return queryset.query.sql_with_params()


def _is_text(column: str) -> bool:
    field = cast(Field, LearningRecord._meta.get_field(column.removesuffix("_id")))
    return field.get_internal_type() in ("CharField", "TextField")


def _present(alias: str, column: str) -> str:
    """SQL that is true when a facet column holds a value: not NULL, and not '' for text.

    Only the text columns (kind, level) may hold ''; comparing an integer column with '' is an
    error on PostgreSQL.
    """
    if _is_text(column):
        return f"{alias} IS NOT NULL AND {alias} != ''"
    return f"{alias} IS NOT NULL"


class DatabaseLearningBackend(LearningSearchBackend):
    name = "database"

    @property
    def uses_fts5(self) -> bool:
        backend = get_search_backend()
        return connection.vendor == "sqlite" and type(backend).__name__.startswith("SQLite")

    # Matching -------------------------------------------------------------------------------

    def _wagtail_results(
        self, records: Records, query: LearningQuery, order_by_relevance: bool
    ) -> Any:  # modelsearch's search results (sliceable, with annotate_score)
        searchable = cast("LearningRecordQuerySet", records.order_by())
        return searchable.search(query.to_wagtail(), order_by_relevance=order_by_relevance)

    def matching(self, records: Records, query: LearningQuery | None) -> Records:
        """A queryset of the records matching `query` (for facets and digests)."""
        if query is None or query.is_empty:
            return records
        if self.uses_fts5:
            sql, params = match_sql(query)
            return records.filter(id__in=RawSQL(f"SELECT rid FROM ({sql})", params))
        results = self._wagtail_results(records, query, False)
        return LearningRecord.objects.filter(pk__in=results.get_queryset().order_by().values("pk"))

    def search(
        self,
        criteria: Criteria,
        query: LearningQuery | None,
        *,
        sort: str,
        offset: int,
        limit: int,
        with_fields: bool = False,
    ) -> Hits:
        """Hits for `query`; `with_fields` is ignored (`search.service` reads the re-ranking's
        fields in one query: the index here does not store them whole)."""
        if self.uses_fts5:
            return self._fts5_page(criteria, query, sort, offset, limit)[0]
        records = self.filtered(criteria)
        newest: list[Any] = [F("date").desc(nulls_last=True), "-id"]
        if query is None or query.is_empty:
            page = records.order_by(*newest).values_list("id", flat=True)[offset : offset + limit]
            return Hits(records.count(), [(pk, None) for pk in page])
        if sort == "newest":
            matched = self.matching(records, query)
            page = matched.order_by(*newest).values_list("id", flat=True)[offset : offset + limit]
            return Hits(matched.count(), [(pk, None) for pk in page])
        results = self._wagtail_results(records, query, True).annotate_score("_score")
        ranked: list[Any] = list(results[offset : offset + limit])
        return Hits(results.count(), [(r.pk, r._score) for r in ranked])

    def candidates(self, criteria: Criteria, query: LearningQuery | None, limit: int) -> list[int]:
        if not self.uses_fts5 or query is None or query.is_empty:
            return super().candidates(criteria, query, limit)
        source, params, score = fts5_source(criteria, query)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT r.record_id, {score} AS score {source} ORDER BY score LIMIT %s",
                [*params, limit],
            )
            return [rid for rid, _score in cursor.fetchall()]

    def _fts5_page(
        self, criteria: Criteria, query: LearningQuery | None, sort: str, offset: int, limit: int
    ) -> PageResult:
        """(Hits, facet counts) for a search on SQLite's FTS5 index and the narrow search rows.

        Facets are counted by bitsets (`facet_bitsets`) when they fit in memory, otherwise in
        the same SQL statement as the ranked page. Memoised per (criteria, query) so `facets()`
        after `search()` is free.
        """
        key = (
            repr(criteria),
            query.to_fts5() if has_words(query) else "",
            query.operator if has_words(query) else "",
        )
        cached = getattr(self, "_memo", None)
        if cached and cached[0] == key and (limit == 0 or cached[1] == (sort, offset, limit)):
            return cached[2]
        bitsets = facet_bitsets.current()
        if bitsets is None:
            result = self._fts5_statement(criteria, query, sort, offset, limit)
        else:
            result = self._fts5_bitsets(bitsets, criteria, query, sort, offset, limit)
        self._memo = (key, (sort, offset, limit), result)
        return result

    def _fts5_bitsets(
        self,
        bitsets: facet_bitsets.FacetBitsets,
        criteria: Criteria,
        query: LearningQuery | None,
        sort: str,
        offset: int,
        limit: int,
    ) -> PageResult:
        """The ranked page by SQL; the total and the facets from the matching rows' bitset.

        With a query and no date filters the matching rows are the FTS5 rowids alone (rows of
        other models are not in the bitsets), fetched on a second connection while this one
        ranks, so the two use both cores. Inside a transaction another connection would not
        see its writes, so then both run here, one after the other.
        """
        has_query = has_words(query)
        dated = bool(criteria.date_from or criteria.date_to or criteria.shared_after)
        source, params, score = fts5_source(criteria, query)
        matching = None
        if has_words(query) and not dated:
            fts = fts_table()
            # One comma-separated text: a third of the CPU of fetching 60,000 one-value rows.
            rows_sql = f"SELECT group_concat(rowid) FROM {fts} WHERE {fts} MATCH %s"
            rows_params = [query.to_fts5()]
            if limit and not connection.in_atomic_block:
                matching = fetch_in_background(rows_sql, rows_params)
        hits = []
        with connection.cursor() as cursor:
            if limit:
                relevance = has_query and sort != "newest"
                order = "score, rid DESC" if relevance else "r.date IS NULL, r.date DESC, rid DESC"
                cursor.execute(
                    f"SELECT r.record_id AS rid, {score} AS score {source} "
                    f"ORDER BY {order} LIMIT %s OFFSET %s",
                    [*params, limit, offset],
                )
                # bm25 is lower-is-better; report higher-is-better scores.
                hits = [
                    (rid, round(-value, 4) if value is not None else None)
                    for rid, value in cursor.fetchall()
                ]
            if dated:
                cursor.execute(f"SELECT r.id {source}", params)
                mask = bitsets.mask(cursor.fetchall())
            elif has_query:
                if matching is not None:
                    rows = matching.result()
                else:
                    cursor.execute(rows_sql, rows_params)
                    rows = cursor.fetchall()
                row_ids = rows[0][0].split(",") if rows and rows[0][0] else ()
                mask = bitsets.mask_ids(map(int, row_ids)) & bitsets.filtered(criteria.filters)
            else:
                mask = bitsets.filtered(criteria.filters)
        return Hits(mask.bit_count(), hits), bitsets.counts(mask)

    def _fts5_statement(
        self, criteria: Criteria, query: LearningQuery | None, sort: str, offset: int, limit: int
    ) -> PageResult:
        """(Hits, facet counts) from one SQL statement over FTS5 and the narrow search rows.

        The matches are materialised once; the ranked page, the total and every facet count
        are read from them.
        """
        from ..models import SearchRow

        has_query = query is not None and not query.is_empty
        source, params, score = fts5_source(criteria, query)
        relevance = has_query and sort != "newest"
        order = "score, rid DESC" if relevance else "date IS NULL, date DESC, rid DESC"
        selects = [
            f"SELECT * FROM (SELECT 'hit', rid, score, date FROM m ORDER BY {order} "
            f"LIMIT %s OFFSET %s)",
            "SELECT 'count', NULL, COUNT(*), NULL FROM m",
            "SELECT 'links', j.value, COUNT(*), NULL FROM m, json_each(m.links) j GROUP BY j.value",
        ]
        for name, (column, _link) in FACET_COLUMNS.items():
            if column:
                alias = ROW_COLUMNS[column]
                selects.append(
                    f"SELECT '{name}', {alias}, COUNT(*), NULL FROM m "
                    f"WHERE {_present(alias, column)} GROUP BY {alias}"
                )
        sql = (
            f"WITH m AS MATERIALIZED (SELECT r.record_id AS rid, {score} AS score, r.date AS date, "
            f"r.kind AS kind, r.year AS year, r.level AS level, r.category_id AS category_id, "
            f"r.area_id AS area_id, r.links AS links {source}) " + " UNION ALL ".join(selects)
        )
        rows: list[tuple[int, float | None, Any]] = []  # (id, bm25 score, date)
        count = 0
        counts: collections.defaultdict[str, dict[Any, int]] = collections.defaultdict(dict)
        facet_by_letter = {letter: name for name, letter in SearchRow.LINK_PREFIXES.items()}
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, offset])
            for name, value, number, extra in cursor.fetchall():
                if name == "hit":
                    rows.append((value, number, extra))
                elif name == "count":
                    count = number
                elif name == "links":
                    counts[facet_by_letter[value[0]]][int(value[1:])] = number
                else:
                    counts[name][value] = number
        if relevance:
            rows.sort(key=lambda hit: (hit[1], -hit[0]))
        else:
            # Newest first, undated last, then by id (both sorts are stable).
            rows.sort(key=lambda hit: hit[0], reverse=True)
            rows.sort(key=lambda hit: str(hit[2] or ""), reverse=True)
        hits = [(rid, round(-score, 4) if score is not None else None) for rid, score, _d in rows]
        return Hits(count, hits), dict(counts)

    # Facets ---------------------------------------------------------------------------------

    def facets(self, criteria: Criteria, query: LearningQuery | None) -> FacetCounts:
        if self.uses_fts5:
            return self._fts5_page(criteria, query, "relevance", 0, 0)[1]
        matched = self.matching(self.filtered(criteria), query).order_by().values("id")
        matched_sql, params = _sql(matched)
        record_table = LearningRecord._meta.db_table
        selects = []
        for name, (column, link) in FACET_COLUMNS.items():
            if column:
                # Text and integer values go in separate columns: PostgreSQL's UNION needs
                # one type per column.
                if _is_text(column):
                    values = f"{column}, CAST(NULL AS BIGINT)"
                else:
                    values = f"NULL, {column}"
                selects.append(
                    f"SELECT '{name}', {values}, COUNT(*) FROM {record_table} "
                    f"WHERE id IN (SELECT id FROM matched) AND {_present(column, column)} "
                    f"GROUP BY {column}"
                )
            elif link is not None:
                relation, value_column = link
                table = link_table(relation)
                selects.append(
                    f"SELECT '{name}', NULL, {value_column}, COUNT(*) FROM {table} "
                    f"WHERE learningrecord_id IN (SELECT id FROM matched) GROUP BY {value_column}"
                )
        materialized = "MATERIALIZED " if connection.vendor in ("sqlite", "postgresql") else ""
        sql = f"WITH matched AS {materialized}({matched_sql}) " + " UNION ALL ".join(selects)
        counts: collections.defaultdict[str, dict[Any, int]] = collections.defaultdict(dict)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for name, text, number, count in cursor.fetchall():
                counts[name][text if text is not None else number] = count
        return dict(counts)

    def index_state(self) -> tuple[()]:
        """(): the index is written in the save's own transaction, so the data version says
        all there is to say."""
        return ()

    # Beyond Wagtail's API -------------------------------------------------------------------

    def similar(self, record: LearningRecord, limit: int = 5) -> list[LearningRecord]:
        words = [w for w in tokens(f"{record.title} {record.keywords}") if w not in STOP_WORDS]
        common = [w for w, _ in collections.Counter(words).most_common(8)]
        if not common:
            return []
        query = LearningQuery(record.title, [Unit(w, [w]) for w in common], operator="or")
        hits = self.search(Criteria(), query, sort="relevance", offset=0, limit=limit + 1)
        ids = [pk for pk, _ in hits.ids if pk != record.pk][:limit]
        by_id = LearningRecord.objects.in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]

    def significant_terms(
        self, records: Records, background: Records | None = None, limit: int = 10
    ) -> list[tuple[str, float]]:
        """Words far more frequent in `records` (e.g. this month) than in the background."""
        return counted_significant_terms(records, background, limit)

    def ping(self) -> tuple[bool, str]:
        try:
            LearningRecord.objects.exists()
        except Exception as error:  # noqa: BLE001 - report any database failure as unhealthy
            return False, f"database unreachable: {error}"
        return True, f"database ({connection.vendor})"

    def document_count(self, model: type[Model]) -> int:
        IndexEntry = index_models()[0]  # noqa: N806
        content_type = ContentType.objects.get_for_model(model)
        return IndexEntry._default_manager.filter(content_type=content_type).count()
