"""Hostile input through the real Bright Spot form, previewed and published, executes nothing.

The payloads: the list below and the generated corpus in tests/common/hostile.py (over 400).
"""

import pytest

from brightspots import submissions
from brightspots.factories import BrightSpotPageFactory, ForumSessionPageFactory
from brightspots.models import BrightSpotPage
from taxonomy.models import Principle
from tests.browser.conftest import describe
from tests.common.hostile import corpus

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Every payload tries to set window.__xss or open a dialog.
PAYLOADS = [
    "<script>window.__xss=1</script>",
    "<SCRIPT SRC=data:text/javascript,window.__xss=1></SCRIPT>",
    '<img src=x onerror="window.__xss=1">',
    "<img src=x onerror=alert(1)>",
    '<svg onload="window.__xss=1">',
    "<svg><script>window.__xss=1</script></svg>",
    '<body onload="window.__xss=1">',
    '<iframe src="javascript:window.__xss=1"></iframe>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    "[click](javascript:window.__xss=1)",
    "[click](JaVaScRiPt:window.__xss=1)",
    "[click](javascript&#58;window.__xss=1)",
    "[click](&#106;avascript:window.__xss=1)",
    "[click](  javascript:window.__xss=1)",
    "[click](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![img](javascript:window.__xss=1)",
    '![img](x" onerror="window.__xss=1)',
    '[x](https://example.org "title\\" onmouseover=\\"window.__xss=1")',
    '<a href="javascript:window.__xss=1">link</a>',
    '<a href="https://example.org" onclick="window.__xss=1">link</a>',
    '<a href="data:text/html,<script>window.__xss=1</script>">data</a>',
    '<details open ontoggle="window.__xss=1">',
    '<math><mi xlink:href="javascript:window.__xss=1">x</mi></math>',
    '<object data="javascript:window.__xss=1"></object>',
    '<embed src="javascript:window.__xss=1">',
    "<style>@import 'javascript:window.__xss=1';</style>",
    '<div style="background:url(javascript:window.__xss=1)">styled</div>',
    '<input autofocus onfocus="window.__xss=1">',
    '<form action="javascript:window.__xss=1"><button>go</button></form>',
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    "<<script>script>window.__xss=1<</script>/script>",
    "<img src=x onerror=window.__xss=1//",
    '<p title="</p><script>window.__xss=1</script>">',
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "&#60;img src=x onerror=window.__xss=1&#62;",
    "`<script>window.__xss=1</script>`",
    "```\n<script>window.__xss=1</script>\n```",
    "<!--><script>window.__xss=1</script>-->",
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
    '<base href="javascript:window.__xss=1//">',
    "| a | b |\n|---|---|\n| <img src=x onerror=window.__xss=1> | [x](javascript:window.__xss=1) |",
    "> <svg/onload=window.__xss=1>\n> **unclosed *markdown [link(",
]

MARKDOWN_FIELDS = ["What happened", "What made the difference", "Where else it could apply",
                   "Evidence"]  # fmt: skip


# Anything in the page body that could run script: elements, event attributes, unsafe URLs.
UNSAFE_DOM = """() => {
  const found = [];
  const main = document.querySelector("main");
  main.querySelectorAll("script, iframe, object, embed, svg, math, style, base, meta")
    .forEach(el => {
      // Our own scripts (site JS files) are expected; anything else is not.
      if (el.tagName === "SCRIPT" && (el.getAttribute("src") || "").startsWith("/static/")) return;
      found.push(el.outerHTML.slice(0, 80));
    });
  main.querySelectorAll("*").forEach(el => {
    for (const attr of el.attributes) {
      const value = attr.value.trim().toLowerCase();
      if (attr.name.startsWith("on") || attr.name === "style" || attr.name === "srcdoc"
          || /^(javascript|data|vbscript):/.test(value)) {
        found.push(el.tagName + " " + attr.name + "=" + attr.value.slice(0, 60));
      }
    }
  });
  return found;
}"""


def _watch(page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def _assert_nothing_ran(page, dialogs):
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.evaluate("() => typeof window.__xss") == "undefined"


def test_hostile_markdown_executes_nothing_in_preview_or_published_page(
    page, sign_in, practitioner, forum_host
):
    dialogs = _watch(page)
    sign_in(practitioner)
    page.goto("/bright-spots/submit/")
    page.get_by_label("Title").fill("Hostile input <script>window.__xss=1</script>")
    page.get_by_label("Summary").fill('<img src=x onerror="window.__xss=1"> summary')
    payloads = PAYLOADS + corpus()
    chunks = [payloads[i :: len(MARKDOWN_FIELDS)] for i in range(len(MARKDOWN_FIELDS))]
    for label, chunk in zip(MARKDOWN_FIELDS, chunks, strict=True):
        page.get_by_label(label, exact=True).fill("\n\n".join(chunk))
    page.get_by_role("button", name="Preview").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Preview").is_visible()
    _assert_nothing_ran(page, dialogs)
    assert page.evaluate(UNSAFE_DOM.replace('"main"', '"#preview"')) == []
    # Nothing typed was lost by the preview.
    assert "onerror" in page.get_by_label("Summary").input_value()

    page.get_by_role("button", name="Submit for moderation").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="My submissions").is_visible()
    _assert_nothing_ran(page, dialogs)

    spot = BrightSpotPage.objects.get()
    submissions.moderate(spot, forum_host, "approve")
    spot.refresh_from_db()
    assert spot.live
    assert spot.what_happened.count("__xss") > 5
    page.goto(spot.url)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hostile input")
    _assert_nothing_ran(page, dialogs)
    assert page.evaluate(UNSAFE_DOM) == []
    # The index and the feed are also safe.
    page.goto("/bright-spots/")
    _assert_nothing_ran(page, dialogs)


def test_submission_form_is_accessible(page, sign_in, practitioner, axe_violations):
    sign_in(practitioner)
    page.goto("/bright-spots/submit/")
    assert page.get_by_role("heading", level=1).count() == 1
    assert axe_violations() == [], describe(axe_violations())
    # With errors: each is tied to its field.
    page.get_by_role("button", name="Save as draft").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    assert axe_violations() == [], describe(axe_violations())


def test_bright_spot_and_session_pages_are_accessible(page, sign_in, practitioner, axe_violations):
    one = Principle.objects.get(number=1)
    spot = BrightSpotPageFactory(
        principles=[one], persons_own_words="They listened first.", involvement="consented"
    )
    BrightSpotPageFactory(principles=[one])
    session = ForumSessionPageFactory()
    sign_in(practitioner)
    for url in (spot.url, "/bright-spots/", session.url, "/forum/", "/bright-spots/mine/"):
        page.goto(url)
        assert page.get_by_role("heading", level=1).count() == 1, url
        assert axe_violations() == [], (url, describe(axe_violations()))


def test_host_schedules_registers_and_follows_up(page, sign_in, forum_host, axe_violations):
    from datetime import timedelta

    from django.utils import timezone

    starts = timezone.localtime(timezone.now() + timedelta(days=3)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    last = ForumSessionPageFactory(
        title="This month", starts_at=starts, ends_at=starts + timedelta(minutes=90),
        hosts=[forum_host],
    )  # fmt: skip
    sign_in(forum_host)
    page.goto(last.url)
    page.get_by_role("link", name="Schedule next month's session from this one").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Schedule next month's session"
    assert axe_violations() == [], describe(axe_violations())
    page.get_by_role("button", name="Create and publish the session").click()
    page.wait_for_load_state()
    assert "is scheduled and published" in page.content()
    page.get_by_role("button", name="Register").click()
    page.wait_for_load_state()
    assert page.get_by_text("You are registered.").first.is_visible()
    page.get_by_role("link", name="Record attendance, notes and actions").click()
    page.wait_for_load_state()
    assert axe_violations() == [], describe(axe_violations())
    page.get_by_label(forum_host.get_full_name()).check()
    page.get_by_label("Notes").fill("Two Bright Spots, **lively** questions.")
    page.locator("#id_actions-0-text").fill("Send the slides round")
    page.get_by_role("button", name="Save the record").click()
    page.wait_for_load_state()
    assert page.get_by_role("cell", name="Send the slides round").is_visible()
    assert page.locator("strong", has_text="lively").is_visible()


def test_moderation_queue_is_accessible(page, sign_in, practitioner, forum_host, axe_violations):
    sign_in(practitioner)
    page.goto("/bright-spots/submit/")
    page.get_by_label("Title").fill("Street triage")
    page.get_by_label("Summary").fill("A nurse rides with the police on Friday nights.")
    page.get_by_role("button", name="Submit for moderation").click()
    page.wait_for_load_state()
    assert page.get_by_text("Submitted: waiting for a forum host").is_visible()
    page.context.clear_cookies()
    sign_in(forum_host)
    page.goto("/bright-spots/moderate/")
    assert page.get_by_role("heading", name="Street triage").is_visible()
    assert axe_violations() == [], describe(axe_violations())
    page.get_by_label("Ask for changes").check()
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    assert "Say what to change" in page.content()
