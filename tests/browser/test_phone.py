"""Every journey comfortable on a phone: at desktop width, at 390 x 844 and at 320 px wide.

Each page visited is checked with axe-core (WCAG 2.2 A and AA) and for horizontal overflow;
screenshots of the phone views are saved under var/screenshots/ (git ignores var/) for a person
to look at.
"""

import csv
import datetime
import io
import re
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone

import pytest

from barriers.factories import BarrierFactory, OccurrenceFactory
from barriers.models import Barrier
from brightspots import submissions
from brightspots.factories import (
    BrightSpotPageFactory,
    ForumSessionPageFactory,
    RegistrationFactory,
)
from brightspots.models import BrightSpotPage, ForumSessionPage
from people.factories import UserFactory
from people.models import User
from search.evaluation import CORPUS
from search.interchange import import_lines
from tests.browser.conftest import AXE, axe_on, describe, sign_in_on

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SIZES = {"desktop": (1280, 800), "phone": (390, 844), "small": (320, 640)}
PHONES = ("phone", "small")
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def open_page(browser, live_server):
    """`open_page(size, user=None)`: a new browser window of that size, signed in as `user`."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    contexts = []

    def _open(size, user=None, password="password"):
        width, height = SIZES[size]
        # A UK browser: date inputs show day/month/year, as the form's hints say.
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            locale="en-GB",
            timezone_id="Europe/London",
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        if user is not None:
            sign_in_on(page, user, password)
        return page

    yield _open
    for context in contexts:
        context.close()


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)


def overflow(page):
    """How many CSS pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def check(page, name=None):
    """No sideways scrolling and no axe violations; a screenshot on phones."""
    assert overflow(page) <= 0, (page.url, overflow(page))
    violations = axe_on(page)
    assert violations == [], (page.url, describe(violations))
    if name and page.viewport_size["width"] < 800:
        shot(page, name)


def press(page, locator, key="Enter"):
    """Keyboard only: focus the control and press a key, as Tab then Enter would."""
    locator.focus()
    page.keyboard.press(key)


# Every main page ---------------------------------------------------------------------------

DEMO_ROLES = ("practitioner", "host", "facilitator", "caseteam", "leader", "admin")
SKIP = re.compile(r"^/(admin|documents|static|media)/|sign-out|\.ics$|\.csv$|\.md$|feed/")


def _pattern(url):
    """One page of each kind: numbers and page slugs (they contain a hyphen) count as the same."""
    path = re.sub(r"\d+", "N", url.split("?")[0])
    return re.sub(r"^/(bright-spots|forum)/[^/]*-[^/]*/$", r"/\1/<slug>/", path)


def _crawl(page, limit=45):
    """Pages reachable from the home page through the header and the main content."""
    queue, seen, pages = ["/"], set(), []
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if _pattern(url) in seen:
            continue
        seen.add(_pattern(url))
        response = page.goto(url)
        if not response or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        pages.append(url)
        for href in page.eval_on_selector_all(
            "header a[href], main a[href]", "links => links.map(a => a.getAttribute('href'))"
        ):
            href = (href or "").split("#")[0]
            if href.startswith("/") and not SKIP.search(href) and _pattern(href) not in seen:
                queue.append(href)
    return pages


def test_no_main_page_is_wider_than_a_phone_and_none_has_axe_violations(open_page, settings):
    call_command("seed_demo", stdout=io.StringIO())
    wide, violations, visited = [], [], 0
    anonymous = open_page("small")
    anonymous.goto("/")
    check(anonymous, "home-signed-out")
    for username in DEMO_ROLES:
        user = User.objects.get(username=username)
        small = open_page("small", user, settings.DEMO_PASSWORD)
        phone = open_page("phone", user, settings.DEMO_PASSWORD)
        for url in _crawl(small):
            visited += 1
            for page in (small, phone):
                page.goto(url)
                if overflow(page) > 0:
                    wide.append((username, page.viewport_size["width"], url, overflow(page)))
            found = axe_on(small)
            if found:
                violations.append((username, url, found))
            name = f"{username}{_pattern(url).replace('/', '-').rstrip('-')}"
            shot(phone, name)
        small.context.close()
        phone.context.close()
    assert visited > 60  # every role's pages, not just the home page
    assert wide == [], wide
    assert violations == [], describe(violations)


# Search ------------------------------------------------------------------------------------


@pytest.fixture
def corpus(db):
    with open(CORPUS, encoding="utf-8") as handle:
        import_lines(handle)


@pytest.mark.parametrize("size", PHONES)
def test_search_results_come_first_and_the_filter_keeps_its_state(
    open_page, practitioner, corpus, size
):
    page = open_page(size, practitioner)
    page.goto("/search/?q=hostel")
    first = page.locator(".results .result").first
    box = first.bounding_box()
    assert box["y"] < page.viewport_size["height"], "the first result is below the fold"
    disclosure = page.locator("details.filter-disclosure")
    assert not disclosure.evaluate("d => d.open")
    check(page, "search-results")

    press(page, page.locator("summary", has_text="Filter"))
    assert disclosure.evaluate("d => d.open")
    barrier = page.get_by_role("group", name="Type").get_by_label("Barrier")
    press(page, barrier, "Space")
    assert barrier.is_checked()
    with page.expect_navigation():
        press(page, page.get_by_role("button", name="Apply filters"))
    assert "type=barrier" in page.url
    assert disclosure.evaluate("d => d.open"), "the disclosure forgot it was open"
    assert page.get_by_role("group", name="Type").get_by_label("Barrier").is_checked()
    assert "(1 chosen)" in page.locator("summary").inner_text()
    assert set(page.locator(".results .badge").all_inner_texts()) == {"Barrier"}
    check(page, "search-filters-open")

    press(page, page.locator("summary", has_text="Filter"))
    page.reload()
    assert not page.locator("details.filter-disclosure").evaluate("d => d.open")


def test_search_filters_sit_beside_the_results_on_a_desktop(open_page, practitioner, corpus):
    page = open_page("desktop", practitioner)
    page.goto("/search/?q=hostel")
    assert page.locator("details.filter-disclosure").evaluate("d => d.open")
    filters = page.locator(".search-filters").bounding_box()
    results = page.locator(".search-results").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"]
    check(page)


# "This is the same" ------------------------------------------------------------------------


@pytest.mark.parametrize("size", [*PHONES, "desktop"])
def test_this_is_the_same_asks_where_and_when_before_counting(open_page, practitioner, size):
    barrier = BarrierFactory(title="Discharged from hospital with nowhere to stay")
    OccurrenceFactory(barrier=barrier, date=timezone.localdate() - datetime.timedelta(days=3))
    page = open_page(size, practitioner)
    page.goto("/barriers/log/")
    page.get_by_label("What got in the way?").press_sequentially("discharged hospital", delay=10)
    same = page.locator("#similar-results").get_by_role("button", name="This is the same")
    same.wait_for()
    check(page, "log-snag")
    page.get_by_label("Note about this time").fill("Friday evening again")
    with page.expect_navigation():
        press(page, same)
    assert page.get_by_role("heading", level=1).inner_text() == "I met this too"
    assert page.get_by_label("Note about this time").input_value() == "Friday evening again"
    assert Barrier.objects.get(pk=barrier.pk).occurrences.count() == 1, "counted too early"
    check(page, "this-is-the-same")
    with page.expect_navigation():
        press(page, page.get_by_role("button", name="Count it"))
    assert page.get_by_text("Counted: this barrier has now been met 2 times.").is_visible()
    assert Barrier.objects.get(pk=barrier.pk).occurrences.count() == 2


# Moderation --------------------------------------------------------------------------------


def _submitted(user, title="Street triage on Friday nights"):
    data = dict.fromkeys(submissions.FIELDS, "")
    data.update(
        title=title,
        summary="A nurse rides with the police on Friday nights.",
        what_happened="The nurse **assessed** people where they were.",
        involvement="not_asked",
        happened_on=None,
        area=None,
        would_present=True,
        contact="author",
    )
    page = submissions.save_draft(data, user)
    return submissions.submit(page, user)


@pytest.mark.parametrize("size", [*PHONES, "desktop"])
def test_host_previews_a_submission_and_approves_it_from_the_site(
    open_page, practitioner, forum_host, size
):
    spot = _submitted(practitioner)
    page = open_page(size, forum_host)
    page.goto("/")
    awaiting = page.get_by_role("link", name="1 Bright Spot waiting for you to moderate")
    assert awaiting.is_visible()
    check(page, "home-host")
    with page.expect_navigation():
        press(page, awaiting)
    check(page, "moderation-queue")
    with page.expect_navigation():
        press(page, page.get_by_role("link", name=re.compile(rf"^Preview in full\W+{spot.title}$")))
    assert page.get_by_role("heading", level=1).inner_text() == spot.title
    assert "Preview not available" not in page.content()
    assert page.get_by_text("Not published").is_visible()
    assert page.locator("strong", has_text="assessed").is_visible()
    check(page, "moderation-preview")
    press(page, page.get_by_label("Approve and publish"), "Space")
    with page.expect_navigation():
        press(page, page.get_by_role("button", name="Record decision"))
    assert page.get_by_text(f"Done: {spot.title}.").is_visible()
    assert BrightSpotPage.objects.get(pk=spot.pk).live


# Running a forum session -------------------------------------------------------------------


@pytest.mark.parametrize("size", [*PHONES, "desktop"])
def test_host_builds_the_agenda_registers_a_colleague_and_exports_attendees(
    open_page, forum_host, size
):
    session = ForumSessionPageFactory(title="Forum this month", hosts=[forum_host], capacity=10)
    for title in ("Alpha outreach at the station", "Beta benefits in the library"):
        BrightSpotPageFactory(title=title, would_present=True)
    RegistrationFactory(session=session, user=UserFactory(first_name="=Ada", last_name="Byron"))
    colleague = UserFactory(first_name="Grace", last_name="Hopper")

    page = open_page(size, forum_host)
    page.goto(session.url)
    with page.expect_navigation():
        press(page, page.get_by_role("link", name="Agenda and registrations"))
    check(page, "forum-manage-empty")
    for title in ("Alpha outreach at the station", "Beta benefits in the library"):
        page.get_by_label("Approved Bright Spot").select_option(label=title)
        with page.expect_navigation():
            press(page, page.get_by_role("button", name="Add to the agenda"))
        assert page.get_by_text("The agenda is updated.").is_visible()
    with page.expect_navigation():
        press(page, page.get_by_role("button", name=re.compile(r"^Move up\W+Beta benefits")))
    items = page.locator(".agenda-item a").all_inner_texts()
    assert items == ["Beta benefits in the library", "Alpha outreach at the station"]
    saved = ForumSessionPage.objects.get(pk=session.pk).agenda_items.all()
    assert [item.bright_spot.title for item in saved] == items

    label = colleague.get_full_name() + (f", {colleague.agency}" if colleague.agency else "")
    page.get_by_role("combobox", name="Colleague").select_option(label=label)
    with page.expect_navigation():
        press(page, page.get_by_role("button", name="Register them"))
    assert page.get_by_text("Grace Hopper is registered.").is_visible()
    assert page.get_by_role("rowheader", name="Grace Hopper").is_visible()
    check(page, "forum-manage")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the attendee list (CSV)").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    assert rows[0][:4] == ["Name", "Email", "Agency", "Status"]
    names = {row[0] for row in rows[1:]}
    assert names == {"'=Ada Byron", "Grace Hopper"}
    assert colleague.forum_registrations.get().session_id == session.pk

    page.goto(session.url)
    assert page.locator(".agenda li").first.inner_text().find("Beta benefits") >= 0


# Charts ------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [*PHONES, "desktop"])
def test_charts_are_titled_whole_numbered_and_readable(open_page, leader, size):
    today = timezone.localdate()
    long_title = "Referral bounced between the drug service and the mental health team again"
    barrier = BarrierFactory(title=long_title)
    for days in (1, 2, 35, 70, 100):
        OccurrenceFactory(barrier=barrier, date=today - datetime.timedelta(days=days))
    page = open_page(size, leader)
    page.goto("/insights/")
    monthly = page.locator("#panel-monthly figure").first
    assert monthly.locator("figcaption").inner_text() == (
        "New, recurring and resolved barriers per month"
    )
    drawing = monthly.locator(".chart-narrow" if size in PHONES else ".chart-wide")
    assert drawing.is_visible()
    labels = drawing.locator("text.chart-label")
    texts = labels.evaluate_all("els => els.map(e => e.textContent)")
    ticks = [t for t in texts if re.fullmatch(r"[\d.]+", t)]
    assert ticks and all(t.isdigit() for t in ticks), ticks
    heights = labels.evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    assert min(heights) >= 10, heights  # about 12 px text even at 320 px
    assert "so far" in monthly.inner_text()
    top = page.locator("#panel-top figure").first
    assert top.get_by_text(long_title).is_visible()  # the full label, wrapped
    check(page, "insights")


# Tables ------------------------------------------------------------------------------------


def test_tables_stack_on_a_phone_keeping_caption_and_headers(open_page, practitioner):
    BarrierFactory.create_batch(3)
    page = open_page("small", practitioner)
    page.goto("/barriers/")
    table = page.locator("main table").first
    assert "stacks" in table.get_attribute("class")
    cell = table.locator("tbody td").first
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    headers = table.locator("thead th").all_inner_texts()
    assert label.strip('"') == cell.get_attribute("data-label") == headers[0]
    assert table.locator("thead").evaluate("t => getComputedStyle(t).display") != "none"
    assert page.get_by_role("columnheader").count() >= 3  # still a table to screen readers
    check(page, "barrier-log")
    desktop = open_page("desktop", practitioner)
    desktop.goto("/barriers/")
    cell = desktop.locator("main table tbody td").first
    assert cell.evaluate("td => getComputedStyle(td).display") == "table-cell"


# Forms: checkboxes, empty choices, date hints, contact ------------------------------------


@pytest.mark.parametrize("size", PHONES)
def test_share_form_has_checkboxes_meaningful_choices_and_date_hints(open_page, practitioner, size):
    page = open_page(size, practitioner)
    page.goto("/bright-spots/submit/")
    assert "---------" not in page.content()
    assert page.locator("select[multiple]").count() == 0
    agencies = page.get_by_role("group", name="Agencies involved")
    first = agencies.get_by_role("checkbox").first
    size_px = first.bounding_box()
    assert size_px["width"] >= 20 and size_px["height"] >= 20
    press(page, first, "Space")
    assert first.is_checked()
    assert page.get_by_label("When it happened").is_visible()
    assert "for example 27/03/2026" in page.locator("label[for=id_happened_on]").inner_text()
    assert page.get_by_role("combobox", name="Area").locator("option").first.inner_text() == (
        "No particular area"
    )
    check(page, "share-form")


def test_bright_spot_shows_the_contact_its_author_chose(open_page, practitioner):
    author = UserFactory(email="amina.khan@example.org", first_name="Amina", last_name="Khan")
    spot = BrightSpotPageFactory(submitted_by=author, contact="author")
    page = open_page("small", practitioner)
    page.goto(spot.url)
    link = page.get_by_role("link", name="amina.khan@example.org")
    assert link.get_attribute("href").startswith("mailto:amina.khan@example.org")
    check(page, "bright-spot-contact")
