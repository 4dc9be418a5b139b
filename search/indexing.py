"""Index learning records: Wagtail's SQLite index entries and facet rows written in bulk, and
the search engine's outbox filled in the same transaction (its worker sends them)."""

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import Count, Sum
from django.db.models.functions import Length
from django.utils.encoding import force_str

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
        if writes_sqlite_entries(backend):
            sqlite_index_entries(records)
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


def writes_sqlite_entries(backend: Any) -> bool:
    """Whether `backend` is Wagtail's SQLite backend, whose index entries this module writes."""
    return type(backend).__name__ == "SQLiteSearchBackend"


def sqlite_index_entries(records: list[LearningRecord]) -> None:
    """Write Wagtail's SQLite index entries for many records at once.

    Produces exactly what Wagtail's ObjectIndexer would (title; the other SearchFields joined
    in declaration order as body; AutocompleteFields as autocomplete) without reading each
    record's relations, which carry only FilterFields.
    """
    body_fields = [
        f.field_name
        for f in LearningRecord.get_search_fields()
        if isinstance(f, index.SearchField) and f.field_name != "title"
    ]
    texts = {
        record.pk: (
            record.title,
            record.title,
            " ".join(str(getattr(record, name) or "") for name in body_fields),
        )
        for record in records
    }
    with transaction.atomic():
        entry_ids = write_index_entries(LearningRecord, texts)
        write_search_rows(records, entry_ids)


def source_index_entries(model: Any, objects: list[Any]) -> None:
    """Wagtail's SQLite index entries for many source objects (Bright Spots, barriers,
    reviews, ...) at once, as its ObjectIndexer writes them (`entry_texts`), reading the
    relations `sources.prefetched` fetched in bulk. Wagtail's own `add_bulk` walks each
    object's search fields three times and queries each relation it did not prefetch per
    object (for an import of 3,000 records, 18,000 queries and 27 s of CPU)."""
    fields = model.get_search_fields()
    if fields:
        write_index_entries(model, {obj.pk: entry_texts(obj, fields) for obj in objects})


def entry_texts(obj: Any, fields: list[Any]) -> tuple[str, str, str]:
    """(title, autocomplete, body) of `obj` as Wagtail's SQLite ObjectIndexer makes them: every
    SearchField named "title" (at any depth) as title, AutocompleteFields as autocomplete, the
    other SearchFields as body, each joined by spaces in the fields' declaration order."""
    title: list[str] = []
    autocomplete: list[str] = []
    body: list[str] = []

    def walk(item: Any, declared: list[Any]) -> None:
        for field in declared:
            if isinstance(field, index.SearchField):
                (title if field.field_name == "title" else body).append(
                    _prepared(field.get_value(item))
                )
            elif isinstance(field, index.AutocompleteField):
                autocomplete.append(_prepared(field.get_value(item)))
            elif isinstance(field, index.RelatedFields):
                for related in _related_objects(item, field):
                    walk(related, field.fields)

    walk(obj, fields)
    return " ".join(title), " ".join(autocomplete), " ".join(body)


def _related_objects(item: Any, field: index.RelatedFields) -> list[Any]:
    """The objects a RelatedFields reaches from `item`, from `sources.prefetched`'s lists when
    it read them, else as Wagtail reads them (a manager's `all()`, a callable, one object)."""
    from .sources import PREFETCHED

    listed = getattr(item, PREFETCHED + field.field_name, None)
    if listed is not None:
        return list(listed)
    value = field.get_value(item)
    if value is None:
        return []
    if isinstance(value, models.Manager):
        return list(value.all())
    return [value() if callable(value) else value]


def _prepared(value: Any) -> str:
    """A field's value as Wagtail's SQLite index writes it (lists and dicts joined by ", ")."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(_prepared(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(_prepared(item) for item in value.values())
    return force_str(value)


def write_index_entries(
    model: type[models.Model], texts: dict[int, tuple[str, str, str]]
) -> dict[int, int]:
    """Replace `model`'s SQLite index entries for {object id: (title, autocomplete, body)} with
    one delete and one executemany (the FTS5 table follows by trigger), and return {object id:
    entry id}.

    Each new entry's title norm is written with it, as Wagtail's `_refresh_title_norms` would
    set it after the insert (the average length of all non-empty titles, new ones included,
    over this title's length; 1.0 for an empty title). Setting it afterwards, as Wagtail does,
    is an UPDATE of every new entry, which its trigger turns into a second FTS5 write of each.
    """
    IndexEntry = get_app_config().get_model("IndexEntry")  # noqa: N806
    content_type = ContentType.objects.get_for_model(model)
    entries = IndexEntry.objects.filter(
        content_type_id=content_type.pk, object_id__in=[str(pk) for pk in texts]
    )
    with transaction.atomic():
        entries.delete()
        total, count = _title_lengths(IndexEntry)
        lengths = [len(title) for title, _a, _b in texts.values() if title]
        average = (total + sum(lengths)) / (count + len(lengths)) if lengths or count else 0.0

        def norm(title: str) -> float:
            return average / len(title) if title else 1.0

        insert_rows(
            IndexEntry,
            ("content_type", "object_id", "title_norm", "title", "autocomplete", "body"),
            (
                (content_type.pk, str(pk), norm(title), title, autocomplete, body)
                for pk, (title, autocomplete, body) in texts.items()
            ),
        )
        entry_ids = {int(object_id): pk for object_id, pk in entries.values_list("object_id", "pk")}
    return entry_ids


def _title_lengths(entry_model: type[models.Model]) -> tuple[int, int]:
    """(sum, count) of the lengths of the non-empty titles in Wagtail's index entries."""
    totals = (
        entry_model._default_manager.annotate(title_length=Length("title"))
        .filter(title_length__gt=0)
        .aggregate(total=Sum("title_length"), count=Count("pk"))
    )
    return totals["total"] or 0, totals["count"]


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
