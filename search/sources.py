"""The source models: what each shares as a learning record, which of its objects should be
shared, and how to read many of them at once.

One builder per source model turns a source object into a `RecordData`, or None when the object
must not be shared (a draft, an incomplete review, a merged barrier, an unpublished summary).
Builders read the source apps' public fields only. `search.sync` writes what they build.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Model, Prefetch, QuerySet
from django.urls import get_script_prefix, reverse
from django.utils import timezone

from wagtail.models import Page, Site

from common.markdown import markdown_to_text

from .models import LearningRecord

Kind = LearningRecord.Kind
PREFETCHED = "_prefetched_"
Builder = Callable[[Any], "RecordData | None"]


def related(obj: Any, name: str) -> list[Any]:
    """`obj.<name>.all()` as a list, from `prefetched`'s bulk read when there was one."""
    found = getattr(obj, PREFETCHED + name, None)
    return found if found is not None else list(getattr(obj, name).all())


@dataclass
class RecordData:
    kind: str
    external_id: str
    title: str
    url: str
    summary: str = ""
    body: str = ""
    keywords: str = ""
    date: datetime.date | None = None
    area_id: int | None = None
    level: str = ""
    category_id: int | None = None
    principle_ids: list[int] = field(default_factory=list)
    need_ids: list[int] = field(default_factory=list)
    theme_ids: list[int] = field(default_factory=list)
    agency_ids: list[int] = field(default_factory=list)


def _names(obj: Any, name: str) -> list[str]:
    return [str(item.name) for item in related(obj, name)]


def _local_date(value: datetime.date | None) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _page_url(page: Page) -> str:
    """The page's URL relative to its site (what `page.get_url()` gives on a one-site install),
    from the cached site root paths instead of a lookup per page."""
    for root in Site.get_site_root_paths():
        if page.url_path.startswith(root.root_path):
            return page.url_path[len(root.root_path) - 1 :]
    return page.get_url() or page.url_path


def _page_record(page: Any, kind: str, summary: str, **fields: Any) -> RecordData:
    """A page's shared record: its id, title, site-relative URL and plain-text summary."""
    return RecordData(
        kind=kind,
        external_id=page.external_id,
        title=page.title,
        url=_page_url(page),
        summary=markdown_to_text(summary),
        **fields,
    )


def build_bright_spot(page: Any) -> "RecordData | None":
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
    return _page_record(
        page,
        Kind.BRIGHT_SPOT,
        page.summary,
        body=" ".join(markdown_to_text(text) for text in body if text),
        keywords=" ".join(keywords),
        date=page.happened_on or _local_date(page.first_published_at),
        area_id=page.area_id,
        principle_ids=[p.pk for p in related(page, "principles")],
        need_ids=[n.pk for n in related(page, "needs")],
        agency_ids=[a.pk for a in related(page, "agencies")],
    )


def build_forum_session(page: Any) -> "RecordData | None":
    if not page.live or page.expired:
        return None
    return _page_record(
        page,
        Kind.FORUM_SESSION,
        page.theme,
        body=" ".join(markdown_to_text(text) for text in (page.description, page.notes) if text),
        keywords=page.get_format_display(),
        date=_local_date(page.starts_at),
    )


# A stand-in id, swapped for each real one: reversing a URL per record cost more than building
# the rest of its shared record.
_PLACEHOLDER = 987654321


def detail_url(name: str, pk: int) -> str:
    """reverse(name, args=[pk]) for a detail URL whose only argument is the id."""
    prefix = get_script_prefix()
    pattern = _detail_patterns.get((name, prefix))
    if pattern is None:
        pattern = _detail_patterns[name, prefix] = reverse(name, args=[_PLACEHOLDER]).replace(
            str(_PLACEHOLDER), "{}"
        )
    return pattern.format(pk)


_detail_patterns: dict[tuple[str, str], str] = {}


def build_barrier(barrier: Any) -> "RecordData | None":
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
        url=detail_url("barriers:detail", barrier.pk),
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


def build_cohort_summary(summary: Any) -> "RecordData | None":
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


def build_review(review: Any) -> "RecordData | None":
    """A completed review shares its answers, lessons and actions; drafts share nothing."""
    if review.status != review.Status.COMPLETED:
        return None
    answers = [a for a in related(review, "answers") if not a.skipped and a.answer]
    lessons = related(review, "lessons")
    actions = related(review, "actions")
    principle_ids, need_ids, agency_ids, keywords = set(), set(), set(), []
    for lesson in lessons:
        for principle in related(lesson, "principles"):
            principle_ids.add(principle.pk)
            keywords.append(principle.name)
        for need in related(lesson, "needs"):
            need_ids.add(need.pk)
            keywords.append(need.name)
        for agency in related(lesson, "agencies"):
            agency_ids.add(agency.pk)
            keywords.append(agency.name)
    for action in actions:
        if action.owner_agency_id:
            agency_ids.add(action.owner_agency_id)
            keywords.append(action.owner_agency.name)
    if hasattr(review, "tags"):
        keywords.extend(tag.name for tag in related(review, "tags"))
    if review.area_id:
        keywords.append(review.area.name)
    lesson_text = " ".join(markdown_to_text(lesson.text) for lesson in lessons)
    body = [
        *(f"{answer.question} {markdown_to_text(answer.answer)}" for answer in answers),
        *(markdown_to_text(action.description) for action in actions),
    ]
    return RecordData(
        kind=Kind.REVIEW,
        external_id=review.external_id,
        title=review.title,
        url=detail_url("reviews:detail", review.pk),
        summary=" ".join(part for part in (markdown_to_text(review.about), lesson_text) if part),
        body=" ".join(body),
        keywords=" ".join(dict.fromkeys(keywords)),
        date=review.date,
        area_id=review.area_id,
        principle_ids=sorted(principle_ids),
        need_ids=sorted(need_ids),
        agency_ids=sorted(agency_ids),
    )


BUILDERS = {
    "brightspots.BrightSpotPage": build_bright_spot,
    "brightspots.ForumSessionPage": build_forum_session,
    "barriers.Barrier": build_barrier,
    "stories.CohortSummary": build_cohort_summary,
    "reviews.Review": build_review,
}


def source_models() -> list[tuple[type[Model], Builder]]:
    """The installed source models with their builders (an app still being built is skipped)."""
    found = []
    for label, builder in BUILDERS.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        found.append((model, builder))
    return found


def builder_for(model: type[Model]) -> Builder | None:
    return BUILDERS.get(model._meta.label)


def shareable(model: type[Model]) -> QuerySet:
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


def _lists(*names: str) -> list[Prefetch]:
    """Prefetches that store plain lists (`sources.related` reads them): no per-object
    querysets, which cost more than the rows themselves in batches of thousands."""
    return [Prefetch(name, to_attr=PREFETCHED + name) for name in names]


def prefetched(model: type[Model], queryset: QuerySet) -> list[Model]:
    """The objects of `queryset` with the relations their builder reads, fetched in bulk: one
    query a relation, and each vocabulary term (area, agency, need, ...) one instance shared by
    every object that names it (`share_terms`)."""
    label = model._meta.label
    if label == "barriers.Barrier":
        objects = list(queryset.prefetch_related(*_lists("tags", "occurrences")))
        share_terms(objects, links=("themes", "needs", "agencies"), keys=("category", "area"))
    elif label == "brightspots.BrightSpotPage":
        objects = list(queryset.prefetch_related(*_lists("tags")))
        share_terms(objects, links=("principles", "needs", "agencies"), keys=("area",))
    elif label == "reviews.Review":
        objects = list(_review_prefetch(model, queryset))
        share_terms(objects, keys=("area",))
        lessons = [lesson for review in objects for lesson in related(review, "lessons")]
        share_terms(lessons, links=("principles", "needs", "agencies"))
        actions = [action for review in objects for action in related(review, "actions")]
        share_terms(actions, keys=("owner_agency",))
    elif label == "stories.CohortSummary":
        objects = list(queryset)
        share_terms(objects, keys=("area",))
    else:
        objects = list(queryset)
    return objects


def share_terms(
    objects: list[Model], *, links: tuple[str, ...] = (), keys: tuple[str, ...] = ()
) -> None:
    """Put on `objects` the vocabulary terms they reach by the many-to-many fields `links` (as
    `prefetched`'s lists, in the vocabulary's order, as `related` reads them) and the foreign
    keys `keys` (as `select_related` would). Each term is read once and one instance serves
    every object: `prefetch_related` builds an instance per link (for an import of 10,000
    records, about 90,000 instances of a few hundred terms)."""
    if not objects:
        return
    relations: dict[str, Any] = {name: objects[0]._meta.get_field(name) for name in (*links, *keys)}
    ids = [obj.pk for obj in objects]
    pairs: dict[str, list[tuple[int, int]]] = {}
    wanted: dict[type[Model], set[int]] = {}
    for name in links:
        relation = relations[name]
        through = relation.remote_field.through
        source = through._meta.get_field(relation.m2m_field_name()).attname
        target = through._meta.get_field(relation.m2m_reverse_field_name()).attname
        rows = through._default_manager.filter(**{f"{source}__in": ids}).values_list(source, target)
        pairs[name] = list(rows)
        wanted.setdefault(relation.related_model, set()).update(term for _obj, term in pairs[name])
    for name in keys:
        relation = relations[name]
        found = {getattr(obj, relation.attname) for obj in objects} - {None}
        wanted.setdefault(relation.related_model, set()).update(found)
    # In the vocabulary's own order (its Meta.ordering, in the database's collation), as a
    # prefetch would list them.
    terms = {
        term_model: {term.pk: term for term in term_model._default_manager.filter(pk__in=term_ids)}
        for term_model, term_ids in wanted.items()
    }
    for name in links:
        listed: dict[int, list[int]] = {pk: [] for pk in ids}
        for obj_id, term_id in pairs[name]:
            listed[obj_id].append(term_id)
        read = terms[relations[name].related_model]
        position = {pk: number for number, pk in enumerate(read)}
        for obj in objects:
            # A term its manager does not list is left out, as a prefetch through it would.
            ordered = sorted((t for t in listed[obj.pk] if t in read), key=position.__getitem__)
            setattr(obj, PREFETCHED + name, [read[term_id] for term_id in ordered])
    for name in keys:
        relation = relations[name]
        read = terms[relation.related_model]
        for obj in objects:
            term_id = getattr(obj, relation.attname)
            if term_id in read:  # else left to the relation's own read, as without this
                relation.set_cached_value(obj, read[term_id])


def _review_prefetch(model: Any, queryset: QuerySet) -> QuerySet:
    queryset = queryset.prefetch_related(*_lists("answers", "lessons", "actions"))
    return queryset.prefetch_related(*_lists("tags")) if hasattr(model, "tags") else queryset
