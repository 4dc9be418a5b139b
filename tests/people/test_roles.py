import re
from fnmatch import fnmatch
from pathlib import Path

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


def _documented_permissions():
    """role -> the permission patterns in docs/roles.md's "Permissions each group holds" table."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "roles.md").read_text()
    section = text.split("## Permissions each group holds", 1)[1].split("\n## ", 1)[0]
    documented = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 2 or cells[0] not in roles.ROLES:
            continue
        patterns = set()
        for code in re.findall(r"`([a-z_]+\.[a-z_{},*]+)`", cells[1]):
            braces = re.fullmatch(r"([a-z_]+\.)\{([a-z,]+)\}(_[a-z_*]+)", code)
            if braces:
                head, actions, tail = braces.groups()
                patterns.update(f"{head}{action}{tail}" for action in actions.split(","))
            else:
                patterns.add(code)
        documented[cells[0]] = patterns
    return documented


def test_docs_list_exactly_the_permissions_each_group_holds():
    documented = _documented_permissions()
    assert set(documented) == set(roles.ROLES)
    for role in roles.ROLES:
        held = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in Group.objects.get(name=role).permissions.select_related("content_type")
        }
        patterns = documented[role]
        undocumented = {p for p in held if not any(fnmatch(p, pat) for pat in patterns)}
        assert not undocumented, f"{role} holds permissions docs/roles.md does not list"
        stale = {pat for pat in patterns if "*" not in pat and pat not in held}
        assert not stale, f"docs/roles.md lists permissions {role} does not hold: {stale}"
