from django.contrib.auth.models import Group

import pytest

from people import roles

pytestmark = pytest.mark.django_db


def test_every_role_is_a_group():
    names = set(Group.objects.values_list("name", flat=True))
    assert set(roles.ROLES) <= names


def test_only_staff_roles_reach_the_admin():
    def can_access_admin(role):
        return Group.objects.get(name=role).permissions.filter(codename="access_admin").exists()

    assert not can_access_admin(roles.PRACTITIONER)
    assert not can_access_admin(roles.CASE_LEARNING_TEAM)
    assert can_access_admin(roles.FORUM_HOST)
    assert can_access_admin(roles.LEADER)


def test_administrators_can_edit_the_taxonomy(administrator, practitioner):
    group = Group.objects.get(name=roles.ADMINISTRATOR)
    assert group.permissions.filter(codename="change_principle").exists()
    assert not practitioner.has_perm("taxonomy.change_principle")


def test_sync_is_idempotent():
    group = Group.objects.get(name=roles.ADMINISTRATOR)
    before = set(group.permissions.values_list("pk", flat=True))
    roles.sync_roles()
    roles.sync_roles()
    assert set(group.permissions.values_list("pk", flat=True)) == before
