from django.urls import reverse

import pytest

from barriers.factories import BarrierFactory

pytestmark = pytest.mark.django_db


def test_leader_role_can_change_and_merge(leader):
    assert leader.has_perm("barriers.change_barrier")
    assert leader.has_perm("barriers.merge_barrier")
    assert not leader.has_perm("barriers.delete_barrier")


def test_practitioner_has_no_barrier_management_permissions(practitioner):
    assert not practitioner.has_perm("barriers.change_barrier")
    assert not practitioner.has_perm("barriers.merge_barrier")


def test_leader_sees_barriers_in_the_admin(client, leader):
    BarrierFactory(title="Shown in the admin")
    client.force_login(leader)
    response = client.get(reverse("wagtailsnippets_barriers_barrier:list"))
    assert response.status_code == 200
    assert "Shown in the admin" in response.content.decode()


@pytest.fixture
def post_admin_edit(client, leader, barrier_edit_data):
    """Post the barrier's admin edit form as a leader, with `changes`."""
    client.force_login(leader)

    def post(barrier, **changes):
        url = reverse("wagtailsnippets_barriers_barrier:edit", args=[barrier.pk])
        return client.post(url, barrier_edit_data(barrier, **changes))

    return post


def test_admin_edit_runs_the_privacy_guard_and_rules(post_admin_edit):
    barrier = BarrierFactory()
    response = post_admin_edit(barrier, status="resolved", description="Ring 07700 900123")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Say how the barrier was resolved before marking it resolved." in page
    assert "07700 900123" in page and "phone number" in page
    barrier.refresh_from_db()
    assert barrier.status == "open"


def test_admin_edit_records_history(post_admin_edit):
    barrier = BarrierFactory()
    response = post_admin_edit(barrier, status="resolved", resolution_note="Protocol agreed")
    assert response.status_code == 302
    barrier.refresh_from_db()
    assert barrier.resolved_at is not None
    assert barrier.events.filter(detail="Status changed from open to resolved").exists()
