"""iCalendar files for forum sessions (RFC 5545), with times in Europe/London."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from common.markdown import markdown_to_text

LONDON = ZoneInfo("Europe/London")
PRODID = "-//Bright Spots//Forum sessions//EN"


def event_for(session, request, private=True):
    """One VEVENT. `private` adds the joining link, which only signed-in people may see."""
    event = Event()
    event.add("uid", f"{session.external_id}@{request.get_host().split(':')[0]}")
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", session.starts_at.astimezone(LONDON))
    event.add("dtend", session.ends_at.astimezone(LONDON))
    event.add("summary", session.title)
    event.add("sequence", session.revisions.count())
    if session.last_published_at:
        event.add("last-modified", session.last_published_at.astimezone(UTC))
    url = request.build_absolute_uri(session.url)
    event.add("url", url)
    where = session.place
    if private and session.joining_link:
        where = f"{where} · {session.joining_link}" if where else session.joining_link
    if where:
        event.add("location", where)
    description = [session.theme, markdown_to_text(session.description), f"Details: {url}"]
    event.add("description", "\n\n".join(part for part in description if part))
    event.add("status", "CONFIRMED")
    return event


def calendar_for(sessions, request, private=True):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Bright Spots forum")
    calendar.add("x-wr-timezone", "Europe/London")
    for session in sessions:
        calendar.add_component(event_for(session, request, private=private))
    calendar.add_missing_timezones()
    return calendar.to_ical()
