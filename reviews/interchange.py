"""Reviews in the learning interchange format (docs/interchange.md): the model that checks a
line, the writer that upserts reviews with their answers, lessons and actions in bulk and the
exporter. Registered through `RECORD_TYPE`.
"""

from collections.abc import Iterator
from typing import Literal

from django.utils import timezone

from common.bulk import insert_objects, insert_rows
from common.interchange import (
    BATCH,
    TEXT_LIMITS,
    BaseRecord,
    Date,
    RecordType,
    Strict,
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

from .models import Action, Answer, Lesson, Review

REVIEW_KINDS = ("formal", "informal")
LESSON_KINDS = ("sustain", "improve")
ACTION_STATUSES = ("open", "done")


RequiredText = text(required=True)


class AnswerRecord(Strict):
    question: text(TEXT_LIMITS["question"])
    answer: text()


class LessonRecord(Strict):
    kind: one_of(*LESSON_KINDS) = "sustain"
    text: RequiredText


class ActionRecord(Strict):
    text: RequiredText
    owner: text(TEXT_LIMITS["owner"]) = ""
    due: Date = None
    status: one_of(*ACTION_STATUSES) = "open"


class ReviewRecord(BaseRecord):
    type: Literal["review"]
    kind: one_of(*REVIEW_KINDS) = "informal"
    answers: objects(AnswerRecord) = []
    lessons: objects(LessonRecord) = []
    actions: objects(ActionRecord) = []

    def referenced_names(self) -> Iterator[tuple[str, str]]:
        yield from super().referenced_names()
        for action in self.actions:
            if action.owner:
                yield "agencies", action.owner


class ReviewWriter:
    def __init__(self, lookups):
        self.lookups = lookups
        self.model, self.answers, self.lessons, self.actions = Review, Answer, Lesson, Action

    def write(self, records):
        if not records:
            return (0, 0), []
        lookups = self.lookups
        existing = existing_by_id(self.model, records)
        now = timezone.now()
        new, changed, rows = [], [], []
        for record in records:
            data = record.data
            review = existing.get(record.id) or self.model(external_id=record.id)
            review.title = data["title"]
            review.about = description(data)
            review.kind = data.get("kind", "informal")
            review.status = "completed"
            review.completed_at = review.completed_at or now
            review.area_id = lookups.areas.get(data.get("area")) if data.get("area") else None
            review.date = parse_date(data["date"]) if data.get("date") else timezone.localdate()
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
        insert_objects(
            self.answers,
            [
                self.answers(review_id=r.pk, order=n, question=a["question"], answer=a["answer"])
                for r, d in rows
                for n, a in enumerate(d.get("answers", []))
            ],
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
        replace_vocabulary(self.model, "review_id", rows, lookups, ())
        insert_objects(
            self.actions,
            [
                self.actions(
                    review_id=r.pk,
                    description=a["text"],
                    owner_agency_id=lookups.agencies.get(a["owner"]) if a.get("owner") else None,
                    due=parse_date(a["due"]) if a.get("due") else None,
                    status=a.get("status", "open"),
                    completed_at=now if a.get("status") == "done" else None,
                )
                for r, d in rows
                for a in d.get("actions", [])
            ],
        )
        return (len(new), len(changed)), ids


def export_reviews(*, include_drafts=False):
    reviews = (
        Review.objects.completed()
        .select_related("area")
        .prefetch_related(
            "answers", "lessons__principles", "lessons__needs", "lessons__agencies",
            "actions__owner_agency",
            *(["tags"] if hasattr(Review, "tags") else []),
        )
    )  # fmt: skip
    for review in reviews.order_by("external_id").iterator(chunk_size=1000):
        lessons = sorted(review.lessons.all(), key=lambda lesson: lesson.pk)
        out = exported_head(review, "review", body=review.about, date=review.date, area=review.area)
        put(out, "agencies", sorted({a.name for lesson in lessons for a in lesson.agencies.all()}))
        put(
            out,
            "principles",
            sorted({p.number for lesson in lessons for p in lesson.principles.all()}),
        )
        put(out, "needs", sorted({n.name for lesson in lessons for n in lesson.needs.all()}))
        if hasattr(review, "tags"):
            put(out, "tags", sorted_names(review.tags.all()))
        out["kind"] = review.kind
        answers = sorted(review.answers.all(), key=lambda a: (a.order, a.pk))
        put(out, "answers", [{"question": a.question, "answer": a.answer} for a in answers])
        put(out, "lessons", [{"kind": lesson.kind, "text": lesson.text} for lesson in lessons])
        actions = []
        for action in sorted(review.actions.all(), key=lambda a: a.pk):
            item = {"text": action.description}
            put(item, "owner", action.owner_agency.name if action.owner_agency_id else None)
            put(item, "due", action.due.isoformat() if action.due else None)
            item["status"] = "done" if action.status == "done" else "open"
            actions.append(item)
        put(out, "actions", actions)
        yield out


RECORD_TYPE = RecordType(
    kind="review", schema=ReviewRecord, model=Review, writer=ReviewWriter, export=export_reviews
)
