"""Only this module writes to the audit log; everything else calls it."""

from typing import Any

from django.http import HttpRequest

from common.bulk import insert_objects

from .models import AuditEvent

Kind = AuditEvent.Kind


def record(kind: str, **fields: Any) -> AuditEvent:
    """Add an event (the fields as `event` takes them)."""
    added = event(kind, **fields)
    added.save()
    return added


def record_all(events: list[AuditEvent]) -> None:
    """Add events made by `event` with one statement, no signals: for a caller that writes
    them beside rows of its own, in its transaction (the case learning read log)."""
    insert_objects(AuditEvent, events)


def event(kind: str, *, user: Any = None, request: HttpRequest | None = None, detail: Any = "",
          obj: Any = None, object_type: str = "", object_ref: Any = "",
          path: str = "") -> AuditEvent:  # fmt: skip
    """An unsaved event. `request` gives the path (never the query string, which may hold search
    words); `obj` gives the record's type and id unless `object_ref` says what to show."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if obj is not None:
        object_type = object_type or obj._meta.model_name
        object_ref = object_ref or obj.pk
    if request is not None:
        path = request.path
    return AuditEvent(
        kind=kind,
        user=user,
        detail=str(detail)[:200],
        object_type=object_type[:40],
        object_ref=str(object_ref)[:80],
        path=path[:300],
    )
