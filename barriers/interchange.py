"""Barriers in the learning interchange format (docs/interchange.md): the model that checks a
line, the writer that upserts barriers and their occurrences in bulk and the exporter.
Registered through `RECORD_TYPE`.
"""

import json
from collections.abc import Iterator
from typing import Literal

from django.utils import timezone

from common.bulk import insert_objects
from common.interchange import (
    BATCH,
    TEXT_LIMITS,
    BaseRecord,
    Category,
    Date,
    RecordType,
    Strict,
    Themes,
    description,
    existing_by_id,
    exported_head,
    objects,
    one_of,
    parse_date,
    put,
    replace_vocabulary,
    sorted_names,
    text,
)

from . import tally
from .models import Barrier, BarrierEvent, BarrierMonth, Occurrence

LEVELS = ("individual", "service", "system")
STATUSES = ("open", "acknowledged", "escalated", "in_progress", "resolved", "closed")
SOURCES = ("practitioner", "review", "forum", "journey")


class OccurrenceRecord(Strict):
    date: Date
    agency: text(TEXT_LIMITS["agency"]) = ""
    area: text(TEXT_LIMITS["area"]) = ""
    source: one_of(*SOURCES) = "practitioner"
    note: text(TEXT_LIMITS["note"]) = ""


class BarrierRecord(BaseRecord):
    type: Literal["barrier"]
    level: one_of(*LEVELS) = "service"
    category: Category = None
    themes: Themes = []
    status: one_of(*STATUSES) = "open"
    occurrences: objects(OccurrenceRecord) = []

    def referenced_names(self) -> Iterator[tuple[str, str]]:
        yield from super().referenced_names()
        for occurrence in self.occurrences:
            if occurrence.area:
                yield "areas", occurrence.area
            if occurrence.agency:
                yield "agencies", occurrence.agency


class BarrierWriter:
    def __init__(self, lookups):
        self.lookups = lookups
        self.model, self.events, self.occurrences = Barrier, BarrierEvent, Occurrence
        self.months = BarrierMonth

    def write(self, records):
        if not records:
            return (0, 0), []
        existing = existing_by_id(self.model, records)
        # bulk_update and the vocabularies' through rows send no signals: bracket the batch so
        # the dashboard's MonthTally follows the barriers' new levels, dates and themes.
        with tally.tracking(barrier.pk for barrier in existing.values()):
            return self._write(records, existing)

    def _write(self, records, existing):
        lookups = self.lookups
        new, changed, rows = [], [], []
        for record in records:
            data = record.data
            barrier = existing.get(record.id) or self.model(external_id=record.id)
            barrier.title = data["title"]
            barrier.description = description(data)
            barrier.level = data.get("level", "service")
            barrier.status = data.get("status", "open")
            barrier.category_id = lookups.categories.get(data.get("category"))
            barrier.area_id = lookups.areas.get(data.get("area")) if data.get("area") else None
            if data.get("date"):
                barrier.first_met = parse_date(data["date"])
            elif barrier.pk is None:
                barrier.first_met = timezone.localdate()
            if barrier.status in ("resolved", "closed") and barrier.resolved_at is None:
                barrier.resolved_at = timezone.now()
            (changed if barrier.pk else new).append(barrier)
            rows.append((barrier, data))
        insert_objects(self.model, new)
        fields = [
            "title", "description", "level", "status", "category", "area", "first_met",
            "resolved_at",
        ]  # fmt: skip
        if changed:
            self.model.objects.bulk_update(changed, fields, batch_size=BATCH)
        if new:
            ids = dict(
                self.model.objects.filter(external_id__in=[b.external_id for b in new]).values_list(
                    "external_id", "pk"
                )
            )
            for barrier in new:
                barrier.pk = barrier.id = ids[barrier.external_id]
        ids = [barrier.pk for barrier, _ in rows]
        replace_vocabulary(self.model, "barrier_id", rows, lookups, ("themes", "needs", "agencies"))
        self.occurrences.objects.filter(barrier_id__in=ids).delete()
        occurrences = [
            self.occurrences(
                barrier_id=barrier.pk,
                date=parse_date(item["date"]),
                source=item.get("source", "practitioner"),
                agency_id=lookups.agencies.get(item["agency"]) if item.get("agency") else None,
                area_id=lookups.areas.get(item["area"]) if item.get("area") else None,
                note=item.get("note", ""),
            )
            for barrier, data in rows
            for item in data.get("occurrences", [])
        ]
        insert_objects(self.occurrences, occurrences)
        # bulk_create skips the signals that keep the dashboard's monthly roll-up in step.
        self.months.objects.rebuild(ids)
        insert_objects(
            self.events,
            [
                self.events(barrier_id=b.pk, kind="created", detail="Imported from a learning file")
                for b in new
            ],
        )
        return (len(new), len(changed)), ids


def export_barriers(*, include_drafts=False):
    barriers = (
        Barrier.objects.active()
        .select_related("area", "category")
        .prefetch_related("themes", "needs", "agencies", "tags", "occurrences__agency",
                          "occurrences__area")
    )  # fmt: skip
    for barrier in barriers.order_by("external_id").iterator(chunk_size=1000):
        out = exported_head(
            barrier, "barrier", body=barrier.description, date=barrier.first_met, area=barrier.area
        )
        put(out, "agencies", sorted_names(barrier.agencies.all()))
        put(out, "needs", sorted_names(barrier.needs.all()))
        put(out, "tags", sorted_names(barrier.tags.all()))
        out["level"] = barrier.level
        put(out, "category", barrier.category.code if barrier.category_id else None)
        put(out, "themes", sorted_names(barrier.themes.all()))
        out["status"] = barrier.status
        occurrences = []
        for occurrence in barrier.occurrences.all():
            item = {"date": occurrence.date.isoformat()}
            put(item, "agency", occurrence.agency.name if occurrence.agency_id else None)
            put(item, "area", occurrence.area.name if occurrence.area_id else None)
            item["source"] = occurrence.source
            put(item, "note", occurrence.note)
            occurrences.append(item)
        occurrences.sort(key=lambda o: json.dumps(o, sort_keys=True))
        put(out, "occurrences", occurrences)
        yield out


RECORD_TYPE = RecordType(
    kind="barrier",
    schema=BarrierRecord,
    model=Barrier,
    writer=BarrierWriter,
    export=export_barriers,
)
