from datetime import timedelta

from django.utils import timezone

import pytest

from brightspots.factories import BrightSpotPageFactory
from discussion import whats_new
from discussion.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_latest_visible_comments_newest_first(barrier, practitioner, forum_host):
    now = timezone.now()
    CommentFactory(
        target=barrier,
        author=practitioner,
        body="Older *note*",
        created_at=now - timedelta(hours=2),
    )
    newer = CommentFactory(target=barrier, author=forum_host, body="Newer note", created_at=now)
    CommentFactory(target=barrier, author=practitioner, body="Hidden words", is_hidden=True)
    CommentFactory(target=barrier, author=practitioner, body="", deleted_at=now)

    card = whats_new.items(practitioner, limit=5)

    assert [item["title"] for item in card["items"]] == ["Newer note", "Older note"]
    assert card["items"][0]["meta"].startswith(f"{forum_host} on {barrier.title}")
    assert card["items"][0]["url"].endswith(f"#comment-{newer.pk}")


def test_comments_on_unpublished_pages_are_left_out(practitioner):
    draft = BrightSpotPageFactory(live=False)
    CommentFactory(target=draft, author=practitioner, body="On a draft")
    assert whats_new.items(practitioner)["items"] == []
