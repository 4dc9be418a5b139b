"""Front-end views for sharing Bright Spots and running the forum, one module per job; logic
lives in the services."""

from .exports import attendees_csv, forum_calendar, forum_calendar_url, session_ics
from .forum import (
    cancel_registration,
    manage_session,
    new_session,
    next_session,
    record_session,
    register,
)
from .spots import edit, mine, moderate, moderation_preview, submit

__all__ = [
    "attendees_csv",
    "cancel_registration",
    "edit",
    "forum_calendar",
    "forum_calendar_url",
    "manage_session",
    "mine",
    "moderate",
    "moderation_preview",
    "new_session",
    "next_session",
    "record_session",
    "register",
    "session_ics",
    "submit",
]
