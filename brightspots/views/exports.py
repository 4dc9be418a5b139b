"""A session's attendees as CSV, and the forum as calendars."""

import csv

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from common.spreadsheets import safe_cell

from .. import ics
from ..models import (
    ForumIndexPage,
    ForumSessionPage,
)
from .forum import _require_host, _session

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
