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
