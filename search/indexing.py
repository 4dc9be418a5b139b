"""Index learning records: Wagtail's SQLite index entries and facet rows written in bulk, and
the search engine's outbox filled in the same transaction (its worker sends them)."""

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction

from modelsearch.conf import get_app_config
from wagtail.search import index
from wagtail.search.backends import get_search_backends

from common.bulk import insert_rows

from .engine import outbox
from .models import TAXONOMY_LINKS, LearningRecord, SearchRow


def index_learning_records(records: list[LearningRecord]) -> None:
    """Add records to every configured Wagtail search backend in one bulk call each."""
    reread = None
    queued = False
    for backend in get_search_backends(with_auto_update=True):
        if type(backend).__name__ == "SQLiteSearchBackend":
            sqlite_index_entries(backend, records)
            continue
        if hasattr(backend, "send_bulk"):
            # An engine: queue the ids in this transaction; the worker reads and sends them.
            if not queued:
                outbox.record(LearningRecord, [record.pk for record in records])
                queued = True
            continue
        if reread is None:
            # Re-read with the taxonomy links prefetched: the index reads them for every record.
            ids = [record.pk for record in records]
            reread = list(LearningRecord.get_indexed_objects().filter(pk__in=ids))
        backend.add_bulk(LearningRecord, reread)


def sqlite_index_entries(backend: Any, records: list[LearningRecord]) -> None:
    """Write Wagtail's SQLite index entries for many records at once.

    Produces exactly what Wagtail's ObjectIndexer would (title; the other SearchFields joined
    in declaration order as body; AutocompleteFields as autocomplete) without reading each
    record's relations, which carry only FilterFields.
    """
    IndexEntry = get_app_config().get_model("IndexEntry")  # noqa: N806
    content_type = ContentType.objects.get_for_model(LearningRecord)
    body_fields = [
        f.field_name
        for f in LearningRecord.get_search_fields()
        if isinstance(f, index.SearchField) and f.field_name != "title"
    ]
    ids = [str(record.pk) for record in records]
    rows = [
        (
            content_type.pk,
            str(record.pk),
            1.0,
            record.title,
            record.title,
            " ".join(str(getattr(record, name) or "") for name in body_fields),
        )
        for record in records
    ]
    with transaction.atomic():
        entries = IndexEntry.objects.filter(content_type_id=content_type.pk, object_id__in=ids)
        entries.delete()
        # One executemany (the FTS5 table follows by trigger); the new ids are read back.
        insert_rows(
            IndexEntry,
            ("content_type", "object_id", "title_norm", "title", "autocomplete", "body"),
            rows,
        )
        entry_ids = {int(object_id): pk for object_id, pk in entries.values_list("object_id", "pk")}
        backend.get_index_for_model(LearningRecord)._refresh_title_norms()
        write_search_rows(records, entry_ids)


LINK_LETTERS = {"principles": "p", "priorities": "r", "needs": "n", "themes": "t", "agencies": "a"}


def write_search_rows(records: list[LearningRecord], entry_ids: dict[int, int]) -> None:
    """The narrow facet rows for `records`, keyed by their index entry ids. Records written by
    `sync.sync_objects` carry their taxonomy links (`link_ids`); others are read in one query
    per link table."""
    record_ids = [record.pk for record in records]
    links: dict[int, dict[str, list[int]]] = {
        record.pk: record.link_ids for record in records if hasattr(record, "link_ids")
    }
    unread = [pk for pk in record_ids if pk not in links]
    for pk in unread:
        links[pk] = {name: [] for name, _a, _c in TAXONOMY_LINKS}
    for name, _attr, column in TAXONOMY_LINKS if unread else ():
        through = getattr(LearningRecord, name).through
        rows = through.objects.filter(learningrecord_id__in=unread).values_list(
            "learningrecord_id", column
        )
        for record_id, value in rows:
            links[record_id][name].append(value)
    SearchRow.objects.filter(record_id__in=record_ids).delete()
    date: models.Field = SearchRow._meta.get_field("date")
    shared_at: models.Field = SearchRow._meta.get_field("shared_at")
    insert_rows(
        SearchRow,
        (
            "id",
            "record",
            "kind",
            "date",
            "year",
            "area_id",
            "level",
            "category_id",
            "shared_at",
            "links",
        ),  # fmt: skip
        (
            (
                entry_ids[record.pk],
                record.pk,
                record.kind,
                date.get_db_prep_save(record.date, connection),
                record.year,
                record.area_id,
                record.level,
                record.category_id,
                shared_at.get_db_prep_save(record.shared_at, connection),
                json.dumps(
                    [
                        f"{LINK_LETTERS[name]}{value}"
                        for name, values in links[record.pk].items()
                        for value in sorted(values)
                    ]
                ),
            )
            for record in records
            if record.pk in entry_ids
        ),
    )
