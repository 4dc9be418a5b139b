"""Every read of case learning leaves both records, or neither."""

from functools import partial

from django.db import connection

import pytest

from audit.models import AuditEvent
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


def _levels_of_log_writes(call):
    """SQLite's synchronous level in force as each access log row was written by `call`."""
    levels = []

    def watch(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "stories_accesslogentry"'):
            levels.append(connection.connection.execute("PRAGMA synchronous").fetchone()[0])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        call()
    return levels


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's PRAGMA synchronous")
def test_a_read_is_logged_without_waiting_for_the_disk_and_a_change_waits(
    rf, team_client, team_member, participant
):
    full, normal = 2, 1
    assert _levels_of_log_writes(lambda: team_client.get(participant.get_absolute_url())) == [
        normal
    ]
    assert connection.connection.execute("PRAGMA synchronous").fetchone()[0] == full
    request = rf.post(participant.get_absolute_url())
    request.user = team_member
    for action in (AccessLogEntry.Action.UPDATE, AccessLogEntry.Action.EXPORT):
        assert _levels_of_log_writes(partial(log_access, request, action, participant)) == [full]
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
