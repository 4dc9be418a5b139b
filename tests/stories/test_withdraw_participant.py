import io

from django.core.management import CommandError, call_command

import pytest

from stories.models import AccessLogEntry, Participant

from .conftest import JOURNEY_WORD


def run(*args):
    out = io.StringIO()
    call_command("withdraw_participant", *args, stdout=out)
    return out.getvalue()


def test_withdraws_by_code_and_logs_who_did_it(administrator, participant, touchpoint):
    output = run(participant.code.lower(), "--by", administrator.username)
    assert f"Consent withdrawn for {participant.code}" in output
    participant.refresh_from_db()
    touchpoint.refresh_from_db()
    assert participant.consent_status == Participant.Consent.WITHDRAWN
    assert participant.alias == ""
    assert touchpoint.what_happened == ""
    entry = AccessLogEntry.objects.get(action="withdraw")
    assert entry.user == administrator
    assert "withdraw_participant" in entry.path
    assert "already withdrawn" in run(participant.code, "--by", administrator.username)


def test_dry_run_changes_nothing(administrator, participant, touchpoint):
    output = run(participant.code, "--by", administrator.username, "--dry-run")
    assert "Would withdraw" in output
    touchpoint.refresh_from_db()
    assert JOURNEY_WORD in touchpoint.what_happened
    assert not AccessLogEntry.objects.exists()


def test_unknown_code_or_user_is_an_error(administrator, participant):
    with pytest.raises(CommandError, match="No participant has the code WA-ZZZZ"):
        run("WA-ZZZZ", "--by", administrator.username)
    with pytest.raises(CommandError, match="No user has the username nobody"):
        run(participant.code, "--by", "nobody")
