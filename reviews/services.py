"""Writes that span rows: starting, saving, completing and reopening a review."""

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wagtail.search import index

from .models import Review


def reindex(review: Review) -> None:
    """Answers, lessons and actions are indexed with their review; refresh it after they change."""
    index.insert_or_update_object(review)


@transaction.atomic
def start_review(form: Any, template: Any, *, user: Any) -> Review:
    """Create a draft from a valid ReviewStartForm; the user becomes its facilitator."""
    if template.live_revision_id is None:
        # Templates loaded by migration have no revision yet: record the one this review uses.
        revision = template.save_revision(user=user, log_action=False, clean=False)
        template.live_revision = revision
        template.has_unpublished_changes = False
        template.save(update_fields=["live_revision", "has_unpublished_changes"])
    review = form.save(commit=False)
    review.facilitator = user
    review.status = Review.Status.DRAFT
    if review.area_id is None and user.agency_id and user.agency.area_id:
        review.area = user.agency.area
    review.start_from_template(template)
    form.save_m2m()
    reindex(review)
    return review


def _bump(review: Review) -> None:
    Review.objects.filter(pk=review.pk).update(draft_version=F("draft_version") + 1)
    review.refresh_from_db(fields=["draft_version", "updated_at"])


@transaction.atomic
def autosave(review: Review, details_form: Any, answer_formset: Any) -> Review:
    """Keep what has been typed so far: the details and the answers (never creates rows)."""
    details_form.save()
    answer_formset.save()
    _bump(review)
    reindex(review)
    return review


@transaction.atomic
def save_run(
    review: Review, *, details_form: Any, answer_formset: Any, formsets: Any, barrier_form: Any,
    user: Any,
) -> Any:  # fmt: skip
    """Save everything on the run page in one go. Returns the occurrence raised, if any."""
    review = details_form.save()
    answer_formset.save()
    for formset in formsets:
        formset.instance = review
        formset.save()
    occurrence = None
    if barrier_form is not None and barrier_form.has_barrier():
        occurrence = raise_barrier(review, barrier_form.cleaned_data, user=user)
    _bump(review)
    reindex(review)
    return occurrence


def raise_barrier(review: Review, data: dict[str, Any], *, user: Any) -> Any:
    """Count the barrier again (an existing one) or start it, always as an occurrence from the
    review, so a barrier met twice is one barrier met twice, not two barriers."""
    from barriers.models import Barrier, BarrierEvent, Occurrence
    from barriers.services import record_occurrence

    barrier = data.get("existing")
    if barrier is None:
        barrier = Barrier.objects.create(
            title=data["new_title"].strip(),
            level=data["new_level"],
            area=review.area,
            first_met=review.date,
            created_by=user,
        )
        BarrierEvent.objects.create(
            barrier=barrier,
            kind=BarrierEvent.Kind.CREATED,
            detail="Raised in an After Action Review",
            user=user,
        )
    return record_occurrence(
        barrier,
        date=review.date,
        source=Occurrence.Source.REVIEW,
        source_object=review,
        agency=getattr(user, "agency", None),
        area=review.area,
        note=data.get("note", ""),
        user=user,
    )


@transaction.atomic
def complete_review(review: Review) -> list[str]:
    """Mark a draft completed if nothing stops it; returns the problems otherwise."""
    problems = review.completion_problems()
    if problems:
        return problems
    review.status = Review.Status.COMPLETED
    review.completed_at = timezone.now()
    review.save(update_fields=["status", "completed_at", "updated_at"])
    _bump(review)
    reindex(review)
    return []


@transaction.atomic
def reopen_review(review: Review) -> None:
    review.status = Review.Status.DRAFT
    review.completed_at = None
    review.save(update_fields=["status", "completed_at", "updated_at"])
    _bump(review)
    reindex(review)
