from datetime import timedelta

from django.utils import timezone

import pytest

from discussion.factories import CommentFactory
from discussion.models import Comment, is_commentable
from taxonomy.models import Area

pytestmark = pytest.mark.django_db


def test_for_object_returns_only_that_objects_comments_oldest_first(barrier, practitioner):
    from barriers.models import Barrier

    other = Barrier.objects.create(title="Benefit letters arrive after the deadline")
    now = timezone.now()
    later = CommentFactory(target=barrier, author=practitioner, created_at=now)
    earlier = CommentFactory(target=barrier, author=practitioner, created_at=now - timedelta(1))
    CommentFactory(target=other, author=practitioner)

    assert list(Comment.objects.for_object(barrier)) == [earlier, later]


def test_visible_leaves_out_hidden_and_deleted(barrier, practitioner):
    shown = CommentFactory(target=barrier, author=practitioner)
    CommentFactory(target=barrier, author=practitioner, is_hidden=True, hidden_reason="Off topic")
    CommentFactory(target=barrier, author=practitioner, deleted_at=timezone.now(), body="")

    assert list(Comment.objects.for_object(barrier).visible()) == [shown]


def test_writer_can_edit_only_within_the_window(barrier, practitioner, forum_host):
    fresh = CommentFactory(target=barrier, author=practitioner)
    old = CommentFactory(
        target=barrier, author=practitioner, created_at=timezone.now() - timedelta(minutes=16)
    )

    assert fresh.can_edit(practitioner)
    assert not fresh.can_edit(forum_host), "nobody edits someone else's words"
    assert not old.can_edit(practitioner)


def test_edit_window_follows_the_setting(barrier, practitioner, settings):
    settings.DISCUSSION_EDIT_WINDOW_MINUTES = 60
    comment = CommentFactory(
        target=barrier, author=practitioner, created_at=timezone.now() - timedelta(minutes=30)
    )
    assert comment.can_edit(practitioner)


def test_hidden_or_deleted_comments_cannot_be_edited(barrier, practitioner):
    hidden = CommentFactory(target=barrier, author=practitioner, is_hidden=True)
    deleted = CommentFactory(target=barrier, author=practitioner, deleted_at=timezone.now())
    assert not hidden.can_edit(practitioner)
    assert not deleted.can_delete(practitioner)


def test_only_moderators_can_moderate(practitioner, forum_host, administrator, leader):
    assert Comment.can_moderate(forum_host)
    assert Comment.can_moderate(administrator)
    assert not Comment.can_moderate(practitioner)
    assert not Comment.can_moderate(leader)


def test_allow_list_decides_what_can_be_discussed(barrier):
    assert is_commentable(barrier)
    assert not is_commentable(Area.objects.first() or Area.objects.create(name="Test area"))
