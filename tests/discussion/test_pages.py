"""Discussion on Wagtail pages: Bright Spots and forum sessions."""

from django.core import mail
from django.urls import reverse

import pytest

from brightspots.factories import BrightSpotPageFactory, ForumSessionPageFactory
from discussion.models import Comment
from people.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_comment_on_a_bright_spot_returns_to_the_page_and_tells_the_submitter(
    client, practitioner, django_capture_on_commit_callbacks
):
    submitter = UserFactory(username="submitter")
    spot = BrightSpotPageFactory(submitted_by=submitter, owner=UserFactory(username="editor"))
    client.force_login(practitioner)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("discussion:add", args=["brightspots.brightspotpage", spot.pk]),
            {"body": "We tried this in Southwark too."},
        )

    comment = Comment.objects.get()
    assert response.url == f"{spot.url}#comment-{comment.pk}"
    assert [m.to for m in mail.outbox] == [[submitter.email]]


def test_forum_session_without_a_submitter_tells_its_page_owner(
    client, practitioner, django_capture_on_commit_callbacks
):
    owner = UserFactory(username="pageowner")
    session = ForumSessionPageFactory(owner=owner)
    client.force_login(practitioner)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("discussion:add", args=["brightspots.forumsessionpage", session.pk]),
            {"body": "Will the slides be shared?"},
        )

    assert [m.to for m in mail.outbox] == [[owner.email]]


def test_unpublished_pages_cannot_be_discussed(client, practitioner):
    draft = BrightSpotPageFactory(live=False)
    client.force_login(practitioner)
    response = client.post(
        reverse("discussion:add", args=["brightspots.brightspotpage", draft.pk]),
        {"body": "Early thoughts"},
    )
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_index_pages_are_not_on_the_allow_list(client, practitioner):
    from brightspots.models import BrightSpotIndexPage

    index = BrightSpotIndexPage.objects.get()
    client.force_login(practitioner)
    response = client.post(
        reverse("discussion:add", args=["brightspots.brightspotindexpage", index.pk]),
        {"body": "Hello"},
    )
    assert response.status_code == 404
