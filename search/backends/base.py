"""The search work Wagtail's search API does not cover, behind one interface.

`search.service` calls these methods and never asks which backend is configured.
"""

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Model, QuerySet

from common.models import filter_given

if TYPE_CHECKING:
    from ..models import LearningRecord
    from ..query import LearningQuery

Records = QuerySet["LearningRecord", "LearningRecord"]

FACET_COLUMNS = {
    # facet name: (column on LearningRecord, or None) / (through table name, value column)
    "type": ("kind", None),
    "level": ("level", None),
    "category": ("category_id", None),
    "area": ("area_id", None),
    "year": ("year", None),
    "principle": (None, ("principles", "principle_id")),
    "priority": (None, ("priorities", "priority_id")),
    "need": (None, ("needs", "need_id")),
    "theme": (None, ("themes", "barriertheme_id")),
    "agency": (None, ("agencies", "agency_id")),
}


class SearchUnavailable(Exception):
    """The search engine could not be reached; the page says so and the site carries on."""


@dataclass
class Criteria:
    """Facet filters and a date range, as chosen on the page or in the API."""

    filters: dict[str, list[Any]] = field(default_factory=dict)  # facet name -> list of values
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    # Only records first shared after this moment (digests).
    shared_after: datetime.datetime | None = None

    def values(self, name: str) -> list[Any]:
        return self.filters.get(name) or []


# What `search.ranking.rerank` reads of each candidate (besides its id).
RANKING_FIELDS = ("kind", "title", "summary", "keywords", "body")


@dataclass
class Candidate:
    """A record as the re-ranking sees it: built from the engine's stored fields, or read from
    the database in one query, never a whole model instance."""

    pk: int
    kind: str = ""
    title: str = ""
    summary: str = ""
    keywords: str = ""
    body: str = ""


@dataclass
class Hits:
    count: int
    ids: list[tuple[int, float | None]]  # [(record id, score or None)] in result order
    # With `search(..., with_fields=True)` on a backend that stores the text (the engine):
    # {record id: Candidate}, so re-ranking needs no database read. None otherwise.
    documents: "dict[int, Candidate] | None" = None


class LearningSearchBackend:
    """Full-text search over `LearningRecord` plus facets, similar records and new terms."""

    name = "base"

    def filtered(self, criteria: Criteria) -> Records:
        """The shared records that pass the facet filters and date range."""
        from ..models import LearningRecord

        records: Records = LearningRecord.objects.all()
        for name, (column, link) in FACET_COLUMNS.items():
            values = criteria.values(name)
            if not values:
                continue
            if column:
                records = records.filter(**{f"{column}__in": values})
            elif link:
                records = self.filter_related(records, link, values)
        return filter_given(
            records,
            date__gte=criteria.date_from,
            date__lte=criteria.date_to,
            shared_at__gt=criteria.shared_after,
        )

    def filter_related(self, records: Records, link: tuple[str, str], values: list[Any]) -> Records:
        relation, value_column = link
        through = getattr(records.model, relation).through
        matching = through.objects.filter(**{f"{value_column}__in": values})
        return records.filter(id__in=matching.values("learningrecord_id"))

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
        """Hits for `query` (a LearningQuery, or None for everything) within the criteria.

        `with_fields` asks for each hit's RANKING_FIELDS as well (Hits.documents); a backend
        that does not store them ignores it and the caller reads them from the database.
        """
        raise NotImplementedError

    def candidates(
        self, criteria: Criteria, query: "LearningQuery | None", limit: int
    ) -> list[int]:
        """The ids of the `limit` best matches for `query`, best first: no count, no facets."""
        hits = self.search(criteria, query, sort="relevance", offset=0, limit=limit)
        return [pk for pk, _ in hits.ids]

    def facets(
        self, criteria: Criteria, query: "LearningQuery | None"
    ) -> dict[str, dict[Any, int]]:
        """{facet name: {value: count}} over the records matching `query` and the criteria."""
        raise NotImplementedError

    def similar(self, record: "LearningRecord", limit: int = 5) -> list["LearningRecord"]:
        """Records most like `record` (more-like-this)."""
        raise NotImplementedError

    def significant_terms(
        self,
        records: Records,
        background: Records | None = None,
        limit: int = 10,
    ) -> list[Any]:
        """Terms unusually common in `records` compared with the background set."""
        raise NotImplementedError

    def titles(self, text: str, limit: int = 8) -> list["LearningRecord"]:
        """Records whose title starts with the words of `text` (suggestions as you type)."""
        from wagtail.search.backends import get_search_backend

        from ..models import LearningRecord

        found = get_search_backend().autocomplete(text, LearningRecord, order_by_relevance=False)
        return list(found[:limit])

    def index_state(self) -> tuple[Any, ...]:
        """What, beyond the data version (common.fragments), says the index has changed: with
        an engine a saved record is searchable only once the outbox has sent it, which is a bulk
        delete of its `IndexChange` rows (no new data version)."""
        from django.db.models import Count, Max

        from ..models import IndexChange

        return tuple(IndexChange.objects.aggregate(pending=Count("pk"), newest=Max("pk")).values())

    def index_settings(self) -> dict[str, Any]:
        """Index settings this backend needs (analysis for synonyms); {} when none."""
        return {}

    def ping(self) -> tuple[bool, str]:
        """(reachable, message)."""
        raise NotImplementedError

    def document_count(self, model: type[Model]) -> int:
        """How many documents of `model` the search index holds."""
        raise NotImplementedError
