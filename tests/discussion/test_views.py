from datetime import timedelta

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

import pytest

from discussion.factories import CommentFactory
from discussion.models import Comment

pytestmark = pytest.mark.django_db


def messages_of(response):
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def add_url(obj, label="barriers.barrier"):
    return reverse("discussion:add", args=[label, obj.pk])


def test_signed_in_user_adds_a_comment_and_lands_on_it(client, practitioner, barrier):
    client.force_login(practitioner)
    response = client.post(add_url(barrier), {"body": "We tried a *care of* address."})

    comment = Comment.objects.get()
    assert comment.author == practitioner
    assert comment.content_object == barrier
    assert response.status_code == 302
    assert response.url.endswith(f"#comment-{comment.pk}")


def test_writing_hints_do_not_block_and_are_passed_on(client, practitioner, barrier):
    client.force_login(practitioner)
    response = client.post(add_url(barrier), {"body": "He is no non-engager, just tired."})

    assert Comment.objects.count() == 1
    assert "Writing hint: ‘non-engager’" in messages_of(response)


def test_signed_out_visitor_is_sent_to_sign_in(client, barrier):
    response = client.post(add_url(barrier), {"body": "Hello"})
    assert response.status_code == 302
    assert "sign-in" in response.url
    assert not Comment.objects.exists()


def test_comments_are_not_open_on_other_kinds_of_object(client, practitioner):
    from taxonomy.models import Area

    area = Area.objects.first() or Area.objects.create(name="Test area")
    client.force_login(practitioner)
    response = client.post(add_url(area, label="taxonomy.area"), {"body": "Hello"})
    assert response.status_code == 404
    response = client.post(add_url(area, label="people.user"), {"body": "Hello"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_missing_object_is_404(client, practitioner):
    client.force_login(practitioner)
    url = reverse("discussion:add", args=["barriers.barrier", 999999])
    assert client.post(url, {"body": "Hello"}).status_code == 404


def test_get_is_not_allowed_on_add(client, practitioner, barrier):
    client.force_login(practitioner)
    assert client.get(add_url(barrier)).status_code == 405


def test_privacy_guard_refuses_and_keeps_the_typed_text(
    client, practitioner, barrier, render_thread
):
    client.force_login(practitioner)
    typed = "We rang Mr John Smith on 07700 900123 and it worked."
    response = client.post(add_url(barrier), {"body": typed}, follow=False)

    assert response.status_code == 302
    assert response.url.endswith("#discussion-add")
    assert not Comment.objects.exists()
    html = render_thread(barrier, practitioner, client)
    assert "We rang Mr John Smith on 07700 900123 and it worked." in html
    assert "Remove the phone number" in html
    assert 'aria-invalid="true"' in html or "error-message" in html
    # The kept text shows once; the next visit starts clean.
    assert "07700 900123" not in render_thread(barrier, practitioner, client)


def test_over_long_comment_gets_a_clear_message_and_text_is_kept(
    client, practitioner, barrier, render_thread
):
    client.force_login(practitioner)
    typed = "word " * 1100
    client.post(add_url(barrier), {"body": typed})

    html = render_thread(barrier, practitioner, client)
    assert "Keep your comment to 5,000 characters or fewer" in html
    assert "word word word" in html
    assert not Comment.objects.exists()


def test_reply_and_reply_to_reply_attach_to_the_top_level(
    client, practitioner, forum_host, barrier
):
    top = CommentFactory(target=barrier, author=forum_host)
    reply = CommentFactory(target=barrier, author=forum_host, parent=top)
    client.force_login(practitioner)

    response = client.post(
        reverse("discussion:reply", args=[reply.pk]), {f"reply-{top.pk}-body": "Same here."}
    )

    new = Comment.objects.latest("id")
    assert new.parent == top
    assert response.url.endswith(f"#comment-{new.pk}")


def test_reply_with_an_error_keeps_the_text_in_that_reply_box(
    client, practitioner, forum_host, barrier, render_thread
):
    top = CommentFactory(target=barrier, author=forum_host)
    client.force_login(practitioner)
    client.post(
        reverse("discussion:reply", args=[top.pk]),
        {f"reply-{top.pk}-body": "Ring 07700 900123"},
    )

    html = render_thread(barrier, practitioner, client)
    assert f'id="comment-{top.pk}-reply"' in html
    assert '<details class="discussion__reply" open>' in html
    assert "Ring 07700 900123" in html
    assert Comment.objects.count() == 1


def test_reply_to_a_hidden_comment_is_refused_with_a_message(
    client, practitioner, forum_host, barrier
):
    top = CommentFactory(target=barrier, author=forum_host, is_hidden=True)
    client.force_login(practitioner)
    response = client.post(
        reverse("discussion:reply", args=[top.pk]),
        {f"reply-{top.pk}-body": "Why was this hidden?"},
    )
    assert "no longer takes replies" in messages_of(response)
    assert Comment.objects.count() == 1


def test_writer_edits_own_comment_within_the_window(client, practitioner, barrier):
    comment = CommentFactory(target=barrier, author=practitioner, body="Typo here")
    client.force_login(practitioner)
    url = reverse("discussion:edit", args=[comment.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert "Typo here" in page.content.decode()
    assert f'action="{url}"' in page.content.decode()

    response = client.post(url, {"body": "Fixed it"})
    comment.refresh_from_db()
    assert comment.body == "Fixed it"
    assert response.url.endswith(f"#comment-{comment.pk}")
    assert comment.revisions.get().body == "Typo here"


def test_edit_after_the_window_keeps_the_new_text_and_explains(client, practitioner, barrier):
    comment = CommentFactory(
        target=barrier,
        author=practitioner,
        body="Old words",
        created_at=timezone.now() - timedelta(minutes=20),
    )
    client.force_login(practitioner)
    response = client.post(reverse("discussion:edit", args=[comment.pk]), {"body": "New words"})

    assert response.status_code == 400
    content = response.content.decode()
    assert "New words" in content
    assert "can only be changed for 15 minutes" in content
    comment.refresh_from_db()
    assert comment.body == "Old words"


def test_edit_page_after_the_window_redirects_with_a_message(client, practitioner, barrier):
    comment = CommentFactory(
        target=barrier, author=practitioner, created_at=timezone.now() - timedelta(minutes=20)
    )
    client.force_login(practitioner)
    response = client.get(reverse("discussion:edit", args=[comment.pk]))
    assert response.url.endswith(f"#comment-{comment.pk}")
    assert "can only be changed for 15 minutes" in messages_of(response)


def test_nobody_edits_or_deletes_someone_elses_comment(client, practitioner, forum_host, barrier):
    comment = CommentFactory(target=barrier, author=forum_host, body="Host words")
    client.force_login(practitioner)
    assert (
        client.post(reverse("discussion:edit", args=[comment.pk]), {"body": "x"}).status_code == 403
    )
    assert client.post(reverse("discussion:delete", args=[comment.pk])).status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Host words"
    assert not comment.is_deleted


def test_edit_with_an_identifier_is_refused_and_text_kept(client, practitioner, barrier):
    comment = CommentFactory(target=barrier, author=practitioner, body="Fine words")
    client.force_login(practitioner)
    response = client.post(
        reverse("discussion:edit", args=[comment.pk]), {"body": "Email me at jo@example.org"}
    )
    assert response.status_code == 400
    assert "jo@example.org" in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "Fine words"


def test_writer_deletes_own_comment_and_replies_stay(
    client, practitioner, forum_host, barrier, render_thread
):
    comment = CommentFactory(target=barrier, author=practitioner, body="Secret sauce recipe")
    CommentFactory(target=barrier, author=forum_host, parent=comment, body="Thanks for this")
    client.force_login(practitioner)
    url = reverse("discussion:delete", args=[comment.pk])

    confirm = client.get(url).content.decode()
    assert "Delete your comment?" in confirm
    assert f'action="{url}"' in confirm
    client.post(url)

    html = render_thread(barrier, forum_host)
    assert "Comment deleted by its author" in html
    assert "Secret sauce recipe" not in html
    assert "Thanks for this" in html
    assert comment.revisions.get().body == "Secret sauce recipe"


def test_delete_after_the_window_is_refused(client, practitioner, barrier):
    comment = CommentFactory(
        target=barrier, author=practitioner, created_at=timezone.now() - timedelta(minutes=16)
    )
    client.force_login(practitioner)
    client.post(reverse("discussion:delete", args=[comment.pk]))
    comment.refresh_from_db()
    assert not comment.is_deleted


def test_host_hides_with_a_reason_writer_sees_it_others_do_not_see_text(
    client, practitioner, forum_host, leader, barrier, render_thread
):
    comment = CommentFactory(target=barrier, author=practitioner, body="Rant about a colleague")
    client.force_login(forum_host)
    url = reverse("discussion:hide", args=[comment.pk])
    assert client.get(url).status_code == 200

    response = client.post(url, {"reason": "Barriers name services, never staff"})
    assert response.url.endswith(f"#comment-{comment.pk}")

    writer_view = render_thread(barrier, practitioner)
    assert "Hidden by a forum host: Barriers name services, never staff" in writer_view
    assert "Rant about a colleague" not in writer_view

    reader_view = render_thread(barrier, leader)
    assert "A comment was hidden by a moderator" in reader_view
    assert "Rant about a colleague" not in reader_view
    assert "Barriers name services" not in reader_view

    assert comment.revisions.get().body == "Rant about a colleague"


def test_hide_needs_a_reason(client, practitioner, forum_host, barrier):
    comment = CommentFactory(target=barrier, author=practitioner)
    client.force_login(forum_host)
    response = client.post(reverse("discussion:hide", args=[comment.pk]), {"reason": "  "})
    assert response.status_code == 400
    assert "Give a reason" in response.content.decode()
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_practitioner_cannot_hide_or_unhide(client, practitioner, forum_host, barrier):
    comment = CommentFactory(target=barrier, author=forum_host)
    client.force_login(practitioner)
    hide_url = reverse("discussion:hide", args=[comment.pk])
    assert client.get(hide_url).status_code == 403
    assert client.post(hide_url, {"reason": "I disagree"}).status_code == 403
    assert client.post(reverse("discussion:unhide", args=[comment.pk])).status_code == 403
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_administrator_unhides(client, practitioner, administrator, barrier, render_thread):
    comment = CommentFactory(
        target=barrier, author=practitioner, body="Useful after all", is_hidden=True
    )
    client.force_login(administrator)
    client.post(reverse("discussion:unhide", args=[comment.pk]))
    assert "Useful after all" in render_thread(barrier, practitioner)
