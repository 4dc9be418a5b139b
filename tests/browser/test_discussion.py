"""Discussion in a real browser: hostile comments execute nothing; threads pass axe."""

import pytest

from barriers.models import Barrier
from discussion import services
from discussion.factories import CommentFactory
from tests.browser.conftest import describe

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAYLOADS = [
    "<script>window.__pwned = 'script'</script>",
    '<img src="x" onerror="window.__pwned = \'img\'">',
    "[click me](javascript:window.__pwned='link')",
    "<svg onload=\"window.__pwned = 'svg'\"></svg>",
    "<a href=\"javascript:window.__pwned='anchor'\">anchor</a>",
    "<iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>",
    "<details open ontoggle=\"window.__pwned='details'\">x</details>",
    "**bold** <style>body{display:none}</style> `<b>code</b>`",
]


@pytest.fixture
def barrier(forum_host):
    return Barrier.objects.create(
        title="Housing forms only accept a fixed address",
        description="The online form will not submit without a fixed address.",
        owner=forum_host,
    )


def barrier_url(barrier):
    return f"/barriers/{barrier.pk}/"


def test_hostile_comment_executes_nothing(page, sign_in, practitioner, barrier):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(practitioner)
    page.goto(barrier_url(barrier))

    page.get_by_label("Your comment").fill("\n\n".join(PAYLOADS))
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_load_state()

    assert page.get_by_text("Your comment is posted.").is_visible()
    body = page.locator(".comment__body").first
    assert body.locator("strong", has_text="bold").count() == 1
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.locator(".discussion script, .discussion iframe, .discussion svg").count() == 0
    assert page.locator(".discussion [onerror], .discussion [onload]").count() == 0
    assert page.locator('.discussion a[href^="javascript"]').count() == 0
    assert page.locator("body").is_visible(), "an injected <style> must not hide the page"
    # Clicking what was meant as a javascript: link still runs nothing.
    for link in page.locator(".comment__body a").all():
        link.click(no_wait_after=True)
    assert page.evaluate("window.__pwned") is None


def test_refused_comment_keeps_the_typed_text(page, sign_in, practitioner, barrier):
    sign_in(practitioner)
    page.goto(barrier_url(barrier))
    typed = "We phoned Mr John Smith on 07700 900123 and it helped."

    page.get_by_label("Your comment").fill(typed)
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_load_state()

    assert page.get_by_label("Your comment").input_value() == typed
    assert page.locator(".error-message", has_text="Remove the phone number").first.is_visible()


def test_thread_with_replies_and_moderation_is_accessible(
    page, sign_in, practitioner, forum_host, barrier, axe_violations
):
    top = CommentFactory(target=barrier, author=forum_host, body="Has anyone found a way round?")
    CommentFactory(target=barrier, author=practitioner, parent=top, body="A care-of address.")
    hidden = CommentFactory(target=barrier, author=practitioner, body="Off-topic remark")
    services.hide_comment(hidden, user=forum_host, reason="Please keep to the barrier")
    CommentFactory(target=barrier, author=practitioner, body="My fresh comment, *editable*.")

    sign_in(practitioner)
    page.goto(barrier_url(barrier))
    assert page.get_by_text("Hidden by a forum host: Please keep to the barrier").is_visible()
    assert page.get_by_text("Off-topic remark").count() == 0
    page.get_by_text(f"Reply to {forum_host}", exact=True).click()
    assert page.get_by_label(f"Your reply to {forum_host}").is_visible()
    assert page.get_by_role("heading", level=1).count() == 1
    assert axe_violations() == [], describe(axe_violations())

    page.get_by_role("link", name="Edit your comment").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1, name="Edit your comment").is_visible()
    assert axe_violations() == [], describe(axe_violations())


def test_host_hides_a_comment_with_a_reason(page, sign_in, practitioner, forum_host, barrier):
    comment = CommentFactory(target=barrier, author=practitioner, body="Names a duty worker")
    sign_in(forum_host)
    page.goto(barrier_url(barrier))

    page.get_by_role("link", name=f"Hide the comment by {practitioner}").click()
    page.get_by_role("button", name="Hide comment").click()
    assert page.get_by_text("Give a reason").first.is_visible()
    page.get_by_label("Why are you hiding this comment?").fill("Name the service, not staff")
    page.get_by_role("button", name="Hide comment").click()
    page.wait_for_load_state()

    assert page.url.endswith(f"#comment-{comment.pk}")
    assert page.get_by_text("Names a duty worker").count() == 0
