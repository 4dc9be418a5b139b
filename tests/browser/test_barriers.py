import datetime

from django.utils import timezone

import pytest

from barriers.factories import BarrierFactory, OccurrenceFactory
from barriers.models import Barrier
from tests.browser.conftest import describe

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def existing_barrier(db):
    barrier = BarrierFactory(
        title="Discharged from hospital with nowhere to stay",
        description="The ward discharges late on Friday when housing options is closed.",
    )
    OccurrenceFactory(barrier=barrier, date=timezone.localdate() - datetime.timedelta(days=3))
    OccurrenceFactory(barrier=barrier, date=timezone.localdate() - datetime.timedelta(days=9))
    return barrier


def test_log_a_snag_that_already_exists_and_see_it_on_the_dashboard(
    page, sign_in, leader, existing_barrier, axe_violations
):
    sign_in(leader)
    page.goto("/barriers/log/")
    assert page.get_by_role("heading", level=1).count() == 1
    assert axe_violations() == [], describe(axe_violations())

    page.get_by_label("What got in the way?").press_sequentially(
        "hospital discharge, nowhere to go", delay=20
    )
    suggestion = page.locator("#similar-results").get_by_role(
        "link", name="Discharged from hospital with nowhere to stay"
    )
    suggestion.wait_for()
    assert "met 2 times" in page.locator("#similar-results").inner_text()
    assert axe_violations() == [], describe(axe_violations())

    with page.expect_navigation():
        page.locator("#similar-results").get_by_role("button", name="This is the same").click()
    # Nothing is counted until the occurrence form is submitted.
    assert page.get_by_role("heading", level=1).inner_text() == "I met this too"
    assert Barrier.objects.get(pk=existing_barrier.pk).occurrences.count() == 2
    assert axe_violations() == [], describe(axe_violations())
    page.get_by_role("button", name="Count it").click()
    page.wait_for_load_state()
    assert page.get_by_text("Counted: this barrier has now been met 3 times.").is_visible()
    assert page.get_by_role("heading", level=1).inner_text() == existing_barrier.title
    assert Barrier.objects.get(pk=existing_barrier.pk).occurrences.count() == 3
    assert axe_violations() == [], describe(axe_violations())  # the barrier's own page

    page.goto("/barriers/")
    assert axe_violations() == [], describe(axe_violations())

    page.goto("/insights/")
    top = page.get_by_role("table", name="Top recurring barriers, last 90 days")
    row = top.get_by_role("row").filter(has_text=existing_barrier.title)
    assert "3" in row.inner_text()
    assert page.get_by_role("heading", level=1).count() == 1
    assert axe_violations() == [], describe(axe_violations())


def test_log_form_works_without_javascript(browser, live_server, practitioner, existing_barrier):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(practitioner.username)
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Sign in").click()
    page.goto("/barriers/log/")
    page.get_by_label("What got in the way?").fill("discharged from hospital")
    page.get_by_role("button", name="Check for similar barriers").click()
    assert page.get_by_role("link", name=existing_barrier.title).is_visible()
    context.close()
