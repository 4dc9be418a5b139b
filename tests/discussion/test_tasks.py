from django.core import mail
from django.urls import reverse

import pytest

from discussion import services
from discussion.factories import CommentFactory
from discussion.notifications import object_followers, recipients_for
from people.factories import UserFactory

pytestmark = pytest.mark.django_db


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_new_comment_emails_owner_creator_and_earlier_commenters_once_each(
    client,
    barrier,
    barrier_owner,
    barrier_creator,
    practitioner,
    forum_host,
    django_capture_on_commit_callbacks,
):
    CommentFactory(target=barrier, author=forum_host)
    CommentFactory(target=barrier, author=forum_host)
    CommentFactory(target=barrier, author=barrier_owner)  # also an earlier commenter
    client.force_login(practitioner)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("discussion:add", args=["barriers.barrier", barrier.pk]),
            {"body": "Seen this *snag* in Lewisham this week."},
        )

    assert recipients() == sorted([barrier_owner.email, barrier_creator.email, forum_host.email])
    message = mail.outbox[0]
    assert message.subject == f"New comment on {barrier.title}"
    assert "Seen this snag in Lewisham this week." in message.body
    assert "#comment-" in message.body


def test_writer_is_never_emailed_about_their_own_comment(
    barrier, barrier_creator, barrier_owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.add_comment(barrier, author=barrier_creator, body="Update: still happening.")
    assert recipients() == [barrier_owner.email]


def test_people_without_email_or_inactive_are_skipped(barrier, barrier_owner, practitioner):
    barrier_owner.email = ""
    barrier_owner.save()
    gone = UserFactory(username="gone", is_active=False)
    CommentFactory(target=barrier, author=gone)
    comment = CommentFactory(target=barrier, author=practitioner)
    assert [p.username for p in recipients_for(comment)] == ["barriercreator"]


def test_later_commenters_are_not_told_about_earlier_comments(barrier, practitioner, forum_host):
    first = CommentFactory(target=barrier, author=practitioner)
    CommentFactory(target=barrier, author=forum_host)
    assert forum_host not in recipients_for(first)


def test_a_model_can_name_its_own_followers(barrier, leader, monkeypatch):
    monkeypatch.setattr(
        type(barrier), "get_discussion_followers", lambda self: [leader], raising=False
    )
    assert object_followers(barrier) == [leader]


def test_pages_fall_back_to_their_owner_when_nobody_submitted_them(practitioner):
    class FakePage:
        submitted_by = None
        owner = practitioner

        def get_url(self):
            return "/bright-spots/x/"

    assert object_followers(FakePage()) == [practitioner]


def test_hidden_before_sending_means_no_email(barrier, practitioner, forum_host):
    from discussion.tasks import notify_new_comment

    comment = CommentFactory(target=barrier, author=practitioner, is_hidden=True)
    assert notify_new_comment.call(comment.pk) == 0
    assert mail.outbox == []


def test_comment_on_a_forum_session_reaches_its_hosts(
    client, practitioner, forum_host, django_capture_on_commit_callbacks
):
    from brightspots.factories import ForumSessionPageFactory

    scheduler = UserFactory(username="scheduler")
    session = ForumSessionPageFactory(hosts=[forum_host], owner=scheduler)
    client.force_login(practitioner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("discussion:add", args=["brightspots.forumsessionpage", session.pk]),
            {"body": "Can we hear more about the hospital discharge one next time?"},
        )
    assert recipients() == sorted([forum_host.email, scheduler.email])
