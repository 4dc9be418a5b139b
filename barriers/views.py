"""Barrier log pages: list, detail, quick logging with similar-barrier suggestions, edit, merge."""

from importlib.util import find_spec

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.forms.utils import ErrorDict
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from common import fragments
from people import roles

from . import services
from .forms import (
    BarrierFilterForm,
    BarrierForm,
    BlamelessHint,
    LogSnagForm,
    MergeForm,
    OccurrenceForm,
)
from .models import Barrier
from .similarity import similar_barriers

PAGE_SIZE = 25
OCCURRENCES_SHOWN = 50
# Hidden inputs carrying the writing hints the writer has already been shown.
KEEP_WORDING = "keep_wording"
HINTS_FIRST = (
    "Check the writing hints below before this is saved for everyone to read. Change the "
    "wording, or submit again to keep it as it is."
)


def can_change(user, barrier):
    return user.has_perm("barriers.change_barrier") or barrier.owner_id == user.pk


def can_merge(user):
    return user.has_perm("barriers.merge_barrier") and user.has_role(
        roles.LEADER, roles.ADMINISTRATOR
    )


def hints_to_confirm(request, form, names):
    """The staff-name hints on `names` that the writer has not been shown yet (sorted texts).

    Barriers name services, never staff, but the guess can be wrong ("Nurse Led Clinic"), so it
    never blocks: the first time such a hint appears the form comes back once with it (the hidden
    `keep_wording` inputs list them); submitting again with the same wording saves. Label hints
    (wording to avoid) never hold a form back.
    """
    texts = sorted(
        {
            hint.text
            for name in names
            for hint in form.label_hints.get(name) or []
            if isinstance(hint, BlamelessHint)
        }
    )
    if set(texts) <= set(request.POST.getlist(KEEP_WORDING)):
        return []
    messages.warning(request, HINTS_FIRST)
    return texts


def _follow_merges(barrier):
    while barrier.merged_into_id:
        barrier = barrier.merged_into
    return barrier


def barrier_list(request):
    # The log is read only when this view of it is not in the fragment cache (common.fragments).
    return render(
        request,
        "barriers/barrier_list.html",
        {"listing": SimpleLazyObject(lambda: _listing(request)), "today": timezone.localdate()},
    )


def _listing(request):
    form = BarrierFilterForm(request.GET or None)
    barriers = form.filter(Barrier.objects.active()).order_by("-updated_at", "-pk")
    page = Paginator(barriers, PAGE_SIZE).get_page(request.GET.get("page"))
    recurrence = {
        barrier.pk: barrier
        for barrier in Barrier.objects.filter(pk__in=[b.pk for b in page]).with_recurrence()
    }
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "form": form,
        "page_obj": page,
        "rows": [recurrence[barrier.pk] for barrier in page],
        "query": query.urlencode(),
    }


def barrier_detail(request, pk):
    # The barrier and its recurrence (an aggregate over all its occurrences) are the same for
    # every reader: kept until a write to barriers, their vocabulary or their owner's name
    # (common.fragments), not read for every request.
    barrier = fragments.everyone(
        f"barrier-detail:{pk}",
        lambda: _barrier_with_recurrence(pk),
        depends=("barriers", "people", "taxonomy"),
    )
    if barrier is None:
        raise Http404("No barrier has this number.")
    if barrier.merged_into_id:
        messages.info(request, f"“{barrier.title}” was merged into this barrier.")
        return redirect(_follow_merges(barrier), permanent=False)
    return render(
        request,
        "barriers/barrier_detail.html",
        {
            "barrier": barrier,
            # Built and read only when the page's fragment is not in the cache: even building
            # these querysets costs more than serving it kept.
            "occurrences": SimpleLazyObject(lambda: _occurrences_shown(barrier)),
            "more_occurrences": max(barrier.occurrence_count - OCCURRENCES_SHOWN, 0),
            "events": SimpleLazyObject(lambda: barrier.events.select_related("user")[:200]),
            "overdue": barrier.is_overdue(),
            "can_change": can_change(request.user, barrier),
            "can_merge": can_merge(request.user),
            "merged_from": SimpleLazyObject(lambda: barrier.merged_from.all()),
            "has_comments": _comments_available(),
        },
    )


def _occurrences_shown(barrier):
    occurrences = barrier.occurrences.select_related("agency", "area")
    return occurrences.prefetch_related("source_object")[:OCCURRENCES_SHOWN]


def _barrier_with_recurrence(pk):
    # Kept in the fragment cache's files: without the owner's password hash.
    return (
        Barrier.objects.with_recurrence()
        .select_related("category", "area", "fix_agency", "owner", "merged_into")
        .defer("owner__password")
        .filter(pk=pk)
        .first()
    )


def _comments_available():
    """The discussion app's `{% comments_for %}` tag, when that app provides it."""
    try:
        return find_spec("discussion.templatetags.discussion_tags") is not None
    except ModuleNotFoundError:
        return False


def barrier_edit(request, pk):
    barrier = get_object_or_404(Barrier.objects.active(), pk=pk)
    if not can_change(request.user, barrier):
        raise PermissionDenied("Only leaders and the barrier's owner can edit a barrier.")
    previous = {
        "status": barrier.status,
        "escalation_level": barrier.escalation_level,
        "response_due": barrier.response_due,
    }
    form = BarrierForm(request.POST or None, instance=barrier)
    unseen = []
    if request.method == "POST" and form.is_valid():
        unseen = hints_to_confirm(request, form, form.changed_data)
    if request.method == "POST" and form.is_valid() and not unseen:
        with transaction.atomic():
            barrier = form.save(commit=False)
            services.save_barrier_changes(
                barrier, form.changed_data, user=request.user, previous=previous
            )
            form.save_m2m()
        messages.success(request, "Barrier saved.")
        return redirect(barrier)
    fields = [(form[name], form.label_hints.get(name)) for name in form.fields]
    return render(
        request,
        "barriers/barrier_form.html",
        {"form": form, "fields": fields, "barrier": barrier, "keep_wording": unseen},
    )


OCCURRENCE_FIELDS = ("agency", "area", "date", "note")


def log_snag(request):
    """The quick form: check for similar barriers, then count it again or log it as new."""
    form = LogSnagForm(request.POST or None)
    similar = []
    unseen = []
    if request.method == "POST":
        title = request.POST.get("title", "")
        action = request.POST.get("action", "check")
        if action.startswith("same-") and action[5:].isdigit():
            # "This is the same" asks where, when and a note first; nothing is counted yet.
            barrier = get_object_or_404(Barrier.objects.active(), pk=action[5:])
            initial = {"area": barrier.area}
            initial.update({k: request.POST[k] for k in OCCURRENCE_FIELDS if request.POST.get(k)})
            return _record_again_form(request, barrier, OccurrenceForm(initial=initial))
        similar = similar_barriers(title)
        if action != "check" and form.is_valid():
            # Counting an existing barrier again saves only the note.
            saved = ["title", "description", "note"] if action == "new" else ["note"]
            unseen = hints_to_confirm(request, form, saved)
        if action != "check" and form.is_valid() and not unseen:
            data = form.cleaned_data
            place = {
                "date": data["date"],
                "agency": data["agency"],
                "area": data["area"],
                "note": data["note"],
                "user": request.user,
            }
            if action == "new":
                barrier = form.build_barrier()
                services.log_new_barrier(barrier, themes=data["themes"], **place)
                messages.success(request, f"Logged “{barrier.title}” as a new barrier. Thank you.")
                return redirect(barrier)
        if action == "check":
            # Checking is not submitting: show the suggestions, not validation errors.
            form._errors = ErrorDict()
            if not title.strip():
                messages.info(request, "Type what got in the way, then check again.")
    return render(
        request,
        "barriers/log_snag.html",
        {
            "form": form,
            "similar": similar,
            "checked": request.method == "POST",
            "keep_wording": unseen,
        },
    )


def _counted_message(request, occurrence):
    count = occurrence.barrier.occurrences.count()
    times = "time" if count == 1 else "times"
    messages.success(request, f"Counted: this barrier has now been met {count} {times}.")
    if occurrence.reopened:
        messages.warning(
            request,
            "This barrier had been resolved, so it has been reopened: it is still happening.",
        )


def record_again(request, pk):
    """From a barrier's page: "I met this too" with the same short details.

    On a merged barrier it counts on the barrier it was merged into (an old link still works).
    """
    barrier = _follow_merges(get_object_or_404(Barrier, pk=pk))
    if barrier.pk != pk and request.method != "POST":
        return redirect("barriers:record_again", pk=barrier.pk)
    form = OccurrenceForm(request.POST or None, initial={"area": barrier.area})
    unseen = []
    if request.method == "POST" and form.is_valid():
        unseen = hints_to_confirm(request, form, ["note"])
    if request.method == "POST" and form.is_valid() and not unseen:
        data = form.cleaned_data
        occurrence = services.count_again(
            barrier,
            date=data["date"],
            agency=data["agency"],
            area=data["area"],
            note=data["note"],
            user=request.user,
        )
        _counted_message(request, occurrence)
        return redirect(occurrence.barrier)
    return _record_again_form(request, barrier, form, unseen)


def _record_again_form(request, barrier, form, keep_wording=()):
    return render(
        request,
        "barriers/record_again.html",
        {"form": form, "barrier": barrier, "keep_wording": keep_wording},
    )


@require_GET
def similar(request):
    """JSON for the as-you-type suggestions on the log form."""
    results = similar_barriers(request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [
                {
                    "id": barrier.pk,
                    "title": barrier.title,
                    "status": barrier.get_status_display(),
                    "occurrences": barrier.occurrence_count,
                    "last_seen": barrier.last_seen.isoformat() if barrier.last_seen else None,
                    "url": barrier.get_absolute_url(),
                }
                for barrier in results
            ]
        }
    )


def barrier_merge(request, pk):
    duplicate = get_object_or_404(Barrier.objects.active(), pk=pk)
    if not can_merge(request.user):
        raise PermissionDenied("Only leaders and administrators can merge barriers.")
    form = MergeForm(request.POST or None, duplicate=duplicate)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        moved = services.merge_barriers(duplicate, target, user=request.user)
        messages.success(
            request,
            f"Merged “{duplicate.title}” into this barrier: {moved} occurrences moved.",
        )
        return redirect(target)
    candidates = [b for b in similar_barriers(duplicate.title, limit=6) if b.pk != duplicate.pk]
    return render(
        request,
        "barriers/barrier_merge.html",
        {"form": form, "barrier": duplicate, "candidates": candidates[:5]},
    )
