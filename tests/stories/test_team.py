"""Only the cohort's lead (or an administrator who can see it) changes its team; audited."""

from django.urls import reverse

import pytest

from audit.models import AuditEvent
from people import roles
from people.factories import UserFactory
from stories.models import CohortMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert(cohort):
    user = UserFactory(roles=[roles.PRACTITIONER])
    CohortMembership.objects.create(
        cohort=cohort, user=user, role=CohortMembership.Role.EXPERT_BY_EXPERIENCE
    )
    return user


def test_a_team_member_who_is_not_the_lead_cannot_add_or_remove(
    client, cohort, expert, practitioner
):
    client.force_login(expert)
    page = client.get(reverse("stories:cohort_team", args=[cohort.pk]))
    assert page.status_code == 200
    assert "Add to team" not in page.text
    refused = client.post(
        reverse("stories:cohort_team", args=[cohort.pk]),
        {"user": practitioner.pk, "role": "expert_by_experience"},
    )
    assert refused.status_code == 403
    lead = cohort.memberships.get(role=CohortMembership.Role.LEAD_PRACTITIONER)
    removed = client.post(reverse("stories:cohort_team_remove", args=[cohort.pk, lead.pk]))
    assert removed.status_code == 403
    assert cohort.memberships.count() == 2
    assert AuditEvent.objects.filter(kind="permission_denied", user=expert).count() == 2


def test_a_forum_host_outside_the_team_cannot_add_anyone(client, cohort, forum_host, practitioner):
    client.force_login(forum_host)
    response = client.post(
        reverse("stories:cohort_team", args=[cohort.pk]),
        {"user": practitioner.pk, "role": "lead_practitioner"},
    )
    assert response.status_code == 404
    assert not cohort.memberships.filter(user=practitioner).exists()


def test_the_lead_adds_and_removes_and_both_are_audited(
    team_client, team_member, cohort, practitioner
):
    team_client.post(
        reverse("stories:cohort_team", args=[cohort.pk]),
        {"user": practitioner.pk, "role": "expert_by_experience"},
    )
    membership = cohort.memberships.get(user=practitioner)
    team_client.post(reverse("stories:cohort_team_remove", args=[cohort.pk, membership.pk]))
    details = list(
        AuditEvent.objects.filter(kind="membership", user=team_member)
        .order_by("at", "pk")
        .values_list("detail", flat=True)
    )
    assert details == [
        f"Added {practitioner.username} as Expert by experience",
        f"Removed {practitioner.username} (Expert by experience)",
    ]


def test_an_administrator_in_the_case_learning_team_manages_any_team(client, cohort, practitioner):
    admin = UserFactory(roles=[roles.ADMINISTRATOR, roles.CASE_LEARNING_TEAM])
    client.force_login(admin)
    client.post(
        reverse("stories:cohort_team", args=[cohort.pk]),
        {"user": practitioner.pk, "role": "expert_by_experience"},
    )
    assert cohort.memberships.filter(user=practitioner).exists()
