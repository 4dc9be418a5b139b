import pytest

from discussion import services
from discussion.factories import CommentFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/discussion/comment/"


def admin_page(client, user, url):
    """The text of the admin page at `url` as `user` sees it; it must open."""
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_hosts_see_every_comment_including_hidden_ones(client, forum_host, practitioner, barrier):
    CommentFactory(target=barrier, author=practitioner, body="Plain useful comment")
    hidden = CommentFactory(target=barrier, author=practitioner, body="Rude remark about a team")
    services.hide_comment(hidden, user=forum_host, reason="Keep it kind")

    content = admin_page(client, forum_host, LIST_URL)

    assert "Plain useful comment" in content
    assert "Rude remark about a team" in content
    assert "Hidden" in content


def test_inspect_shows_the_audit_trail(client, forum_host, practitioner, barrier):
    comment = CommentFactory(target=barrier, author=practitioner, body="First words")
    services.edit_comment(comment, user=practitioner, body="Second words")
    services.hide_comment(comment, user=forum_host, reason="Not about the barrier")

    content = admin_page(client, forum_host, f"{LIST_URL}inspect/{comment.pk}/")

    assert "First words" in content
    assert "Second words" in content
    assert "Not about the barrier" in content


def test_the_admin_list_is_read_only(client, administrator, practitioner, barrier):
    comment = CommentFactory(target=barrier, author=practitioner, body="Keep me")
    client.force_login(administrator)

    assert client.get(f"{LIST_URL}add/").status_code in (302, 403)
    client.post(f"{LIST_URL}edit/{comment.pk}/", {"body": "Changed"})
    client.post(f"{LIST_URL}delete/{comment.pk}/")
    comment.refresh_from_db()
    assert comment.body == "Keep me"


def test_practitioners_cannot_open_the_list(client, practitioner):
    client.force_login(practitioner)
    response = client.get(LIST_URL)
    assert response.status_code in (302, 403)
