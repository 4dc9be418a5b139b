"""Every read and change of a participant record or its journey leaves an AccessLogEntry."""

from django.db import transaction

from audit.services import Kind, event, record_all
from common.bulk import insert_objects
from common.transactions import unsynced_atomic

from .models import AccessLogEntry, Cohort, Participant, Touchpoint


def log_access(request, action, *objects):
    """Record that `request.user` did `action` to each of `objects` (cohorts, participants or
    touchpoints): every row of one request in one transaction. A read's transaction is committed
    without waiting for the disk (common.transactions); a change's or an export's waits."""
    user = request.user if request.user.is_authenticated else None
    # The path without its query string: a search term may quote a journey.
    with unsynced_atomic() if action == AccessLogEntry.Action.READ else transaction.atomic():
        _write(user, action, objects, request.path)


@transaction.atomic
def record_access(user, action, obj, path=""):
    """The same record for work done outside a request, e.g. a management command. Both rows or
    neither, in one transaction."""
    _write(user, action, [obj], path)


def _write(user, action, objects, path):
    """Each object's access log entry and its twin in the site-wide audit log (by pseudonym
    code: administrators see every case learning read), one statement for each table."""
    entries = []
    for obj in objects:
        if isinstance(obj, Cohort):
            cohort, label = obj, obj.name
        elif isinstance(obj, Participant):
            cohort, label = obj.cohort, obj.code
        elif isinstance(obj, Touchpoint):
            cohort, label = obj.participant.cohort, f"{obj.participant.code} touchpoint"
        else:
            cohort, label = getattr(obj, "cohort", None), str(obj)[:80]
        entries.append(
            AccessLogEntry(
                user=user,
                action=action,
                object_type=obj._meta.model_name,
                object_id=str(obj.pk),
                object_label=label[:80],
                cohort=cohort,
                path=path[:300],
            )
        )
    record_all(
        [
            event(
                Kind.CASE_LEARNING_READ,
                user=user,
                detail=action,
                object_type=entry.object_type,
                object_ref=entry.object_label,
                path=path,
            )
            for entry in entries
        ]
    )
    insert_objects(AccessLogEntry, entries)
