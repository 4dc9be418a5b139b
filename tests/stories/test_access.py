"""The permission matrix: each role against each case learning view."""

from django.urls import reverse

import pytest

from stories.access import can_read_audit_log, has_case_learning_role
from stories.models import Cohort, Participant, Touchpoint

# Every test here uses the database, some through a fixture named by a parameter: marked, so
# they run before the committed tests, which leave the tables empty (pytest-django's order).
pytestmark = pytest.mark.django_db

OUTSIDERS = ["practitioner", "forum_host", "facilitator", "leader", "administrator"]
INSIDERS = ["team_member", "case_team_member"]


def private_urls(cohort, participant, touchpoint, summary):
    return {
        "overview": reverse("stories:cohort_detail", args=[cohort.pk]),
        "cohort edit": reverse("stories:cohort_edit", args=[cohort.pk]),
        "team": reverse("stories:cohort_team", args=[cohort.pk]),
        "export": reverse("stories:cohort_export", args=[cohort.pk]),
        "add participant": reverse("stories:participant_create", args=[cohort.pk]),
        "participant": reverse("stories:participant_detail", args=[participant.pk]),
        "participant edit": reverse("stories:participant_edit", args=[participant.pk]),
        "withdraw": reverse("stories:participant_withdraw", args=[participant.pk]),
        "add touchpoint": reverse("stories:touchpoint_create", args=[participant.pk]),
        "touchpoint edit": reverse("stories:touchpoint_edit", args=[touchpoint.pk]),
        "summary edit": reverse("stories:summary_edit", args=[cohort.pk]),
        "summary draft": reverse("stories:summary_detail", args=[summary.pk]),
    }


@pytest.fixture
def urls(cohort, participant, touchpoint, summary):
    return private_urls(cohort, participant, touchpoint, summary)


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_get_not_found_on_every_cohort_url(client, request, role, urls):
    client.force_login(request.getfixturevalue(role))
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 404, name
        assert b"Page not found" in response.content, name


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_cannot_post_to_cohort_urls(client, request, role, urls, touchpoint):
    client.force_login(request.getfixturevalue(role))
    response = client.post(urls["withdraw"], {"confirm": "on"})
    assert response.status_code == 404
    response = client.post(
        urls["touchpoint edit"],
        {
            "date": "2026-03-01",
            "agency": touchpoint.agency_id,
            "kind": "other",
            "outcome": "helped",
        },
    )
    assert response.status_code == 404
    touchpoint.refresh_from_db()
    assert touchpoint.what_happened
    assert touchpoint.participant.consent_status == "given"


@pytest.mark.parametrize("role", OUTSIDERS)
def test_cohort_list_hides_the_cohort_from_outsiders(client, request, role, cohort, participant):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("stories:cohort_list"))
    assert response.status_code == 200
    assert cohort.name not in response.text
    assert participant.code not in response.text
    assert "You are not on the team of any cohort" in response.text


@pytest.mark.parametrize("role", INSIDERS)
def test_team_and_case_learning_team_see_every_cohort_view(client, request, role, urls, cohort):
    client.force_login(request.getfixturevalue(role))
    for name, url in urls.items():
        assert client.get(url).status_code == 200, name
    assert cohort.name in client.get(reverse("stories:cohort_list")).text


def test_anonymous_visitors_are_sent_to_sign_in(client, urls):
    for name, url in {**urls, "list": reverse("stories:cohort_list")}.items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("people:login")), name


@pytest.mark.parametrize("role", [*OUTSIDERS, *INSIDERS])
def test_a_published_summary_is_readable_by_every_signed_in_user(client, request, role, summary):
    summary.published = True
    summary.save()
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("stories:summary_detail", args=[summary.pk]))
    assert response.status_code == 200
    assert summary.title in response.text


@pytest.mark.parametrize("role", OUTSIDERS)
def test_removing_a_team_member_is_not_found_for_outsiders(client, request, role, cohort):
    membership = cohort.memberships.get()
    url = reverse("stories:cohort_team_remove", args=[cohort.pk, membership.pk])
    client.force_login(request.getfixturevalue(role))
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert cohort.memberships.filter(pk=membership.pk).exists()


def test_removing_a_team_member_needs_a_post_from_the_team(team_client, cohort):
    membership = cohort.memberships.get()
    url = reverse("stories:cohort_team_remove", args=[cohort.pk, membership.pk])
    assert team_client.get(url).status_code == 405
    assert cohort.memberships.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("role", [*OUTSIDERS, "team_member"])
def test_only_the_case_learning_team_may_start_a_cohort(client, request, role, case_team_member):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("stories:cohort_create")).status_code == 404
    assert (
        client.post(
            reverse("stories:cohort_create"), {"name": "Sly cohort", "status": "planning"}
        ).status_code
        == 404
    )
    assert not Cohort.objects.filter(name="Sly cohort").exists()
    client.force_login(case_team_member)
    assert client.get(reverse("stories:cohort_create")).status_code == 200


@pytest.mark.parametrize("role", [*(r for r in OUTSIDERS if r != "administrator"), *INSIDERS])
def test_audit_log_is_not_found_for_non_administrators(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("stories:audit_log")).status_code == 404


def test_administrators_read_the_audit_log_but_not_the_journeys(client, administrator, participant):
    client.force_login(administrator)
    assert client.get(reverse("stories:audit_log")).status_code == 200
    assert client.get(participant.get_absolute_url()).status_code == 404


def test_querysets_limit_to_the_team(
    team_member, case_team_member, practitioner, administrator, touchpoint
):
    cohort = touchpoint.participant.cohort
    for user in (team_member, case_team_member):
        assert list(Cohort.objects.visible_to(user)) == [cohort]
        assert list(Participant.objects.visible_to(user)) == [touchpoint.participant]
        assert list(Touchpoint.objects.visible_to(user)) == [touchpoint]
    for user in (practitioner, administrator):
        assert not Cohort.objects.visible_to(user).exists()
        assert not Participant.objects.visible_to(user).exists()
        assert not Touchpoint.objects.visible_to(user).exists()


def test_role_checks(case_team_member, administrator, practitioner):
    assert has_case_learning_role(case_team_member)
    assert not has_case_learning_role(administrator)  # superuser alone is not enough
    assert can_read_audit_log(administrator)
    assert not can_read_audit_log(case_team_member)
    assert not can_read_audit_log(practitioner)
