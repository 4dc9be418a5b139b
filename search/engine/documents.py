"""Engine documents for learning records, built in bulk.

Wagtail's mapping builds a document field by field and prefetches every relation through the
ORM: about 180 records a second here. `learning_documents` produces the same documents (checked
against Wagtail's in tests/search/test_engine_documents.py) from one row query and one query per
taxonomy link table, so bulk indexing is limited by the engine, not by Python. Taxonomy links
are flat id lists (`link_field`), as the mapping in `search.engine.backends` declares them.
"""

from collections.abc import Iterable
from typing import Any

from ..models import LearningRecord

CONTENT_TYPES = ["search.LearningRecord"]
COLUMNS = (
    "pk", "title", "summary", "keywords", "body", "stems", "kind", "external_id", "date",
    "year", "area_id", "level", "category_id", "shared_at",
)  # fmt: skip
LINKS = (
    ("principles", "principle_id"),
    ("priorities", "priority_id"),
    ("needs", "need_id"),
    ("themes", "barriertheme_id"),
    ("agencies", "agency_id"),
)


def link_field(relation: str) -> str:
    """The flat document field holding a learning record's ids of one taxonomy relation."""
    return f"{relation}_filter"


# The fields the learning search counts its facets over (`search.backends.base.FACET_COLUMNS`
# as `engine_query.es_field` names them; a test keeps the two the same): keywords in the mapping.
FACET_FIELDS = (
    "kind_filter", "level_filter", "category_id_filter", "area_id_filter", "year_filter",
    *(link_field(relation) for relation, _column in LINKS),
)  # fmt: skip


def id_lookup(field: str, ids: list[int]) -> dict[str, Any]:
    """A filter selecting at least `ids` from `field`: a range when they are dense (as a bulk
    load's are; Django takes some 5 ms to prepare a 1,000-id IN list), else IN."""
    if ids and ids[-1] - ids[0] < 2 * len(ids):
        return {f"{field}__gte": ids[0], f"{field}__lte": ids[-1]}
    return {f"{field}__in": ids}


def learning_documents(ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """{record id: document} for the records of `ids` that exist."""
    wanted = sorted(set(ids))
    chosen = set(wanted)
    rows = LearningRecord.objects.filter(**id_lookup("pk", wanted)).order_by().values_list(*COLUMNS)
    link_names = [link_field(relation) for relation, _column in LINKS]
    documents = {}
    for pk, title, summary, keywords, body, stems, *filters in rows:
        if pk not in chosen:
            continue
        kind, external_id, date, year, area_id, level, category_id, shared_at = filters
        document = documents[pk] = {
            "pk": str(pk),
            "_django_content_type": CONTENT_TYPES,
            "title": title,
            "title_edgengrams": title,
            "summary": summary,
            "keywords": keywords,
            "body": body,
            "stems": stems,
            "kind_filter": kind,
            "external_id_filter": external_id,
            "date_filter": date,
            "year_filter": year,
            "area_id_filter": area_id,
            "level_filter": level,
            "category_id_filter": category_id,
            "shared_at_filter": shared_at,
        }
        for name in link_names:
            document[name] = []
    found = sorted(documents)
    for (relation, column), name in zip(LINKS, link_names, strict=True):
        through = getattr(LearningRecord, relation).through
        links = through.objects.filter(**id_lookup("learningrecord_id", found))
        links = links.order_by("learningrecord_id", "id").values_list("learningrecord_id", column)
        for record_id, value in links:
            if record_id in documents:
                documents[record_id][name].append(value)
    return documents
