from django.urls import reverse

from stories.factories import ParticipantReadFactory


def test_administrators_see_the_access_log_in_the_admin_read_only(
    client, administrator, participant
):
    ParticipantReadFactory(user=administrator, participant=participant)
    client.force_login(administrator)
    index = client.get(reverse("case_learning_access_log:index"))
    assert index.status_code == 200
    assert participant.code in index.text
    assert client.get(reverse("case_learning_access_log:add")).status_code in (302, 403)


def test_other_roles_cannot_open_the_admin_log(client, case_team_member):
    client.force_login(case_team_member)
    response = client.get(reverse("case_learning_access_log:index"))
    assert response.status_code in (302, 403)
