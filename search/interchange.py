"""Import and export learning in the interchange format (docs/interchange.md).

`validate_lines` checks a whole file and returns every problem as `line N: field: what is wrong`;
`import_records` writes validated records in one transaction with bulk operations; `export_lines`
writes records sorted by type then id so that export -> import -> export is byte-identical.
"""

import contextlib
import datetime
import hashlib
import html
import json
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify

from taggit.models import Tag

import nh3

from common.bulk import insert_rows
from common.text_limits import LONG_TEXT_MAX_LENGTH
from privacy.validators import check_fields
from taxonomy.models import Agency, Area, BarrierCategory, BarrierTheme, Need, Principle

from . import sync

TYPES = ("barrier", "bright_spot", "review")
COMMON_FIELDS = (
    "id", "type", "title", "summary", "body", "date", "area", "agencies", "principles", "needs",
    "tags",
)  # fmt: skip
EXTRA_FIELDS = {
    "bright_spot": ("what_made_the_difference", "where_else", "published"),
    "barrier": ("level", "category", "themes", "status", "occurrences"),
    "review": ("kind", "answers", "lessons", "actions"),
}
LEVELS = ("individual", "service", "system")
STATUSES = ("open", "acknowledged", "escalated", "in_progress", "resolved", "closed")
SOURCES = ("practitioner", "review", "forum", "journey")
REVIEW_KINDS = ("formal", "informal")
LESSON_KINDS = ("sustain", "improve")
ACTION_STATUSES = ("open", "done")
BATCH = 1000


@dataclass
class Problem:
    line: int
    field: str
    message: str

    def __str__(self):
        return f"line {self.line}: {self.field}: {self.message}"


@dataclass
class Record:
    line: int
    data: dict
    problems: list = field(default_factory=list)

    @property
    def type(self):
        return self.data["type"]

    @property
    def id(self):
        return self.data["id"]


class ImportFailed(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")


def clean_markdown(text):
    """Markdown in, Markdown out: raw HTML tags are removed, the text itself is kept."""
    if not text or "<" not in text:
        return text or ""
    return html.unescape(nh3.clean(text, tags=set()))


# Validation --------------------------------------------------------------------------------


class Vocabulary:
    def __init__(self):
        self.needs = {n.lower(): n for n in Need.objects.values_list("name", flat=True)}
        self.themes = {t.lower(): t for t in BarrierTheme.objects.values_list("name", flat=True)}
        self.categories = set(BarrierCategory.objects.values_list("code", flat=True))
        self.principles = set(Principle.objects.values_list("number", flat=True))


def _is_str(value, *, max_length=LONG_TEXT_MAX_LENGTH, required=False):
    if not isinstance(value, str):
        return "must be text"
    if required and not value.strip():
        return "must not be empty"
    if max_length and len(value) > max_length:
        return f"must be at most {max_length} characters (it has {len(value)})"
    return None


def _date(value):
    if not isinstance(value, str):
        raise ValueError
    return datetime.date.fromisoformat(value) if len(value) == 10 else _bad()


def _bad():
    raise ValueError


class Validator:
    def __init__(self):
        self.vocabulary = Vocabulary()

    def validate(self, line, data):
        problems = []

        def add(field_name, message):
            problems.append(Problem(line, field_name, message))

        texts = {}
        kind = data.get("type")
        if "type" not in data:
            add("type", "is required")
        elif kind not in TYPES:
            add("type", f"unknown type {kind!r} (use one of: {', '.join(TYPES)})")
            kind = None
        allowed = set(COMMON_FIELDS) | set(EXTRA_FIELDS.get(kind, ()))
        if kind is None:
            allowed = set(COMMON_FIELDS).union(*EXTRA_FIELDS.values())
        for name in data:
            if name not in allowed:
                add(name, "unknown field" + (f" for {kind}" if kind else ""))
        for name in ("id", "title"):
            if name not in data:
                add(name, "is required")
        if "id" in data and (error := _is_str(data["id"], max_length=100, required=True)):
            add("id", error)
        if "title" in data and (error := _is_str(data["title"], max_length=255, required=True)):
            add("title", error)
        else:
            texts["title"] = data.get("title")
        for name in ("summary", "body", "what_made_the_difference", "where_else", "area"):
            if name in data and name in allowed:
                if error := _is_str(data[name]):
                    add(name, error)
                else:
                    texts[name] = data[name]
        if "area" in data and isinstance(data["area"], str) and len(data["area"]) > 255:
            add("area", "must be at most 255 characters")
        if "date" in data:
            self._check_date(data["date"], "date", add)
        self._check_list(data, "agencies", add, texts)
        self._check_list(data, "tags", add, texts)
        if "needs" in data and self._check_list(data, "needs", add):
            for need in data["needs"]:
                if need.lower() not in self.vocabulary.needs:
                    add("needs", f"unknown need {need!r}")
        if "principles" in data:
            principles = data["principles"]
            if not isinstance(principles, list):
                add("principles", "must be a list of numbers 1-12")
            else:
                for number in principles:
                    if isinstance(number, bool) or not isinstance(number, int):
                        add("principles", f"{number!r} is not a whole number")
                    elif not 1 <= number <= 12:
                        add("principles", f"{number} is outside 1-12")
                    elif number not in self.vocabulary.principles:
                        add("principles", f"principle {number} is not in the vocabulary")
        if (
            kind == "bright_spot"
            and "published" in data
            and not isinstance(data["published"], bool)
        ):
            add("published", "must be true or false")
        if kind == "barrier":
            self._check_barrier(data, add, texts)
        if kind == "review":
            self._check_review(data, add, texts)
        for name, messages in check_fields(texts).items():
            for message in messages:
                add(name, message)
        return problems

    def _check_date(self, value, name, add):
        try:
            _date(value)
        except ValueError:
            add(name, f"{value!r} is not a date (use YYYY-MM-DD)")
            return False
        return True

    def _check_list(self, data, name, add, texts=None):
        if name not in data:
            return False
        values = data[name]
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            add(name, "must be a list of non-empty strings")
            return False
        if texts is not None:
            for position, value in enumerate(values):
                texts[f"{name}[{position}]"] = value
        return True

    def _check_choice(self, data, name, choices, add, label=None):
        if name in data and data[name] not in choices:
            add(label or name, f"{data[name]!r} is not one of: {', '.join(choices)}")

    def _check_barrier(self, data, add, texts):
        self._check_choice(data, "level", LEVELS, add)
        self._check_choice(data, "status", STATUSES, add)
        if "category" in data and data["category"] not in self.vocabulary.categories:
            add("category", f"unknown category code {data['category']!r}")
        if "themes" in data and self._check_list(data, "themes", add):
            for theme in data["themes"]:
                if theme.lower() not in self.vocabulary.themes:
                    add("themes", f"unknown theme {theme!r}")
        for position, item in enumerate(self._objects(data, "occurrences", add)):
            prefix = f"occurrences[{position}]"
            self._only(item, ("date", "agency", "area", "source", "note"), prefix, add)
            if "date" not in item:
                add(f"{prefix}.date", "is required")
            else:
                self._check_date(item["date"], f"{prefix}.date", add)
            self._check_choice(item, "source", SOURCES, add, f"{prefix}.source")
            for name in ("agency", "area", "note"):
                if name in item and (error := _is_str(item[name])):
                    add(f"{prefix}.{name}", error)
            if isinstance(item.get("note"), str):
                if len(item["note"]) > 500:
                    add(f"{prefix}.note", "must be at most 500 characters")
                texts[f"{prefix}.note"] = item["note"]

    def _check_review(self, data, add, texts):
        self._check_choice(data, "kind", REVIEW_KINDS, add)
        for position, item in enumerate(self._objects(data, "answers", add)):
            prefix = f"answers[{position}]"
            self._only(item, ("question", "answer"), prefix, add)
            for name in ("question", "answer"):
                if name not in item:
                    add(f"{prefix}.{name}", "is required")
                elif error := _is_str(
                    item[name], max_length=255 if name == "question" else LONG_TEXT_MAX_LENGTH
                ):
                    add(f"{prefix}.{name}", error)
                else:
                    texts[f"{prefix}.{name}"] = item[name]
        for position, item in enumerate(self._objects(data, "lessons", add)):
            prefix = f"lessons[{position}]"
            self._only(item, ("kind", "text"), prefix, add)
            self._check_choice(item, "kind", LESSON_KINDS, add, f"{prefix}.kind")
            if "text" not in item:
                add(f"{prefix}.text", "is required")
            elif error := _is_str(item["text"], required=True):
                add(f"{prefix}.text", error)
            else:
                texts[f"{prefix}.text"] = item["text"]
        for position, item in enumerate(self._objects(data, "actions", add)):
            prefix = f"actions[{position}]"
            self._only(item, ("text", "owner", "due", "status"), prefix, add)
            if "text" not in item:
                add(f"{prefix}.text", "is required")
            elif error := _is_str(item["text"], required=True):
                add(f"{prefix}.text", error)
            else:
                texts[f"{prefix}.text"] = item["text"]
            if "owner" in item and (error := _is_str(item["owner"], max_length=255)):
                add(f"{prefix}.owner", error)
            if "due" in item:
                self._check_date(item["due"], f"{prefix}.due", add)
            self._check_choice(item, "status", ACTION_STATUSES, add, f"{prefix}.status")

    def _objects(self, data, name, add):
        if name not in data:
            return []
        items = data[name]
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            add(name, "must be a list of objects")
            return []
        return items

    def _only(self, item, names, prefix, add):
        for name in item:
            if name not in names:
                add(f"{prefix}.{name}", "unknown field")


def parse_lines(lines):
    """(records, problems) for an iterable of text lines; nothing is written."""
    validator = Validator()
    records, problems, seen = [], [], {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as error:
            problems.append(Problem(number, "json", f"not valid JSON ({error.msg})"))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(number, "json", "each line must be one JSON object"))
            continue
        found = validator.validate(number, data)
        problems.extend(found)
        if not found:
            key = (data["type"], data["id"])
            if key in seen:
                problems.append(
                    Problem(number, "id", f"{data['id']!r} already appears on line {seen[key]}")
                )
                continue
            seen[key] = number
            records.append(Record(number, data))
    return records, problems


# Writing ---------------------------------------------------------------------------------


class Lookups:
    """Names to rows, creating unknown agencies, areas and tags in bulk."""

    def __init__(self, records):
        self.needs = {n.name.lower(): n.pk for n in Need.objects.all()}
        self.themes = {t.name.lower(): t.pk for t in BarrierTheme.objects.all()}
        self.categories = dict(BarrierCategory.objects.values_list("code", "pk"))
        self.principles = dict(Principle.objects.values_list("number", "pk"))
        areas, agencies, tags = set(), set(), set()
        for record in records:
            data = record.data
            if data.get("area"):
                areas.add(data["area"])
            agencies.update(data.get("agencies", []))
            tags.update(data.get("tags", []))
            for occurrence in data.get("occurrences", []):
                if occurrence.get("area"):
                    areas.add(occurrence["area"])
                if occurrence.get("agency"):
                    agencies.add(occurrence["agency"])
            for action in data.get("actions", []):
                if action.get("owner"):
                    agencies.add(action["owner"])
        self.areas = self._ensure(Area, areas)
        self.agencies = self._ensure(Agency, agencies)
        self.tags = self._ensure_tags(tags)

    def ids(self, data, name):
        values = data.get(name, [])
        if name == "principles":
            return [self.principles[n] for n in values]
        if name in ("needs", "themes"):
            return [getattr(self, name)[n.lower()] for n in values]
        return [getattr(self, name)[n] for n in values]

    def _ensure(self, model, names):
        existing = dict(model.objects.filter(name__in=names).values_list("name", "pk"))
        missing = sorted(names - set(existing))
        model.objects.bulk_create([model(name=name) for name in missing], batch_size=BATCH)
        existing.update(model.objects.filter(name__in=missing).values_list("name", "pk"))
        return existing

    def _ensure_tags(self, names):
        existing = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
        used_slugs = set(Tag.objects.values_list("slug", flat=True))
        new = []
        for name in sorted(names - set(existing)):
            base = slugify(name)[:90] or "tag"
            slug, n = base, 1
            while slug in used_slugs:
                n += 1
                slug = f"{base}-{n}"
            used_slugs.add(slug)
            new.append(Tag(name=name, slug=slug))
        Tag.objects.bulk_create(new, batch_size=BATCH)
        existing.update(
            Tag.objects.filter(name__in=[t.name for t in new]).values_list("name", "pk")
        )
        return existing


def _replace_links(through, owner_column, owner_ids, value_column, pairs):
    through.objects.filter(**{f"{owner_column}__in": owner_ids}).delete()
    insert_rows(through, (owner_column, value_column), pairs)


def _chunks(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


@contextlib.contextmanager
def search_signals_paused(models_):
    """Wagtail's per-save indexing is replaced by bulk indexing at the end of the import."""
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import disable_reference_index_auto_update

    disconnected = [m for m in models_ if post_save.disconnect(post_save_signal_handler, sender=m)]
    try:
        # Imported records reference only taxonomy; `rebuild_references_index` can fill it in.
        with sync.paused(), disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def import_records(records, *, stdout=None, index=True):
    """Upsert validated records in one transaction. Returns {type: (created, updated)}."""
    from barriers.models import Barrier
    from brightspots.models import BrightSpotPage

    review_model = _review_model()
    paused_models = [BrightSpotPage, Barrier] + ([review_model] if review_model else [])
    by_type = {kind: [r for r in records if r.type == kind] for kind in TYPES}
    summary = {}
    with search_signals_paused(paused_models), transaction.atomic():
        lookups = Lookups(records)
        summary["bright_spot"], spots = BrightSpotWriter(lookups).write(by_type["bright_spot"])
        summary["barrier"], barriers = BarrierWriter(lookups).write(by_type["barrier"])
        reviews = []
        if by_type["review"]:
            summary["review"], reviews = ReviewWriter(lookups).write(by_type["review"])
        if index:
            source_index = len(records) <= SOURCE_INDEX_LIMIT
            for model, ids in ((BrightSpotPage, spots), (Barrier, barriers)):
                index_sources(model, ids, source_index=source_index)
            if reviews:
                index_sources(review_model, reviews, source_index=source_index)
            summary["source_index"] = source_index
    return summary


def _review_model():
    from django.apps import apps

    try:
        return apps.get_model("reviews", "Review")
    except LookupError:
        return None


# Above this many records an import indexes the shared learning search (what the search page
# and API read) and leaves each source model's own Wagtail index to `rebuild_search`.
SOURCE_INDEX_LIMIT = 5000


def index_sources(model, ids, *, source_index=True):
    """The shared records for the source objects (and Wagtail's index for them), in batches."""
    from wagtail.search.backends import get_search_backends

    backends = list(get_search_backends(with_auto_update=True)) if source_index else []
    # Wagtail's own index reads the relations its search fields declare; the shared record
    # needs only what `sync.prefetched` fetches.
    source = model.get_indexed_objects() if backends else model._default_manager.all()
    for batch in _chunks(list(ids), 2000):
        objects = list(sync.prefetched(model, source.filter(pk__in=batch)))
        for backend in backends:
            backend.add_bulk(model, objects)
        sync.sync_objects(model, objects)


class BrightSpotWriter:
    def __init__(self, lookups):
        from brightspots.models import BrightSpotPage

        self.lookups = lookups
        self.model = BrightSpotPage

    def index_page(self):
        from brightspots.models import BrightSpotIndexPage
        from home.models import HomePage

        index_page = BrightSpotIndexPage.objects.first()
        if index_page is None:
            home = HomePage.objects.first()
            index_page = home.add_child(
                instance=BrightSpotIndexPage(title="Bright Spots", slug="bright-spots")
            )
        return index_page

    def write(self, records):
        if not records:
            return (0, 0), []
        from wagtail.models import Page

        parent = self.index_page()
        existing = {
            page.external_id: page
            for page in self.model.objects.filter(external_id__in=[r.id for r in records])
        }
        content_type = ContentType.objects.get_for_model(self.model)
        children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        last = children.order_by("-path").first()
        next_path = last._inc_path() if last else Page._get_path(parent.path, parent.depth + 1, 1)
        now = timezone.now()
        created = updated = 0
        pages = []
        for record in records:
            data = record.data
            page = existing.get(record.id)
            is_new = page is None
            if is_new:
                page = self.model(external_id=record.id, content_type=content_type)
                page.path = next_path
                next_path = Page(path=next_path)._inc_path()
                page.depth = parent.depth + 1
                page.numchild = 0
                page.locale_id = parent.locale_id
                digest = hashlib.sha256(record.id.encode()).hexdigest()[:8]
                page.slug = f"{slugify(data['title'])[:60]}-{digest}".strip("-")
                page.url_path = f"{parent.url_path}{page.slug}/"
            published = data.get("published", True)
            page.title = page.draft_title = data["title"]
            page.summary = data.get("summary", "")
            page.what_happened = clean_markdown(data.get("body", ""))
            page.what_made_the_difference = clean_markdown(data.get("what_made_the_difference", ""))
            page.where_else = clean_markdown(data.get("where_else", ""))
            page.happened_on = _date(data["date"]) if data.get("date") else None
            page.area_id = self.lookups.areas.get(data.get("area")) if data.get("area") else None
            page.live = published
            page.has_unpublished_changes = not published
            if published and page.first_published_at is None:
                page.first_published_at = page.last_published_at = now
            # Model.save: the tree position is already computed; Page.save would re-query it.
            models.Model.save(page)
            pages.append((page, data))
            created += is_new
            updated += not is_new
        if created:
            Page.objects.filter(pk=parent.pk).update(numchild=children.count())
        ids = [page.pk for page, _ in pages]
        lookups = self.lookups
        links = (
            ("principles", "principle_id", lambda d: lookups.ids(d, "principles")),
            ("needs", "need_id", lambda d: lookups.ids(d, "needs")),
            ("agencies", "agency_id", lambda d: lookups.ids(d, "agencies")),
        )  # fmt: skip
        for name, column, values in links:
            through = getattr(self.model, name).through
            pairs = [(page.pk, value) for page, data in pages for value in set(values(data))]
            _replace_links(through, "brightspotpage_id", ids, column, pairs)
        tag_model = self.model.tags.through
        pairs = [(p.pk, lookups.tags[t]) for p, d in pages for t in set(d.get("tags", []))]
        _replace_links(tag_model, "content_object_id", ids, "tag_id", pairs)
        return (created, updated), ids


class BarrierWriter:
    def __init__(self, lookups):
        from barriers.models import Barrier, BarrierEvent, BarrierMonth, Occurrence

        self.lookups = lookups
        self.model, self.events, self.occurrences = Barrier, BarrierEvent, Occurrence
        self.months = BarrierMonth

    def write(self, records):
        if not records:
            return (0, 0), []
        lookups = self.lookups
        existing = {
            b.external_id: b
            for b in self.model.objects.filter(external_id__in=[r.id for r in records])
        }
        new, changed, rows = [], [], []
        for record in records:
            data = record.data
            barrier = existing.get(record.id) or self.model(external_id=record.id)
            description = clean_markdown(data.get("body", ""))
            if data.get("summary"):
                description = f"{data['summary']}\n\n{description}".strip()
            barrier.title = data["title"]
            barrier.description = description
            barrier.level = data.get("level", "service")
            barrier.status = data.get("status", "open")
            barrier.category_id = lookups.categories.get(data.get("category"))
            barrier.area_id = lookups.areas.get(data.get("area")) if data.get("area") else None
            if data.get("date"):
                barrier.first_met = _date(data["date"])
            elif barrier.pk is None:
                barrier.first_met = timezone.localdate()
            if barrier.status in ("resolved", "closed") and barrier.resolved_at is None:
                barrier.resolved_at = timezone.now()
            (changed if barrier.pk else new).append(barrier)
            rows.append((barrier, data))
        self.model.objects.bulk_create(new, batch_size=BATCH)
        fields = [
            "title", "description", "level", "status", "category", "area", "first_met",
            "resolved_at",
        ]  # fmt: skip
        if changed:
            self.model.objects.bulk_update(changed, fields, batch_size=BATCH)
        if new and new[0].pk is None:
            ids = dict(
                self.model.objects.filter(external_id__in=[b.external_id for b in new]).values_list(
                    "external_id", "pk"
                )
            )
            for barrier in new:
                barrier.pk = barrier.id = ids[barrier.external_id]
        ids = [barrier.pk for barrier, _ in rows]
        links = (
            ("themes", "barriertheme_id", lambda d: lookups.ids(d, "themes")),
            ("needs", "need_id", lambda d: lookups.ids(d, "needs")),
            ("agencies", "agency_id", lambda d: lookups.ids(d, "agencies")),
        )  # fmt: skip
        for name, column, values in links:
            through = getattr(self.model, name).through
            pairs = [(b.pk, value) for b, data in rows for value in set(values(data))]
            _replace_links(through, "barrier_id", ids, column, pairs)
        tag_model = self.model.tags.through
        pairs = [(b.pk, lookups.tags[t]) for b, d in rows for t in set(d.get("tags", []))]
        _replace_links(tag_model, "content_object_id", ids, "tag_id", pairs)
        self.occurrences.objects.filter(barrier_id__in=ids).delete()
        occurrences = [
            self.occurrences(
                barrier_id=barrier.pk,
                date=_date(item["date"]),
                source=item.get("source", "practitioner"),
                agency_id=lookups.agencies.get(item["agency"]) if item.get("agency") else None,
                area_id=lookups.areas.get(item["area"]) if item.get("area") else None,
                note=item.get("note", ""),
            )
            for barrier, data in rows
            for item in data.get("occurrences", [])
        ]
        self.occurrences.objects.bulk_create(occurrences, batch_size=BATCH)
        # bulk_create skips the signals that keep the dashboard's monthly roll-up in step.
        self.months.objects.rebuild(ids)
        self.events.objects.bulk_create(
            [
                self.events(barrier_id=b.pk, kind="created", detail="Imported from a learning file")
                for b in new
            ],
            batch_size=BATCH,
        )
        return (len(new), len(changed)), ids


class ReviewWriter:
    def __init__(self, lookups):
        from reviews.models import Action, Answer, Lesson, Review

        self.lookups = lookups
        self.model, self.answers, self.lessons, self.actions = Review, Answer, Lesson, Action

    def write(self, records):
        lookups = self.lookups
        existing = {
            r.external_id: r
            for r in self.model.objects.filter(external_id__in=[r.id for r in records])
        }
        now = timezone.now()
        new, changed, rows = [], [], []
        for record in records:
            data = record.data
            review = existing.get(record.id) or self.model(external_id=record.id)
            about = clean_markdown(data.get("body", ""))
            if data.get("summary"):
                about = f"{data['summary']}\n\n{about}".strip()
            review.title = data["title"]
            review.about = about
            review.kind = data.get("kind", "informal")
            review.status = "completed"
            review.completed_at = review.completed_at or now
            review.area_id = lookups.areas.get(data.get("area")) if data.get("area") else None
            review.date = _date(data["date"]) if data.get("date") else timezone.localdate()
            (changed if review.pk else new).append(review)
            rows.append((review, data))
        self.model.objects.bulk_create(new, batch_size=BATCH)
        if changed:
            self.model.objects.bulk_update(
                changed,
                ["title", "about", "kind", "status", "completed_at", "area", "date"],
                batch_size=BATCH,
            )
        ids = [review.pk for review, _ in rows]
        self.answers.objects.filter(review_id__in=ids).delete()
        self.lessons.objects.filter(review_id__in=ids).delete()
        self.actions.objects.filter(review_id__in=ids).delete()
        self.answers.objects.bulk_create(
            [
                self.answers(review_id=r.pk, order=n, question=a["question"], answer=a["answer"])
                for r, d in rows
                for n, a in enumerate(d.get("answers", []))
            ],
            batch_size=BATCH,
        )
        lessons = []
        for review, data in rows:
            for item in data.get("lessons", []):
                lesson = self.lessons(
                    review_id=review.pk, kind=item.get("kind", "sustain"), text=item["text"]
                )
                lesson.source = data
                lessons.append(lesson)
        self.lessons.objects.bulk_create(lessons, batch_size=BATCH)
        links = (
            ("principles", "principle_id", lambda d: lookups.ids(d, "principles")),
            ("needs", "need_id", lambda d: lookups.ids(d, "needs")),
            ("agencies", "agency_id", lambda d: lookups.ids(d, "agencies")),
        )  # fmt: skip
        for name, column, values in links:
            through = getattr(self.lessons, name).through
            insert_rows(
                through,
                ("lesson_id", column),
                (
                    (lesson.pk, value)
                    for lesson in lessons
                    for value in sorted(set(values(lesson.source)))
                ),
            )
        if hasattr(self.model, "tags"):
            tag_model = self.model.tags.through
            pairs = [(r.pk, lookups.tags[t]) for r, d in rows for t in set(d.get("tags", []))]
            _replace_links(tag_model, "content_object_id", ids, "tag_id", pairs)
        self.actions.objects.bulk_create(
            [
                self.actions(
                    review_id=r.pk,
                    description=a["text"],
                    owner_agency_id=lookups.agencies.get(a["owner"]) if a.get("owner") else None,
                    due=_date(a["due"]) if a.get("due") else None,
                    status=a.get("status", "open"),
                    completed_at=now if a.get("status") == "done" else None,
                )
                for r, d in rows
                for a in d.get("actions", [])
            ],
            batch_size=BATCH,
        )
        return (len(new), len(changed)), ids


def import_lines(lines, *, stdout=None):
    """Validate everything, then write everything; raises ImportFailed listing every problem."""
    records, problems = parse_lines(lines)
    if problems:
        raise ImportFailed(problems)
    return import_records(records, stdout=stdout)


# Export ----------------------------------------------------------------------------------


def _put(out, key, value):
    if value not in (None, "", [], {}):
        out[key] = value


def _names(items):
    return sorted({item.name for item in items})


def export_bright_spots():
    from brightspots.models import BrightSpotPage

    pages = BrightSpotPage.objects.select_related("area").prefetch_related(
        "principles", "needs", "agencies", "tags"
    )
    for page in pages.order_by("external_id").iterator(chunk_size=1000):
        out = {"id": page.external_id, "type": "bright_spot", "title": page.title}
        _put(out, "summary", page.summary)
        _put(out, "body", page.what_happened)
        _put(out, "date", page.happened_on.isoformat() if page.happened_on else None)
        _put(out, "area", page.area.name if page.area_id else None)
        _put(out, "agencies", _names(page.agencies.all()))
        _put(out, "principles", sorted(p.number for p in page.principles.all()))
        _put(out, "needs", _names(page.needs.all()))
        _put(out, "tags", _names(page.tags.all()))
        _put(out, "what_made_the_difference", page.what_made_the_difference)
        _put(out, "where_else", page.where_else)
        out["published"] = bool(page.live)
        yield out


def export_barriers():
    from barriers.models import Barrier

    barriers = (
        Barrier.objects.active()
        .select_related("area", "category")
        .prefetch_related("themes", "needs", "agencies", "tags", "occurrences__agency",
                          "occurrences__area")
    )  # fmt: skip
    for barrier in barriers.order_by("external_id").iterator(chunk_size=1000):
        out = {"id": barrier.external_id, "type": "barrier", "title": barrier.title}
        _put(out, "body", barrier.description)
        _put(out, "date", barrier.first_met.isoformat() if barrier.first_met else None)
        _put(out, "area", barrier.area.name if barrier.area_id else None)
        _put(out, "agencies", _names(barrier.agencies.all()))
        _put(out, "needs", _names(barrier.needs.all()))
        _put(out, "tags", _names(barrier.tags.all()))
        out["level"] = barrier.level
        _put(out, "category", barrier.category.code if barrier.category_id else None)
        _put(out, "themes", _names(barrier.themes.all()))
        out["status"] = barrier.status
        occurrences = []
        for occurrence in barrier.occurrences.all():
            item = {"date": occurrence.date.isoformat()}
            _put(item, "agency", occurrence.agency.name if occurrence.agency_id else None)
            _put(item, "area", occurrence.area.name if occurrence.area_id else None)
            item["source"] = occurrence.source
            _put(item, "note", occurrence.note)
            occurrences.append(item)
        occurrences.sort(key=lambda o: json.dumps(o, sort_keys=True))
        _put(out, "occurrences", occurrences)
        yield out


def export_reviews():
    review_model = _review_model()
    if review_model is None:
        return
    reviews = (
        review_model.objects.completed()
        .select_related("area")
        .prefetch_related(
            "answers", "lessons__principles", "lessons__needs", "lessons__agencies",
            "actions__owner_agency",
            *(["tags"] if hasattr(review_model, "tags") else []),
        )
    )  # fmt: skip
    for review in reviews.order_by("external_id").iterator(chunk_size=1000):
        lessons = sorted(review.lessons.all(), key=lambda lesson: lesson.pk)
        out = {"id": review.external_id, "type": "review", "title": review.title}
        _put(out, "body", review.about)
        _put(out, "date", review.date.isoformat() if review.date else None)
        _put(out, "area", review.area.name if review.area_id else None)
        _put(out, "agencies", sorted({a.name for lesson in lessons for a in lesson.agencies.all()}))
        _put(
            out,
            "principles",
            sorted({p.number for lesson in lessons for p in lesson.principles.all()}),
        )
        _put(out, "needs", sorted({n.name for lesson in lessons for n in lesson.needs.all()}))
        if hasattr(review, "tags"):
            _put(out, "tags", _names(review.tags.all()))
        out["kind"] = review.kind
        answers = sorted(review.answers.all(), key=lambda a: (a.order, a.pk))
        _put(out, "answers", [{"question": a.question, "answer": a.answer} for a in answers])
        _put(out, "lessons", [{"kind": lesson.kind, "text": lesson.text} for lesson in lessons])
        actions = []
        for action in sorted(review.actions.all(), key=lambda a: a.pk):
            item = {"text": action.description}
            _put(item, "owner", action.owner_agency.name if action.owner_agency_id else None)
            _put(item, "due", action.due.isoformat() if action.due else None)
            item["status"] = "done" if action.status == "done" else "open"
            actions.append(item)
        _put(out, "actions", actions)
        yield out


def export_lines():
    """Every exportable record as JSON lines, sorted by type then id."""
    exporters = {"barrier": export_barriers, "bright_spot": export_bright_spots,
                 "review": export_reviews}  # fmt: skip
    for kind in sorted(exporters):
        for record in exporters[kind]():
            yield json.dumps(record, ensure_ascii=False) + "\n"
