"""Every read of case learning leaves both records, or neither."""

import pytest

from audit.models import AuditEvent
from stories.audit import record_access
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
    def fail(*args, **kwargs):
        raise RuntimeError("log unavailable")

    monkeypatch.setattr(AccessLogEntry.objects, "create", fail)
    with pytest.raises(RuntimeError):
        record_access(team_member, AccessLogEntry.Action.READ, participant)
    assert not AuditEvent.objects.filter(object_ref=participant.code).exists()
