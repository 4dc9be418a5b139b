"""Keep `LearningRecord` in step with the records it shares.

One builder per source model turns a source object into the row's values, or None when the object
must not be shared (a draft, an incomplete review, a merged barrier, an unpublished summary). The
signal handlers call `sync_object`; imports and `rebuild_search` call `sync_objects` in batches.
"""

import contextlib
import threading
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from wagtail.search import index

from common.bulk import insert_rows
from common.markdown import markdown_to_text

from .models import LearningRecord
from .sources import PREFETCHED, related
from .text import stems_text

Kind = LearningRecord.Kind
_state = threading.local()


@dataclass
class RecordData:
    kind: str
    external_id: str
    title: str
    url: str
    summary: str = ""
    body: str = ""
    keywords: str = ""
    date: object = None
    area_id: int | None = None
    level: str = ""
    category_id: int | None = None
    principle_ids: list = field(default_factory=list)
    need_ids: list = field(default_factory=list)
    theme_ids: list = field(default_factory=list)
    agency_ids: list = field(default_factory=list)


def _names(obj, name):
    return [str(item.name) for item in related(obj, name)]


def _local_date(value):
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _page_url(page):
    """The page's URL relative to its site (what `page.get_url()` gives on a one-site install),
    from the cached site root paths instead of a lookup per page."""
    from wagtail.models import Site

    for root in Site.get_site_root_paths():
        if page.url_path.startswith(root.root_path):
            return page.url_path[len(root.root_path) - 1 :]
    return page.get_url() or page.url_path


def build_bright_spot(page):
    if not page.live or page.expired:
        return None
    body = [page.what_happened, page.what_made_the_difference, page.where_else, page.evidence]
    keywords = [
        *(principle.name for principle in related(page, "principles")),
        *_names(page, "needs"),
        *_names(page, "agencies"),
        *_names(page, "tags"),
    ]
    if page.area_id:
        keywords.append(page.area.name)
    return RecordData(
        kind=Kind.BRIGHT_SPOT,
        external_id=page.external_id,
        title=page.title,
        url=_page_url(page),
        summary=markdown_to_text(page.summary),
        body=" ".join(markdown_to_text(text) for text in body if text),
        keywords=" ".join(keywords),
        date=page.happened_on or _local_date(page.first_published_at),
        area_id=page.area_id,
        principle_ids=[p.pk for p in related(page, "principles")],
        need_ids=[n.pk for n in related(page, "needs")],
        agency_ids=[a.pk for a in related(page, "agencies")],
    )


def build_forum_session(page):
    if not page.live or page.expired:
        return None
    return RecordData(
        kind=Kind.FORUM_SESSION,
        external_id=page.external_id,
        title=page.title,
        url=_page_url(page),
        summary=markdown_to_text(page.theme),
        body=" ".join(markdown_to_text(text) for text in (page.description, page.notes) if text),
        keywords=page.get_format_display(),
        date=_local_date(page.starts_at),
    )


def build_barrier(barrier):
    if barrier.merged_into_id:
        return None
    occurrences = sorted(related(barrier, "occurrences"), key=lambda o: o.date, reverse=True)
    notes = [occurrence.note for occurrence in occurrences if occurrence.note][:100]
    themes = related(barrier, "themes")
    keywords = [
        barrier.get_level_display(),
        *(theme.name for theme in themes),
        *_names(barrier, "needs"),
        *_names(barrier, "agencies"),
        *_names(barrier, "tags"),
    ]
    if barrier.category_id:
        keywords.append(barrier.category.name)
    if barrier.area_id:
        keywords.append(barrier.area.name)
    body = [
        markdown_to_text(barrier.description),
        markdown_to_text(barrier.resolution_note),
        *notes,
    ]
    return RecordData(
        kind=Kind.BARRIER,
        external_id=barrier.external_id,
        title=barrier.title,
        url=barrier.get_absolute_url(),
        summary="",
        body=" ".join(text for text in body if text),
        keywords=" ".join(keywords),
        date=barrier.first_met,
        area_id=barrier.area_id,
        level=barrier.level,
        category_id=barrier.category_id,
        theme_ids=[t.pk for t in themes],
        need_ids=[n.pk for n in related(barrier, "needs")],
        agency_ids=[a.pk for a in related(barrier, "agencies")],
    )


def build_cohort_summary(summary):
    if not summary.published:
        return None
    return RecordData(
        kind=Kind.COHORT_SUMMARY,
        external_id=f"cohort-summary-{summary.pk}",
        title=summary.title,
        url=summary.get_absolute_url(),
        summary="",
        body=markdown_to_text(summary.summary),
        keywords=summary.area.name if summary.area_id else "",
        date=_local_date(summary.published_at),
        area_id=summary.area_id,
    )


def build_review(review):
    from .sources import review_record_data

    return review_record_data(review, RecordData)


BUILDERS = {
    "brightspots.BrightSpotPage": build_bright_spot,
    "brightspots.ForumSessionPage": build_forum_session,
    "barriers.Barrier": build_barrier,
    "stories.CohortSummary": build_cohort_summary,
    "reviews.Review": build_review,
}


def source_models():
    """The installed source models with their builders (an app still being built is skipped)."""
    found = []
    for label, builder in BUILDERS.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        found.append((model, builder))
    return found


def builder_for(model):
    return BUILDERS.get(model._meta.label)


@contextlib.contextmanager
def paused():
    """Signals stop syncing inside this block (bulk imports sync once at the end)."""
    previous = getattr(_state, "paused", False)
    _state.paused = True
    try:
        yield
    finally:
        _state.paused = previous


def is_paused():
    return getattr(_state, "paused", False)


def _principle_priorities():
    Principle = apps.get_model("taxonomy", "Principle")
    return dict(Principle.objects.values_list("pk", "priority_id"))


def _apply(record, data):
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


M2M = (
    ("principles", "principle_ids", "principle_id"),
    ("priorities", None, "priority_id"),
    ("needs", "need_ids", "need_id"),
    ("themes", "theme_ids", "barriertheme_id"),
    ("agencies", "agency_ids", "agency_id"),
)


def _m2m_ids(data, attr, priorities):
    if attr is None:
        return sorted({priorities[p] for p in data.principle_ids if p in priorities})
    return sorted(set(getattr(data, attr)))


def remove_source(obj):
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    for record in LearningRecord.objects.filter(source_type=content_type, source_id=obj.pk):
        index.remove_object(record)
        record.delete()


@transaction.atomic
def sync_object(obj):
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
    for name, attr, _column in M2M:
        getattr(record, name).set(_m2m_ids(data, attr, priorities))
    index_learning_records([record])
    return record


def sync_objects(model, objects, *, index_records=True):
    """Sync many objects of one model with bulk writes. Returns the number of shared records."""
    builder = builder_for(model)
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
        LearningRecord.objects.bulk_create(to_create, batch_size=500)
        if to_update:
            LearningRecord.objects.bulk_update(to_update, fields, batch_size=500)
        records = to_create + to_update
        if not records[:1] or records[0].pk is None:
            # Databases that don't return ids from bulk_create (none we support, but be safe).
            ids = dict(
                LearningRecord.objects.filter(source_type=content_type).values_list(
                    "source_id", "pk"
                )
            )
            for record in records:
                record.pk = record.id = ids[record.source_id]
        record_ids = [record.pk for record in records]
        for name, attr, column in M2M:
            through = getattr(LearningRecord, name).through
            through.objects.filter(learningrecord_id__in=record_ids).delete()
            insert_rows(
                through,
                ("learningrecord_id", column),
                (
                    (record.pk, value)
                    for record in records
                    for value in _m2m_ids(record.m2m_data, attr, priorities)
                ),
            )
    if index_records and records:
        index_learning_records(records)
    return len(records)


def index_learning_records(records):
    """Add records to every configured Wagtail search backend in one bulk call each."""
    from wagtail.search.backends import get_search_backends

    from .engine import outbox

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


def sqlite_index_entries(backend, records):
    """Write Wagtail's SQLite index entries for many records at once.

    Produces exactly what Wagtail's ObjectIndexer would (title; the other SearchFields joined
    in declaration order as body; AutocompleteFields as autocomplete) without reading each
    record's relations, which carry only FilterFields.
    """
    from modelsearch.conf import get_app_config

    IndexEntry = get_app_config().get_model("IndexEntry")  # noqa: N806
    content_type = ContentType.objects.get_for_model(LearningRecord)
    body_fields = [
        f.field_name
        for f in LearningRecord.get_search_fields()
        if isinstance(f, index.SearchField) and f.field_name != "title"
    ]
    entries = [
        IndexEntry(
            content_type_id=content_type.pk,
            object_id=str(record.pk),
            title=record.title,
            autocomplete=record.title,
            body=" ".join(str(getattr(record, name) or "") for name in body_fields),
        )
        for record in records
    ]
    with transaction.atomic():
        IndexEntry.objects.filter(
            content_type_id=content_type.pk, object_id__in=[e.object_id for e in entries]
        ).delete()
        IndexEntry.objects.bulk_create(entries, batch_size=500)
        backend.get_index_for_model(LearningRecord)._refresh_title_norms()
        write_search_rows(records, {int(e.object_id): e.pk for e in entries})


LINK_LETTERS = {"principles": "p", "priorities": "r", "needs": "n", "themes": "t", "agencies": "a"}


def write_search_rows(records, entry_ids):
    """The narrow facet rows for `records`, keyed by their index entry ids."""
    import json

    from .models import SearchRow

    record_ids = [record.pk for record in records]
    links = {record_id: {name: [] for name, _a, _c in M2M} for record_id in record_ids}
    for name, _attr, column in M2M:
        through = getattr(LearningRecord, name).through
        rows = through.objects.filter(learningrecord_id__in=record_ids).values_list(
            "learningrecord_id", column
        )
        for record_id, value in rows:
            links[record_id][name].append(value)
    SearchRow.objects.filter(record_id__in=record_ids).delete()
    SearchRow.objects.bulk_create(
        [
            SearchRow(
                id=entry_ids[record.pk],
                record_id=record.pk,
                kind=record.kind,
                date=record.date,
                year=record.year,
                area_id=record.area_id,
                level=record.level,
                category_id=record.category_id,
                shared_at=record.shared_at,
                links=json.dumps(
                    [
                        f"{LINK_LETTERS[name]}{value}"
                        for name, values in links[record.pk].items()
                        for value in sorted(values)
                    ]
                ),
            )
            for record in records
            if record.pk in entry_ids
        ],
        batch_size=500,
    )


def _delete_records(record_ids):
    for record in LearningRecord.objects.filter(pk__in=record_ids):
        index.remove_object(record)
    LearningRecord.objects.filter(pk__in=record_ids).delete()


# Signal handlers ---------------------------------------------------------------------------


def _resync(obj):
    if is_paused() or obj is None or obj.pk is None:
        return
    fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
    if fresh is not None:
        sync_object(fresh)


def on_source_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _resync(instance)


def on_source_deleted(sender, instance, **kwargs):
    if not is_paused():
        remove_source(instance)


def on_m2m_changed(sender, instance, action, reverse=False, **kwargs):
    if action.startswith("post_") and not reverse and builder_for(type(instance)):
        _resync(instance)


def on_child_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    parent_attr = CHILD_PARENTS.get(sender._meta.label)
    parent = getattr(instance, parent_attr, None) if parent_attr else None
    if parent is not None:
        _resync(parent)


def on_page_published(sender, instance, **kwargs):
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


def connect_signals():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from wagtail.signals import page_published, page_unpublished

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


def shareable(model):
    """The source objects that should have a shared record (for health checks and rebuilds)."""
    label = model._meta.label
    manager = model._default_manager
    if label in ("brightspots.BrightSpotPage", "brightspots.ForumSessionPage"):
        return manager.filter(live=True, expired=False)
    if label == "barriers.Barrier":
        return manager.filter(merged_into__isnull=True)
    if label == "reviews.Review":
        return manager.filter(status="completed")
    if label == "stories.CohortSummary":
        return manager.filter(published=True)
    return manager.all()


KIND_BY_MODEL = {
    "brightspots.BrightSpotPage": LearningRecord.Kind.BRIGHT_SPOT,
    "brightspots.ForumSessionPage": LearningRecord.Kind.FORUM_SESSION,
    "barriers.Barrier": LearningRecord.Kind.BARRIER,
    "reviews.Review": LearningRecord.Kind.REVIEW,
    "stories.CohortSummary": LearningRecord.Kind.COHORT_SUMMARY,
}


def _lists(*names):
    """Prefetches that store plain lists (`sources.related` reads them): no per-object
    querysets, which cost more than the rows themselves in batches of thousands."""
    return [Prefetch(name, to_attr=PREFETCHED + name) for name in names]


def prefetched(model, queryset):
    """`queryset` with the relations its builder reads, fetched in bulk."""
    label = model._meta.label
    if label == "barriers.Barrier":
        return queryset.select_related("category", "area").prefetch_related(
            *_lists("themes", "needs", "agencies", "tags", "occurrences")
        )
    if label == "brightspots.BrightSpotPage":
        return queryset.select_related("area").prefetch_related(
            *_lists("principles", "needs", "agencies", "tags")
        )
    if label == "reviews.Review":
        return _review_prefetch(model, queryset)
    if label == "stories.CohortSummary":
        return queryset.select_related("area")
    return queryset


def _review_prefetch(model, queryset):
    lesson_model = model.lessons.rel.related_model
    action_model = model.actions.rel.related_model
    queryset = queryset.select_related("area").prefetch_related(
        *_lists("answers"),
        Prefetch(
            "lessons",
            queryset=lesson_model.objects.prefetch_related(
                *_lists("principles", "needs", "agencies")
            ),
            to_attr=PREFETCHED + "lessons",
        ),
        Prefetch(
            "actions",
            queryset=action_model.objects.select_related("owner_agency"),
            to_attr=PREFETCHED + "actions",
        ),
    )
    return queryset.prefetch_related(*_lists("tags")) if hasattr(model, "tags") else queryset
