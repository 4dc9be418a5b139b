"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Never downloads a browser: Chromium comes from `apt-get install chromium`, axe-core from npm.
"""

import json
import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE.read_text() + "\n;true" if AXE.exists() else ""
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the tests' ORM calls stay sync.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def sign_in(page):
    """Sign in through the real form: `sign_in(user)` (their password is "password")."""

    def _sign_in(user, password="password"):
        return sign_in_on(page, user, password)

    return _sign_in


def sign_in_on(page, user, password="password"):
    """Fill in and send the sign-in form in `page`; returns the page."""
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    return page


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_on(page):
    """WCAG 2.2 A/AA violations (ids and up to five targets) on `page` as it is now."""
    # Evaluated through the DevTools protocol, not added as a <script>: the site's CSP rightly
    # refuses inline scripts, and axe is test tooling, not part of the page.
    page.evaluate(AXE_SOURCE)
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: tags})", AXE_TAGS)
    return [
        {"id": v["id"], "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.fixture
def axe_violations(page):
    """Run axe-core on the current page; returns the WCAG 2.2 A/AA violations (ids, targets)."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    return lambda: axe_on(page)


def describe(violations):
    return json.dumps(violations, indent=2)
