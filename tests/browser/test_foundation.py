import pytest

from tests.browser.conftest import describe

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_landing_page_is_accessible(page, axe_violations):
    page.goto("/")
    assert page.get_by_role("heading", level=1).count() == 1
    assert axe_violations() == [], describe(axe_violations())


def test_sign_in_and_keyboard_skip_link(page, sign_in, practitioner, axe_violations):
    sign_in(practitioner)
    assert page.get_by_role("heading", name="What's new").is_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    assert axe_violations() == [], describe(axe_violations())
