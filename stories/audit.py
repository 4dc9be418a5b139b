"""Every read and change of a participant record or its journey leaves an AccessLogEntry."""

from django.db import transaction

from audit.services import Kind, record
from common.transactions import unsynced_atomic

from .models import AccessLogEntry, Cohort, Participant, Touchpoint


def log_access(request, action, *objects):
    """Record that `request.user` did `action` to each of `objects` (cohorts, participants or
    touchpoints): every row of one request in one transaction. A read's transaction is committed
    without waiting for the disk (common.transactions); a change's or an export's waits."""
    user = request.user if request.user.is_authenticated else None
    # The path without its query string: a search term may quote a journey.
    with unsynced_atomic() if action == AccessLogEntry.Action.READ else transaction.atomic():
        return [_write(user, action, obj, request.path) for obj in objects]


@transaction.atomic
def record_access(user, action, obj, path=""):
    """The same record for work done outside a request, e.g. a management command. Both rows or
    neither, in one transaction (one commit for each read)."""
    return _write(user, action, obj, path)


def _write(user, action, obj, path):
    if isinstance(obj, Cohort):
        cohort, label = obj, obj.name
    elif isinstance(obj, Participant):
        cohort, label = obj.cohort, obj.code
    elif isinstance(obj, Touchpoint):
        cohort, label = obj.participant.cohort, f"{obj.participant.code} touchpoint"
    else:
        cohort, label = getattr(obj, "cohort", None), str(obj)[:80]
    # The site-wide audit log too, by pseudonym code: administrators see every case learning read.
    record(
        Kind.CASE_LEARNING_READ,
        user=user,
        detail=action,
        object_type=obj._meta.model_name,
        object_ref=label[:80],
        path=path,
    )
    return AccessLogEntry.objects.create(
        user=user,
        action=action,
        object_type=obj._meta.model_name,
        object_id=str(obj.pk),
        object_label=label[:80],
        cohort=cohort,
        path=path[:300],
    )
