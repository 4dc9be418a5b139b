"""Sharing a Bright Spot: submitting, editing, one's own list, and moderation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from people import roles

from .. import submissions
from ..forms import (
    BrightSpotForm,
    ModerationForm,
)
from ..models import (
    BrightSpotPage,
)

PREFILL_FIELDS = ("title", "summary", "what_happened")


def _bright_spot_form_view(request, page=None):
    if request.method == "POST":
        form = BrightSpotForm(request.POST)
        action = request.POST.get("action", "draft")
        if action == "preview":
            form.is_valid()
            return _render_form(request, form, page, preview=form.preview())
        if form.is_valid():
            saved = submissions.save_draft(form.cleaned_data, request.user, page=page)
            if action == "submit":
                submissions.submit(saved, request.user)
                messages.success(
                    request, "Submitted. A forum host will review it; we will email you."
                )
            else:
                messages.success(request, "Saved as a draft. Submit it when it is ready.")
            return redirect("brightspots:mine")
    elif page is not None:
        form = BrightSpotForm(
            initial=submissions.initial_from(page.get_latest_revision_as_object())
        )
    else:
        initial = {
            name: request.GET[name][:5000] for name in PREFILL_FIELDS if request.GET.get(name)
        }
        form = BrightSpotForm(initial=initial)
    return _render_form(request, form, page)


def _render_form(request, form, page, preview=None):
    return render(
        request,
        "brightspots/bright_spot_form.html",
        {"form": form, "editing": page, "preview": preview},
    )


def submit(request):
    return _bright_spot_form_view(request)


def edit(request, page_id):
    page = get_object_or_404(BrightSpotPage, pk=page_id, submitted_by=request.user)
    current = submissions.submission(page)
    if not current.editable:
        messages.error(
            request, f"This Bright Spot cannot be edited now: {current.status_label.lower()}."
        )
        return redirect("brightspots:mine")
    return _bright_spot_form_view(request, page=page)


def mine(request):
    return render(
        request,
        "brightspots/my_submissions.html",
        {"submissions": submissions.submissions_for(request.user)},
    )


def _require_moderator(request):
    if not request.user.has_role(roles.FORUM_HOST):
        raise PermissionDenied("Only forum hosts moderate Bright Spots.")


def _decide(request, page, form):
    """Record a valid moderation decision; True when it was taken."""
    try:
        submissions.moderate(
            page, request.user, form.cleaned_data["action"], form.cleaned_data["comment"]
        )
    except PermissionError as error:
        messages.error(request, str(error))
        return False
    messages.success(request, f"Done: {page.draft_title}.")
    return True


def moderate(request):
    """Forum hosts' queue of submitted Bright Spots, with the same actions as the admin."""
    _require_moderator(request)
    forms_by_page = {}
    if request.method == "POST":
        page_id = request.POST.get("page", "")
        # A hand-made request may send anything: what is not an id is no Bright Spot (404).
        page = get_object_or_404(BrightSpotPage, pk=page_id if page_id.isdecimal() else None)
        form = ModerationForm(request.POST, prefix=f"m{page.pk}")
        if form.is_valid():
            _decide(request, page, form)
            return redirect("brightspots:moderate")
        forms_by_page[page.pk] = form
    queue = [
        (state, page, forms_by_page.get(page.pk) or ModerationForm(prefix=f"m{page.pk}"))
        for state, page in submissions.moderation_queue(request.user)
    ]
    return render(request, "brightspots/moderate.html", {"queue": queue})


def moderation_preview(request, page_id):
    """A submission in full, as it would be published, with the decision form beneath it."""
    _require_moderator(request)
    queued = {page.pk: (state, page) for state, page in submissions.moderation_queue(request.user)}
    if page_id not in queued:
        raise Http404("This Bright Spot is not waiting for you to moderate it.")
    state, page = queued[page_id]
    form = ModerationForm(request.POST or None, prefix=f"m{page.pk}")
    if request.method == "POST" and form.is_valid():
        _decide(request, BrightSpotPage.objects.get(pk=page.pk), form)
        return redirect("brightspots:moderate")
    return render(
        request,
        "brightspots/moderation_preview.html",
        {"page": page, "state": state, "form": form, "preview": True},
    )
