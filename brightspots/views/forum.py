"""Running the forum: registering, planning, recording and managing sessions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from people import roles

from .. import agenda, registrations
from ..forms import (
    AgendaItemForm,
    FollowUpActionFormSet,
    ForumSessionForm,
    RegisterColleagueForm,
    SessionRecordForm,
)
from ..models import (
    ForumIndexPage,
    ForumSessionPage,
    Registration,
    same_weekday_next_month,
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
