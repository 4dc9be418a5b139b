"""Keep `LearningRecord` in step with the records it shares.

`search.sources` builds each source object's values; this module writes them (one object from
the signal handlers below, many in bulk from imports and `rebuild_search`) and hands the
records to `search.indexing`.
"""

import contextlib
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.search import index
from wagtail.signals import page_published, page_unpublished

from common.bulk import insert_objects, insert_rows

from .indexing import index_learning_records
from .models import TAXONOMY_LINKS, LearningRecord
from .sources import RecordData, builder_for, source_models
from .text import stems_text

_state = threading.local()


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Signals stop syncing inside this block (bulk imports sync once at the end)."""
    previous = getattr(_state, "paused", False)
    _state.paused = True
    try:
        yield
    finally:
        _state.paused = previous


def is_paused() -> bool:
    return getattr(_state, "paused", False)


def _principle_priorities() -> dict[int, int]:
    Principle = apps.get_model("taxonomy", "Principle")
    return dict(Principle.objects.values_list("pk", "priority_id"))


def _apply(record: LearningRecord, data: RecordData) -> None:
    record.kind = data.kind
    record.external_id = data.external_id
    record.title = data.title[:255]
    record.url = data.url[:500]
    record.summary = data.summary
    record.body = data.body
    record.keywords = data.keywords
    record.stems = stems_text(data.title, data.summary, data.body, data.keywords)
    record.date = data.date
    record.year = data.date.year if data.date else None
    record.area_id = data.area_id
    record.level = data.level
    record.category_id = data.category_id


def _m2m_ids(data: RecordData, attr: str | None, priorities: dict[int, int]) -> list[int]:
    if attr is None:
        return sorted({priorities[p] for p in data.principle_ids if p in priorities})
    return sorted(set(getattr(data, attr)))


def remove_source(obj: Model) -> None:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    for record in LearningRecord.objects.filter(source_type=content_type, source_id=obj.pk):
        index.remove_object(record)
        record.delete()


@transaction.atomic
def sync_object(obj: Model) -> LearningRecord | None:
    """Create, update or remove the shared record for one source object."""
    builder = builder_for(type(obj))
    if builder is None:
        return None
    data = builder(obj)
    if data is None:
        remove_source(obj)
        return None
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    record = LearningRecord.objects.filter(source_type=content_type, source_id=obj.pk).first()
    record = record or LearningRecord(source_type=content_type, source_id=obj.pk)
    _apply(record, data)
    record.save()
    priorities = _principle_priorities()
    for name, attr, _column in TAXONOMY_LINKS:
        getattr(record, name).set(_m2m_ids(data, attr, priorities))
    index_learning_records([record])
    return record


def sync_objects(
    model: type[Model], objects: Iterable[Model], *, index_records: bool = True
) -> int:
    """Sync many objects of one model with bulk writes. Returns the number of shared records."""
    builder = builder_for(model)
    if builder is None:
        raise ValueError(f"{model._meta.label} is not a model search shares records of.")
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    priorities = _principle_priorities()
    objects = list(objects)
    built = [(obj.pk, builder(obj)) for obj in objects]
    existing, shared = {}, {}
    for source_id, pk, shared_at in LearningRecord.objects.filter(
        source_type=content_type, source_id__in=[pk for pk, _ in built]
    ).values_list("source_id", "pk", "shared_at"):
        existing[source_id], shared[source_id] = pk, shared_at
    stale = [existing[pk] for pk, data in built if data is None and pk in existing]
    if stale:
        _delete_records(stale)
    to_create, to_update = [], []
    for pk, data in built:
        if data is None:
            continue
        record = LearningRecord(source_type=content_type, source_id=pk)
        _apply(record, data)
        record.m2m_data = data
        if pk in existing:
            record.pk = existing[pk]
            record.shared_at = shared[pk]
            to_update.append(record)
        else:
            to_create.append(record)
    fields = [
        "kind", "external_id", "title", "url", "summary", "body", "keywords", "stems", "date",
        "year", "area", "level", "category",
    ]  # fmt: skip
    with transaction.atomic():
        # One executemany for the new records (no SQL built per row, as bulk_create does); their
        # ids are read back by source, which is unique per source type.
        insert_objects(LearningRecord, to_create)
        if to_create:
            created = dict(
                LearningRecord.objects.filter(
                    source_type=content_type, source_id__in=[r.source_id for r in to_create]
                ).values_list("source_id", "pk")
            )
            for record in to_create:
                record.pk = record.id = created[record.source_id]
        if to_update:
            LearningRecord.objects.bulk_update(to_update, fields, batch_size=500)
        records = to_create + to_update
        updated_ids = [record.pk for record in to_update]
        for record in records:
            # Kept on the record: the facet rows are written from them without reading back.
            record.link_ids = {
                name: _m2m_ids(record.m2m_data, attr, priorities)
                for name, attr, _column in TAXONOMY_LINKS
            }
        for name, _attr, column in TAXONOMY_LINKS:
            through = getattr(LearningRecord, name).through
            if updated_ids:  # a new record has no links yet
                through.objects.filter(learningrecord_id__in=updated_ids).delete()
            insert_rows(
                through,
                ("learningrecord_id", column),
                ((record.pk, value) for record in records for value in record.link_ids[name]),
            )
    if index_records and records:
        index_learning_records(records)
    return len(records)


def _delete_records(record_ids: Iterable[int]) -> None:
    for record in LearningRecord.objects.filter(pk__in=record_ids):
        index.remove_object(record)
    LearningRecord.objects.filter(pk__in=record_ids).delete()


# Signal handlers ---------------------------------------------------------------------------


def _resync(obj: Model | None) -> None:
    if is_paused() or obj is None or obj.pk is None:
        return
    fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
    if fresh is not None:
        sync_object(fresh)


def on_source_saved(sender: Any, instance: Model, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        _resync(instance)


def on_source_deleted(sender: Any, instance: Model, **kwargs: Any) -> None:
    if not is_paused():
        remove_source(instance)


def on_m2m_changed(
    sender: Any, instance: Model, action: str, reverse: bool = False, **kwargs: Any
) -> None:
    if action.startswith("post_") and not reverse and builder_for(type(instance)):
        _resync(instance)


def on_child_changed(sender: Any, instance: Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    parent_attr = CHILD_PARENTS.get(sender._meta.label)
    parent = getattr(instance, parent_attr, None) if parent_attr else None
    if parent is not None:
        _resync(parent)


def on_page_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    _resync(instance.specific)


CHILD_PARENTS = {
    "barriers.Occurrence": "barrier",
    "barriers.BarrierTag": "content_object",
    "brightspots.BrightSpotTag": "content_object",
    "reviews.ReviewTag": "content_object",
    "reviews.Answer": "review",
    "reviews.Lesson": "review",
    "reviews.Action": "review",
}


def connect_signals() -> None:
    for model, _builder in source_models():
        post_save.connect(on_source_saved, sender=model, dispatch_uid=f"search-{model}")
        post_delete.connect(on_source_deleted, sender=model, dispatch_uid=f"search-del-{model}")
        for m2m in model._meta.many_to_many:
            through = m2m.remote_field.through
            if through is not None:
                m2m_changed.connect(
                    on_m2m_changed, sender=through, dispatch_uid=f"search-m2m-{through}"
                )
        if hasattr(model, "get_parent"):
            page_published.connect(on_page_published, sender=model, dispatch_uid=f"pub-{model}")
            page_unpublished.connect(on_page_published, sender=model, dispatch_uid=f"unpub-{model}")
    for label in CHILD_PARENTS:
        try:
            child = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(on_child_changed, sender=child, dispatch_uid=f"search-child-{label}")
        post_delete.connect(on_child_changed, sender=child, dispatch_uid=f"search-cdel-{label}")
