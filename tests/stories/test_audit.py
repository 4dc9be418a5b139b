"""Every read of case learning leaves both records, or neither."""

import contextlib
from functools import partial

from django.db import connection

import pytest

from audit.models import AuditEvent
from stories import audit as stories_audit
from stories.audit import log_access, record_access
from stories.factories import ParticipantFactory
from stories.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def test_a_read_leaves_the_access_log_entry_and_the_audit_event(team_member, participant):
    record_access(team_member, AccessLogEntry.Action.READ, participant, "/case-learning/")
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.object_label, entry.cohort) == (
        team_member, participant.code, participant.cohort
    )  # fmt: skip
    assert AuditEvent.objects.filter(object_ref=participant.code).count() == 1


def test_an_access_log_that_cannot_be_written_leaves_no_audit_event_either(
    monkeypatch, team_member, participant
):
    monkeypatch.setattr("stories.audit.insert_objects", fail)
    with pytest.raises(RuntimeError):
        record_access(team_member, AccessLogEntry.Action.READ, participant)
    assert not AuditEvent.objects.filter(object_ref=participant.code).exists()


def fail(*args, **kwargs):
    raise RuntimeError("log unavailable")


def _unsynced_log_writes(monkeypatch, call):
    """For each access log row `call` writes, whether it was written inside `unsynced_atomic`
    (whose commit on each database tests/common/test_transactions.py checks)."""
    inside, written = [], []
    unsynced = stories_audit.unsynced_atomic

    @contextlib.contextmanager
    def watched():
        inside.append(True)
        try:
            with unsynced():
                yield
        finally:
            inside.pop()

    def watch(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "stories_accesslogentry"'):
            written.append(bool(inside))
        return execute(sql, params, many, context)

    monkeypatch.setattr(stories_audit, "unsynced_atomic", watched)
    with connection.execute_wrapper(watch):
        call()
    return written


def test_a_read_is_logged_without_waiting_for_the_disk_and_a_change_waits(
    monkeypatch, rf, team_client, team_member, participant
):
    read = partial(team_client.get, participant.get_absolute_url())
    assert _unsynced_log_writes(monkeypatch, read) == [True]
    request = rf.post(participant.get_absolute_url())
    request.user = team_member
    for action in (AccessLogEntry.Action.UPDATE, AccessLogEntry.Action.EXPORT):
        change = partial(log_access, request, action, participant)
        assert _unsynced_log_writes(monkeypatch, change) == [False]
    assert AccessLogEntry.objects.filter(action="read").count() == 1


def test_a_request_that_reads_several_records_logs_them_all_or_none(
    monkeypatch, rf, team_member, participant
):
    other = ParticipantFactory(cohort=participant.cohort)
    request = rf.get("/case-learning/")
    request.user = team_member
    read = AccessLogEntry.Action.READ
    log_access(request, read, participant.cohort, participant, other)
    assert list(AccessLogEntry.objects.order_by("pk").values_list("object_label", flat=True)) == [
        participant.cohort.name, participant.code, other.code
    ]  # fmt: skip
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.CASE_LEARNING_READ).count() == 3
    monkeypatch.setattr("stories.audit.insert_objects", fail)
    with pytest.raises(RuntimeError):
        log_access(request, read, participant.cohort, participant, other)
    assert AccessLogEntry.objects.count() == 3
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.CASE_LEARNING_READ).count() == 3
