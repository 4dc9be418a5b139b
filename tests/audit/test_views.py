import csv
import io

from django.urls import reverse

import pytest

from audit.models import AuditEvent
from stories.factories import CohortFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_sign_ins_denials_and_case_learning_reads_are_listed_for_administrators(
    client, administrator, practitioner, case_team_member
):
    client.post("/sign-in/", {"username": "practitioner", "password": "password"})
    client.get("/insights/")  # 403 for a practitioner
    client.post("/sign-out/")
    participant = ParticipantFactory(cohort=CohortFactory(), alias="Quillane")
    client.force_login(case_team_member)
    client.get(participant.get_absolute_url())
    client.force_login(administrator)
    page = client.get(reverse("audit:list")).text
    for label in ["Signed in", "Permission denied", "Signed out", "Case learning read or changed"]:
        assert label in page
    assert participant.code in page
    assert "Quillane" not in page


def test_filtered_csv_export_has_the_same_rows(client, administrator, practitioner):
    client.post("/sign-in/", {"username": "practitioner", "password": "wrong"})
    client.post("/sign-in/", {"username": "practitioner", "password": "wrong"})
    client.force_login(administrator)
    response = client.get(reverse("audit:export"), {"kind": "sign_in_failed"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["when", "what", "account", "detail", "record type", "record", "path"]
    assert [row[1:4] for row in rows[1:]] == [
        ["Sign-in failed", "practitioner", "Wrong password"]
    ] * 2


@pytest.mark.parametrize("role", ["practitioner", "leader", "case_team_member", "forum_host"])
def test_nobody_else_finds_the_audit_log(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("audit:list")).status_code == 404
    assert client.get(reverse("audit:export")).status_code == 404


def test_no_query_strings_are_kept(client, practitioner):
    client.force_login(practitioner)
    client.get("/insights/", {"q": "secret words"})
    assert AuditEvent.objects.get(kind="permission_denied").path == "/insights/"
