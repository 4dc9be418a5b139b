"""The home page: its title, calls to action per role, what waits for you, the next forum."""

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from barriers.factories import BarrierFactory, OccurrenceFactory
from brightspots.factories import (
    BrightSpotPageFactory,
    FollowUpActionFactory,
    ForumSessionPageFactory,
    RegistrationFactory,
)
from people import roles
from people.factories import UserFactory
from tests.brightspots.test_workflow import FORM

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def home(client):
    return client.get("/").content.decode()


def test_title_names_the_site_once(practitioner_client, client):
    title = re.search(r"<title>(.*?)</title>", home(practitioner_client)).group(1)
    assert title == "Bright Spots: learning together across services"
    assert "Bright Spots · Bright Spots" not in title


def test_calls_to_action_follow_the_role(practitioner, forum_host, leader, facilitator):
    page = home(signed_in(practitioner))
    for label in ("Share a Bright Spot", "Log a snag", "Search learning"):
        assert f">{label}</a>" in page
    assert "Moderate Bright Spots" not in page
    assert "See the insights dashboard" not in page
    assert ">Moderate Bright Spots</a>" in home(signed_in(forum_host))
    assert ">See the insights dashboard</a>" in home(signed_in(leader))
    assert ">Start an After Action Review</a>" in home(signed_in(facilitator))


def test_host_sees_how_many_submissions_await_moderation(practitioner_client, forum_host):
    host = signed_in(forum_host)
    assert "No Bright Spots waiting for moderation" in home(host)
    practitioner_client.post("/bright-spots/submit/", {**FORM, "action": "submit"})
    practitioner_client.post(
        "/bright-spots/submit/", {**FORM, "title": "Second one", "action": "submit"}
    )
    assert "2 Bright Spots waiting for you to moderate" in home(host)
    assert "waiting for you to moderate" not in home(practitioner_client)


def test_what_waits_for_a_practitioner(practitioner, practitioner_client):
    FollowUpActionFactory(owner=practitioner)
    page = home(practitioner_client)
    assert "1 open action assigned to you" in page
    assert "/reviews/actions/" in page


def test_next_forum_with_registration_and_call_for_presentations(practitioner):
    BrightSpotPageFactory()
    session = ForumSessionPageFactory(
        title="Forum in a fortnight", call_for_presentations="Offer a talk."
    )
    ForumSessionPageFactory(title="Later forum", starts_at=session.starts_at.replace(year=2099))
    client = signed_in(practitioner)
    page = home(client)
    next_forum = page[page.index('id="next-forum-heading"') :]
    assert "Forum in a fortnight" in next_forum
    assert "Later forum" not in next_forum[: next_forum.index("</section>")]
    assert "40 of 40 places left" in next_forum
    assert "Offer a Bright Spot to present" in next_forum
    RegistrationFactory(session=session, user=practitioner)
    assert "You are registered." in home(client)


def test_a_host_of_the_next_forum_gets_its_agenda_link(forum_host):
    session = ForumSessionPageFactory()
    assert f"/forum/{session.pk}/manage/" in home(signed_in(forum_host))


def _page_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [q["sql"] for q in captured if '"wagtailcore_page"' in q["sql"]]


def test_a_page_two_levels_down_is_found_in_two_page_queries(practitioner_client):
    spot = BrightSpotPageFactory(title="Library outreach")
    nested, nested_queries = _page_queries(practitioner_client, spot.url)
    assert nested.status_code == 200
    assert "Library outreach" in nested.content.decode()
    # The same page queries as a page one level down (Wagtail's walk reads two a level).
    top, top_queries = _page_queries(practitioner_client, spot.get_parent().url)
    assert top.status_code == 200
    assert len(nested_queries) == len(top_queries)


def test_a_draft_or_a_path_that_is_no_page_is_not_found(practitioner_client):
    spot = BrightSpotPageFactory(title="Library outreach")
    index_url = spot.get_parent().url
    spot.unpublish()
    assert practitioner_client.get(spot.url).status_code == 404
    assert practitioner_client.get(f"{index_url}no-such-page/").status_code == 404
    assert practitioner_client.get(f"{index_url}no/such/page/").status_code == 404


def test_the_page_lookup_reads_an_index_not_every_page(practitioner_client):
    """Wagtail indexes a page's slug but not its url_path: at 25,000 Bright Spots a lookup by
    url_path alone read every page on every request."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("reads SQLite's query plan")
    spot = BrightSpotPageFactory(title="Library outreach")
    _response, queries = _page_queries(practitioner_client, spot.url)
    lookup = next(sql for sql in queries if '"url_path" =' in sql)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {lookup}")
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan


def _reads_new_bright_spots(captured):
    """Whether the newest Bright Spots (the what's new card) were read."""
    return any(
        'ORDER BY "wagtailcore_page"."first_published_at" DESC' in q["sql"] for q in captured
    )


def _colleague_of(user):
    """Another practitioner of the same agency: the same audience (common.fragments)."""
    return UserFactory(roles=[roles.PRACTITIONER], agency=user.agency)


@pytest.mark.usefixtures("fragment_cache")
def test_a_colleague_gets_whats_new_without_reading_it_again(practitioner):
    BrightSpotPageFactory(title="Library outreach")
    first = home(signed_in(practitioner))
    colleague = signed_in(_colleague_of(practitioner))
    with CaptureQueriesContext(connection) as captured:
        second = home(colleague)
    assert "Library outreach" in first
    assert "Library outreach" in second
    assert not _reads_new_bright_spots(captured)
    assert not any("barriers_occurrence" in q["sql"] for q in captured)


@pytest.mark.usefixtures("fragment_cache")
def test_a_barrier_met_again_shows_on_home_at_once_and_the_bright_spots_are_not_reread(
    practitioner, committed
):
    BrightSpotPageFactory(title="Library outreach")
    home(signed_in(practitioner))
    with committed():
        OccurrenceFactory(barrier=BarrierFactory(title="Interpreter never booked"))
    with CaptureQueriesContext(connection) as captured:
        page = home(signed_in(_colleague_of(practitioner)))
    assert "Interpreter never booked" in page
    assert "Library outreach" in page
    assert any("barriers_occurrence" in q["sql"] for q in captured)
    assert not _reads_new_bright_spots(captured)


@pytest.mark.usefixtures("fragment_cache")
def test_whats_new_is_never_shared_with_a_reader_of_another_agency(practitioner):
    BrightSpotPageFactory(title="Library outreach")
    home(signed_in(practitioner))
    elsewhere = UserFactory(roles=[roles.PRACTITIONER])
    assert elsewhere.agency_id != practitioner.agency_id
    with CaptureQueriesContext(connection) as captured:
        page = home(signed_in(elsewhere))
    assert "Library outreach" in page
    assert _reads_new_bright_spots(captured)
