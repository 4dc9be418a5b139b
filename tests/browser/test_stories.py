import pytest

from people import roles
from people.factories import UserFactory
from stories.factories import CohortFactory, ParticipantFactory, TouchpointFactory
from tests.browser.conftest import describe

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def journey(db):
    lead = UserFactory(username="teamlead", roles=[roles.PRACTITIONER])
    participant = ParticipantFactory(cohort=CohortFactory(team=[lead]), alias="Quillane")
    TouchpointFactory(participant=participant, outcome="snagged", what_happened="Bounced back.")
    TouchpointFactory(
        participant=participant, outcome="helped", persons_view="They listened to me."
    )
    return lead, participant


def test_team_member_reads_an_accessible_journey(page, sign_in, journey, axe_violations):
    lead, participant = journey
    sign_in(lead)
    page.goto(participant.get_absolute_url())
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == f"Journey of {participant.code} (Quillane)"
    )
    steps = page.locator("ol.journey > li")
    assert steps.count() == 2
    assert steps.first.is_visible()
    assert "Snagged" in steps.first.inner_text()
    assert "Helped" in steps.nth(1).inner_text()
    assert page.get_by_role("img", name=f"Journey timeline for {participant.code}").is_visible()
    assert axe_violations() == [], describe(axe_violations())


def test_team_member_adds_a_touchpoint_with_the_form(page, sign_in, journey, axe_violations):
    lead, participant = journey
    sign_in(lead)
    page.goto(participant.get_absolute_url())
    page.get_by_role("link", name="Add a touchpoint").click()
    page.wait_for_url("**/touchpoints/new/")
    assert axe_violations() == [], describe(axe_violations())
    page.get_by_label("Service").fill("Outreach café")
    page.get_by_label("Kind").select_option("outreach")
    page.get_by_label("Helped").check()
    page.get_by_label("What happened").fill("Sat together and talked, no forms.")
    page.get_by_role("button", name="Save touchpoint").click()
    page.wait_for_url(f"**{participant.get_absolute_url()}")
    assert page.locator("ol.journey > li").count() == 3
    assert page.get_by_text("Sat together and talked, no forms.").is_visible()


def test_outsider_sees_page_not_found(page, sign_in, journey, practitioner):
    _, participant = journey
    sign_in(practitioner)
    response = page.goto(participant.get_absolute_url())
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert participant.code not in page.content()


def test_administrator_reads_who_opened_the_journey(
    page, sign_in, journey, administrator, axe_violations
):
    lead, participant = journey
    sign_in(lead)
    page.goto(participant.get_absolute_url())
    page.context.clear_cookies()
    sign_in(administrator)
    page.goto("/case-learning/audit/")
    page.get_by_label("Person").select_option(label=str(lead))
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()
    row = page.locator("tbody tr").first
    assert "Read" in row.inner_text()
    assert participant.code in row.inner_text()
    assert axe_violations() == [], describe(axe_violations())
