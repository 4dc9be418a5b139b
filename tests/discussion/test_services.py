import pytest

from barriers.models import Barrier
from discussion import services
from discussion.factories import CommentFactory
from discussion.models import CommentRevision

pytestmark = pytest.mark.django_db


def test_reply_to_a_reply_joins_the_top_level_thread(barrier, practitioner, forum_host):
    top = services.add_comment(barrier, author=practitioner, body="Seen this in Southwark too.")
    reply = services.add_comment(barrier, author=forum_host, body="Which team?", parent=top)
    reply_to_reply = services.add_comment(
        barrier, author=practitioner, body="The housing options team.", parent=reply
    )

    assert reply.parent == top
    assert reply_to_reply.parent == top, "replies go one level deep"


def test_reply_must_be_on_the_same_object(barrier, practitioner):
    other = Barrier.objects.create(title="Another snag")
    top = CommentFactory(target=other, author=practitioner)
    with pytest.raises(services.ValidationError, match="same page"):
        services.add_comment(barrier, author=practitioner, body="Hello", parent=top)


def test_edit_keeps_the_previous_text_in_the_audit_trail(barrier, practitioner):
    comment = CommentFactory(target=barrier, author=practitioner, body="First try")
    services.edit_comment(comment, user=practitioner, body="Second try")

    comment.refresh_from_db()
    assert comment.body == "Second try"
    assert comment.edited_at is not None
    assert [(r.action, r.body) for r in comment.revisions.all()] == [
        (CommentRevision.Action.EDITED, "First try")
    ]


def test_delete_is_soft_and_replies_stay(barrier, practitioner, forum_host):
    comment = CommentFactory(target=barrier, author=practitioner, body="Regret this")
    reply = CommentFactory(target=barrier, author=forum_host, parent=comment)
    services.delete_comment(comment, user=practitioner)

    comment.refresh_from_db()
    assert comment.body == ""
    assert comment.is_deleted
    assert comment.revisions.get().body == "Regret this"
    assert list(comment.replies.all()) == [reply]


def test_hide_records_who_why_and_the_text(barrier, practitioner, forum_host):
    comment = CommentFactory(target=barrier, author=practitioner, body="Off topic rant")
    services.hide_comment(comment, user=forum_host, reason="Please keep to the barrier")

    comment.refresh_from_db()
    assert comment.is_hidden
    assert comment.hidden_by == forum_host
    revision = comment.revisions.get()
    assert revision.action == CommentRevision.Action.HIDDEN
    assert revision.body == "Off topic rant"
    assert revision.note == "Please keep to the barrier"


def test_unhide_shows_it_again_and_is_recorded(barrier, practitioner, forum_host):
    comment = CommentFactory(target=barrier, author=practitioner)
    services.hide_comment(comment, user=forum_host, reason="Check first")
    services.unhide_comment(comment, user=forum_host)

    comment.refresh_from_db()
    assert not comment.is_hidden
    assert comment.hidden_reason == ""
    assert [r.action for r in comment.revisions.all()] == ["hidden", "unhidden"]


def test_practitioner_cannot_hide(barrier, practitioner):
    comment = CommentFactory(target=barrier, author=practitioner)
    with pytest.raises(services.PermissionDenied):
        services.hide_comment(comment, user=practitioner, reason="I do not like it")
