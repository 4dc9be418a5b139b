"""Front-end views for sharing Bright Spots and running the forum. Logic lives in the services."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from common.spreadsheets import safe_cell
from people import roles

from . import agenda, ics, registrations, submissions
from .forms import (
    AgendaItemForm,
    BrightSpotForm,
    FollowUpActionFormSet,
    ForumSessionForm,
    ModerationForm,
    RegisterColleagueForm,
    SessionRecordForm,
)
from .models import (
    BrightSpotPage,
    ForumIndexPage,
    ForumSessionPage,
    Registration,
    same_weekday_next_month,
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
        page = get_object_or_404(BrightSpotPage, pk=request.POST.get("page"))
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


# Forum -------------------------------------------------------------------------------------


def _session(page_id):
    return get_object_or_404(ForumSessionPage.objects.live(), pk=page_id)


def _require_host(request, session=None):
    allowed = request.user.has_role(roles.FORUM_HOST) or (
        session is not None and session.hosts.filter(pk=request.user.pk).exists()
    )
    if not allowed:
        raise PermissionDenied("Only forum hosts can do this.")


@require_POST
def register(request, page_id):
    session = _session(page_id)
    try:
        registration = registrations.register(session, request.user)
    except registrations.RegistrationError as error:
        messages.error(request, str(error))
    else:
        if registration.status == Registration.Status.REGISTERED:
            messages.success(
                request, "You are registered. We will email a reminder the day before."
            )
        else:
            messages.success(
                request,
                "The session is full, so you are on the waiting list. We will email you if a "
                "place comes free.",
            )
    return redirect(session.url)


@require_POST
def cancel_registration(request, page_id):
    session = _session(page_id)
    registration = get_object_or_404(Registration, session=session, user=request.user)
    registrations.cancel(registration)
    messages.success(request, "Your registration is cancelled.")
    return redirect(session.url)


def next_session(request, page_id):
    """Create next month's session from this one: same weekday of the month, time and place."""
    _require_host(request)
    last = _session(page_id)
    if request.method == "POST":
        form = ForumSessionForm(request.POST)
        if form.is_valid():
            session = _create_session(last.get_parent(), form.cleaned_data, request.user)
            messages.success(request, f"{session.title} is scheduled and published.")
            return redirect(session.url)
    else:
        starts_at = same_weekday_next_month(last.starts_at)
        # When a month or more was skipped, offer the next date still ahead, not a past one.
        while starts_at <= timezone.now():
            starts_at = same_weekday_next_month(starts_at)
        duration = last.ends_at - last.starts_at
        closes = None
        if last.presentations_close_on:
            gap = timezone.localdate(last.starts_at) - last.presentations_close_on
            closes = timezone.localdate(starts_at) - gap
        form = ForumSessionForm(
            initial={
                "title": f"Bright Spots forum: {starts_at:%B %Y}",
                "starts_at": starts_at,
                "ends_at": starts_at + duration,
                "format": last.format,
                "place": last.place,
                "joining_link": last.joining_link,
                "hosts": list(last.hosts.all()),
                "call_for_presentations": last.call_for_presentations,
                "presentations_close_on": closes,
                "capacity": last.capacity,
            }
        )
    return render(request, "brightspots/session_form.html", {"form": form, "last": last})


def new_session(request):
    """Schedule a session from scratch (the first one, or one that copies nothing)."""
    _require_host(request)
    index = get_object_or_404(ForumIndexPage.objects.live())
    if request.method == "POST":
        form = ForumSessionForm(request.POST)
        if form.is_valid():
            session = _create_session(index, form.cleaned_data, request.user)
            messages.success(request, f"{session.title} is scheduled and published.")
            return redirect(session.url)
    else:
        form = ForumSessionForm(initial={"hosts": [request.user], "capacity": 40})
    return render(request, "brightspots/session_form.html", {"form": form, "last": None})


@transaction.atomic
def _create_session(index, data, user):
    index = index.specific
    session = ForumSessionPage(owner=user, **{k: v for k, v in data.items() if k != "hosts"})
    session.hosts.set(data["hosts"])
    base = f"{data['starts_at']:%Y-%m}"
    session.slug = base
    n = 1
    while index.get_children().filter(slug=session.slug).exists():
        n += 1
        session.slug = f"{base}-{n}"
    index.add_child(instance=session)
    session.save_revision(user=user, log_action=True).publish(
        user=user, skip_permission_checks=True
    )
    return session


def record_session(request, page_id):
    """After the session: attendance, notes, lessons, barriers raised and follow-up actions."""
    session = _session(page_id)
    _require_host(request, session)
    people = list(session.registrations.active().select_related("user"))
    actions = session.follow_up_actions.all()
    if request.method == "POST":
        form = SessionRecordForm(request.POST, registrations=people)
        formset = FollowUpActionFormSet(request.POST, queryset=actions, prefix="actions")
        if form.is_valid() and formset.is_valid():
            _save_record(session, form.cleaned_data, formset, people, request.user)
            messages.success(request, "Saved the record of this session.")
            return redirect(session.url)
    else:
        form = SessionRecordForm(
            registrations=people,
            initial={
                "attended": [str(r.pk) for r in people if r.attended],
                "notes": session.notes,
                "lessons": session.lessons,
                "barriers": list(session.barriers.all()),
            },
        )
        formset = FollowUpActionFormSet(queryset=actions, prefix="actions")
    return render(
        request,
        "brightspots/session_record.html",
        {"session": session, "form": form, "formset": formset},
    )


@transaction.atomic
def _save_record(session, data, formset, people, user):
    attended = set(data["attended"])
    for registration in people:
        registration.attended = str(registration.pk) in attended
        registration.save(update_fields=["attended"])
    draft = session.get_latest_revision_as_object()
    draft.notes, draft.lessons = data["notes"], data["lessons"]
    draft.barriers.set(data["barriers"])
    draft.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
    for action in formset.save(commit=False):
        action.session = session
        action.save()
    for action in formset.deleted_objects:
        action.delete()


def manage_session(request, page_id):
    """The host's page for a session: agenda, registrations, a colleague's place, the export."""
    session = _session(page_id)
    _require_host(request, session)
    agenda_form = AgendaItemForm(session=session, prefix="agenda")
    colleague_form = RegisterColleagueForm(session=session, prefix="colleague")
    if request.method == "POST":
        form_name = request.POST.get("form")
        if form_name == "agenda":
            agenda_form = AgendaItemForm(request.POST, session=session, prefix="agenda")
            if agenda_form.is_valid():
                return _agenda_change(request, session, agenda.add, **agenda_form.cleaned_data)
        elif form_name == "colleague":
            colleague_form = RegisterColleagueForm(
                request.POST, session=session, prefix="colleague"
            )
            if colleague_form.is_valid():
                return _register_colleague(request, session, colleague_form.cleaned_data)
        else:
            return _agenda_step(request, session)
    return render(
        request,
        "brightspots/session_manage.html",
        {
            "session": session,
            "agenda": session.agenda_items.select_related("bright_spot", "presenter"),
            "agenda_form": agenda_form,
            "colleague_form": colleague_form,
            "registrations": session.registrations.active()
            .select_related("user", "user__agency")
            .order_by("status", "status_changed_at", "pk"),
        },
    )


def _agenda_change(request, session, change, *args, **kwargs):
    try:
        change(session, request.user, *args, **kwargs)
    except agenda.AgendaError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The agenda is updated.")
    return redirect(reverse("brightspots:manage_session", args=[session.pk]) + "#agenda-heading")


def _agenda_step(request, session):
    """Move up, move down or remove: buttons named `up`, `down` or `remove`, valued by spot."""
    for name, change, extra in (
        ("up", agenda.move, (-1,)),
        ("down", agenda.move, (1,)),
        ("remove", agenda.remove, ()),
    ):
        value = request.POST.get(name, "")
        if value.isdigit():
            return _agenda_change(request, session, change, int(value), *extra)
    messages.error(request, "Choose what to change on the agenda.")
    return redirect("brightspots:manage_session", session.pk)


def _register_colleague(request, session, data):
    colleague = data["colleague"]
    name = colleague.get_full_name() or colleague.username
    try:
        registration = registrations.register(session, colleague)
    except registrations.RegistrationError as error:
        messages.error(request, f"{name}: {error}")
    else:
        if registration.status == Registration.Status.REGISTERED:
            messages.success(request, f"{name} is registered.")
        else:
            messages.success(request, f"The session is full, so {name} is on the waiting list.")
    return redirect(
        reverse("brightspots:manage_session", args=[session.pk]) + "#registrations-heading"
    )


ATTENDEE_COLUMNS = ("Name", "Email", "Agency", "Status", "Registered", "Attended")


def attendees_csv(request, page_id):
    """Everyone registered or waiting, as CSV; typed text never runs as a spreadsheet formula."""
    session = _session(page_id)
    _require_host(request, session)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{session.slug}-attendees.csv"'
    writer = csv.writer(response)
    writer.writerow(ATTENDEE_COLUMNS)
    rows = session.registrations.active().select_related("user", "user__agency")
    for registration in rows.order_by("status", "status_changed_at", "pk"):
        user = registration.user
        attended = {True: "yes", False: "no"}.get(registration.attended, "")
        writer.writerow(
            safe_cell(str(cell))
            for cell in (
                user.get_full_name() or user.username,
                user.email,
                user.agency or "",
                registration.get_status_display(),
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
                attended,
            )
        )
    return response


# Calendars and feeds -----------------------------------------------------------------------


def _calendar_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def session_ics(request, page_id):
    session = _session(page_id)
    return _calendar_response(
        ics.calendar_for([session], request, private=True), f"{session.slug}.ics"
    )


@login_not_required
def forum_calendar(request):
    """Subscribable: calendar apps cannot sign in, so joining links are left out."""
    index = ForumIndexPage.objects.live().first()
    sessions = ForumSessionPage.objects.live()
    if index:
        sessions = sessions.child_of(index)
    private = request.user.is_authenticated
    return _calendar_response(
        ics.calendar_for(sessions.order_by("starts_at"), request, private=private),
        "bright-spots-forum.ics",
    )


def forum_calendar_url():
    return reverse("brightspots:forum_calendar")
