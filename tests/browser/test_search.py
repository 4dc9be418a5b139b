import pytest

from search.evaluation import CORPUS
from search.interchange import import_lines
from tests.browser.conftest import describe

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def corpus(db):
    with open(CORPUS, encoding="utf-8") as handle:
        import_lines(handle)


def test_suggestions_search_and_facet_filter(page, sign_in, practitioner, corpus, axe_violations):
    sign_in(practitioner)
    page.goto("/search/")
    assert axe_violations() == [], describe(axe_violations())
    box = page.get_by_role("combobox", name="Search for")
    box.fill("nalo")
    option = page.get_by_role("option", name="Naloxone carried by hostel staff and peers")
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    box.fill("hostel")
    page.get_by_role("option").first.wait_for()
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_load_state()
    heading = page.locator("#results-heading")
    assert "for “hostel”" in heading.inner_text()
    page.get_by_role("group", name="Type").get_by_label("Barrier").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "type=barrier" in page.url
    badges = page.locator(".results .badge").all_inner_texts()
    assert badges and set(badges) == {"Barrier"}
    assert page.locator(".snippet mark").count() > 0
    assert axe_violations() == [], describe(axe_violations())


def test_choosing_a_suggestion_with_the_keyboard_searches_for_it(
    page, sign_in, practitioner, corpus
):
    sign_in(practitioner)
    page.goto("/search/")
    box = page.get_by_role("combobox", name="Search for")
    box.fill("family gro")
    page.get_by_role("option").first.wait_for()
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Family group conference rebuilt support after "
                                         "relationship breakdown").is_visible()  # fmt: skip
