from django.urls import reverse

import pytest

from discussion.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_empty_thread_shows_the_form(barrier, practitioner, render_thread):
    html = render_thread(barrier, practitioner)
    assert "No comments yet" in html
    assert 'action="/comments/barriers.barrier/' in html
    assert '<label for="id_body">Your comment' in html
    assert "csrfmiddlewaretoken" in html


def test_markdown_is_rendered_and_scripts_are_removed(barrier, practitioner, render_thread):
    CommentFactory(
        target=barrier,
        author=practitioner,
        body=(
            "**Worked** <script>alert(1)</script> [x](javascript:alert(2)) "
            "<img src=x onerror=alert(3)>"
        ),
    )
    html = render_thread(barrier, practitioner)
    assert "<strong>Worked</strong>" in html
    assert "<script>alert" not in html
    assert "javascript:" not in html
    assert "onerror" not in html


def test_replies_are_nested_under_their_comment(barrier, practitioner, forum_host, render_thread):
    top = CommentFactory(target=barrier, author=forum_host, body="Top level")
    CommentFactory(target=barrier, author=practitioner, parent=top, body="A reply")
    html = render_thread(barrier, practitioner)
    replies = html.split('class="discussion__replies')[1]
    assert "A reply" in replies
    assert "(2 comments)" in html


def test_edit_and_delete_links_only_on_own_fresh_comments(
    barrier, practitioner, forum_host, render_thread
):
    mine = CommentFactory(target=barrier, author=practitioner)
    theirs = CommentFactory(target=barrier, author=forum_host)
    html = render_thread(barrier, practitioner)
    assert f"/comments/{mine.pk}/edit/" in html
    assert f"/comments/{theirs.pk}/edit/" not in html
    assert "/hide/" not in html


def test_moderators_see_hide_links(barrier, practitioner, forum_host, render_thread):
    comment = CommentFactory(target=barrier, author=practitioner)
    assert f"/comments/{comment.pk}/hide/" in render_thread(barrier, forum_host)


def test_signed_out_readers_of_a_public_page_see_no_names_or_comments(
    barrier, practitioner, render_thread
):
    from django.contrib.auth.models import AnonymousUser

    CommentFactory(target=barrier, author=practitioner, body="Only for staff eyes")
    html = render_thread(barrier, AnonymousUser())
    assert "Sign in</a> to read and join the discussion" in html
    assert "Only for staff eyes" not in html
    assert str(practitioner) not in html
    assert "<form" not in html


def test_thread_queries_do_not_grow_with_comments(
    barrier, practitioner, forum_host, render_thread, django_assert_max_num_queries
):
    for _ in range(3):
        top = CommentFactory(target=barrier, author=practitioner)
        CommentFactory(target=barrier, author=forum_host, parent=top)
    render_thread(barrier, practitioner)  # warm caches (content types, permissions)
    with django_assert_max_num_queries(8) as few:
        render_thread(barrier, practitioner)
    for _ in range(10):
        top = CommentFactory(target=barrier, author=practitioner)
        CommentFactory(target=barrier, author=forum_host, parent=top)
    with django_assert_max_num_queries(len(few.captured_queries)):
        render_thread(barrier, practitioner)


def test_objects_not_on_the_allow_list_render_nothing(practitioner, render_thread):
    assert render_thread(practitioner, practitioner).strip() == ""


def test_headings_in_comments_sit_below_the_discussion_heading(
    barrier, practitioner, render_thread
):
    CommentFactory(target=barrier, author=practitioner, body="# Big\n\n### Small\n\ntext")
    html = render_thread(barrier, practitioner)
    assert "<h4>Big</h4>" in html
    assert "<h5>Small</h5>" in html


# The thread kept for everyone of one audience (common.fragments) ----------------------------


def reader(user, **kwargs):
    from django.test import Client

    client = Client(**kwargs)
    client.force_login(user)
    return client


def colleague_of(user):
    from people import roles
    from people.factories import UserFactory

    return UserFactory(roles=[roles.PRACTITIONER], agency=user.agency)


def barrier_page(client, barrier):
    response = client.get(f"/barriers/{barrier.pk}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.usefixtures("fragment_cache")
def test_a_kept_thread_gives_each_reader_their_own_working_csrf_token(
    barrier, practitioner, forum_host
):
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from common import fragments
    from discussion.models import Comment

    CommentFactory(target=barrier, author=forum_host, body="Ring the duty desk first")
    barrier_page(reader(practitioner), barrier)  # kept for the practitioners' audience
    colleague = reader(colleague_of(practitioner), enforce_csrf_checks=True)
    with CaptureQueriesContext(connection) as queries:
        page = barrier_page(colleague, barrier)
    assert "Ring the duty desk first" in page
    assert not any("discussion_comment" in q["sql"] for q in queries), "served from the cache"
    assert fragments.CSRF_STAND_IN not in page
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
    assert tokens and "" not in tokens
    # The token in the kept thread's reply form is the colleague's own: their reply is taken.
    comment = Comment.objects.get()
    response = colleague.post(
        reverse("discussion:reply", args=[comment.pk]),
        {f"reply-{comment.pk}-body": "We did that too", "csrfmiddlewaretoken": tokens.pop()},
    )
    assert response.status_code == 302
    assert Comment.objects.filter(body="We did that too").exists()


@pytest.mark.usefixtures("fragment_cache")
def test_the_writer_gets_their_edit_links_and_no_one_else_does(barrier, practitioner):
    colleague = reader(colleague_of(practitioner))
    mine = CommentFactory(target=barrier, author=practitioner, body="A care-of address worked")
    edit = reverse("discussion:edit", args=[mine.pk])
    assert edit not in barrier_page(colleague, barrier)  # kept for the audience first
    assert edit in barrier_page(reader(practitioner), barrier)
    assert edit not in barrier_page(colleague, barrier)


@pytest.mark.usefixtures("fragment_cache")
def test_a_new_comment_shows_at_once_in_a_kept_thread(barrier, practitioner, forum_host, committed):
    colleague = reader(colleague_of(practitioner))
    assert "No comments yet" in barrier_page(colleague, barrier)
    with committed():
        reader(forum_host).post(
            reverse("discussion:add", args=["barriers.barrier", barrier.pk]),
            {"body": "The housing desk takes walk-ins on Tuesdays"},
        )
    assert "The housing desk takes walk-ins on Tuesdays" in barrier_page(colleague, barrier)


@pytest.mark.usefixtures("fragment_cache")
def test_a_refused_comment_comes_back_to_its_writer_only(barrier, practitioner, forum_host):
    CommentFactory(target=barrier, author=forum_host)
    colleague = reader(colleague_of(practitioner))
    barrier_page(colleague, barrier)  # kept for the audience first
    writer = reader(practitioner)
    typed = "We rang Mr John Smith on 07700 900123 and it worked."
    writer.post(reverse("discussion:add", args=["barriers.barrier", barrier.pk]), {"body": typed})
    assert typed in barrier_page(writer, barrier)
    assert typed not in barrier_page(colleague, barrier)
    assert typed not in barrier_page(writer, barrier), "shown once"
