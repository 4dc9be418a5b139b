"""Bright Spots in the learning interchange format (docs/interchange.md): the model that checks a
line, the writer that upserts pages in bulk and the exporter. Registered through `RECORD_TYPE`.
"""

import hashlib
from typing import Literal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page

from common.bulk import insert_objects
from common.interchange import (
    BaseRecord,
    RecordType,
    clean_markdown,
    existing_by_id,
    parse_date,
    put,
    replace_vocabulary,
    sorted_names,
    text,
)
from home.models import HomePage

from .models import BrightSpotIndexPage, BrightSpotPage


class BrightSpotRecord(BaseRecord):
    type: Literal["bright_spot"]
    what_made_the_difference: text() = ""
    where_else: text() = ""
    published: bool = True


class BrightSpotWriter:
    def __init__(self, lookups):
        self.lookups = lookups
        self.model = BrightSpotPage

    def index_page(self):
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
        parent = self.index_page()
        existing = existing_by_id(self.model, records)
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
            page.happened_on = parse_date(data["date"]) if data.get("date") else None
            page.area_id = self.lookups.areas.get(data.get("area")) if data.get("area") else None
            page.live = published
            page.has_unpublished_changes = not published
            if published and page.first_published_at is None:
                page.first_published_at = page.last_published_at = now
            if not is_new:
                # Model.save: the tree position is known; Page.save would re-query it.
                models.Model.save(page)
            pages.append((page, data))
            created += is_new
            updated += not is_new
        if created:
            self.insert([page for page, _data in pages if page.pk is None])
            Page.objects.filter(pk=parent.pk).update(numchild=children.count())
        ids = [page.pk for page, _ in pages]
        replace_vocabulary(
            self.model,
            "brightspotpage_id",
            pages,
            self.lookups,
            ("principles", "needs", "agencies"),
        )
        return (created, updated), ids

    def insert(self, pages):
        """New pages in two bulk inserts (the page rows, then the Bright Spot rows), without
        per-page saves. The file was checked by the privacy guard before anything is written."""
        insert_objects(Page, pages)
        ids = dict(
            Page.objects.filter(path__in=[page.path for page in pages]).values_list("path", "pk")
        )
        for page in pages:
            page.pk = page.id = page.page_ptr_id = ids[page.path]
            page._state.adding = False
        insert_objects(self.model, pages, exclude=())


def export_bright_spots(*, include_drafts=False):
    pages = BrightSpotPage.objects.select_related("area").prefetch_related(
        "principles", "needs", "agencies", "tags"
    )
    if not include_drafts:  # never moderated: only people who may moderate see drafts
        pages = pages.filter(live=True)
    for page in pages.order_by("external_id").iterator(chunk_size=1000):
        out = {"id": page.external_id, "type": "bright_spot", "title": page.title}
        put(out, "summary", page.summary)
        put(out, "body", page.what_happened)
        put(out, "date", page.happened_on.isoformat() if page.happened_on else None)
        put(out, "area", page.area.name if page.area_id else None)
        put(out, "agencies", sorted_names(page.agencies.all()))
        put(out, "principles", sorted(p.number for p in page.principles.all()))
        put(out, "needs", sorted_names(page.needs.all()))
        put(out, "tags", sorted_names(page.tags.all()))
        put(out, "what_made_the_difference", page.what_made_the_difference)
        put(out, "where_else", page.where_else)
        out["published"] = bool(page.live)
        yield out


RECORD_TYPE = RecordType(
    kind="bright_spot",
    schema=BrightSpotRecord,
    model=BrightSpotPage,
    writer=BrightSpotWriter,
    export=export_bright_spots,
)
