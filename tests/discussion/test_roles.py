import pytest

pytestmark = pytest.mark.django_db


def test_forum_hosts_and_administrators_moderate(forum_host, practitioner):
    from people.factories import UserFactory
    from people.roles import ADMINISTRATOR

    plain_admin = UserFactory(username="plainadmin", roles=[ADMINISTRATOR])
    assert forum_host.has_perm("discussion.moderate_comment")
    assert plain_admin.has_perm("discussion.moderate_comment")
    assert not practitioner.has_perm("discussion.moderate_comment")
