import re
from datetime import timedelta
from xml.etree import ElementTree

from django.test import Client
from django.utils import timezone

import icalendar
import pytest

from brightspots.factories import (
    BrightSpotPageFactory,
    FollowUpActionFactory,
    ForumSessionPageFactory,
    RegistrationFactory,
)
from brightspots.models import BrightSpotPage, ForumSessionPage, Registration
from people import roles
from people.factories import UserFactory
from taxonomy.factories import AgencyFactory, AreaFactory
from taxonomy.models import Need, Principle

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_index_filters_and_pagination(practitioner_client):
    one = Principle.objects.get(number=1)
    for _ in range(13):
        BrightSpotPageFactory(principles=[one])
    BrightSpotPageFactory(title="Other principle", principles=[Principle.objects.get(number=2)])
    page_one = practitioner_client.get(f"/bright-spots/?principle={one.pk}").content.decode()
    assert "13 Bright Spots" in page_one
    assert "Other principle" not in page_one
    assert "Page 1 of 2" in page_one
    assert f"principle={one.pk}&amp;page=2" in page_one
    page_two = practitioner_client.get(f"/bright-spots/?principle={one.pk}&page=2")
    assert "Page 2 of 2" in page_two.content.decode()


def test_index_filters_by_need_agency_and_area(practitioner_client):
    need, other_need = Need.objects.order_by("pk")[:2]
    agency, other_agency = AgencyFactory.create_batch(2)
    area, other_area = AreaFactory.create_batch(2)
    BrightSpotPageFactory(title="Matches all", needs=[need], agencies=[agency], area=area)
    BrightSpotPageFactory(
        title="Matches none", needs=[other_need], agencies=[other_agency], area=other_area
    )

    for name, value in (("need", need), ("agency", agency), ("area", area)):
        page = practitioner_client.get(f"/bright-spots/?{name}={value.pk}").content.decode()
        assert "Matches all" in page, name
        assert "Matches none" not in page, name


def test_index_hides_drafts(practitioner_client):
    BrightSpotPageFactory(title="Still a draft", live=False)
    assert "Still a draft" not in practitioner_client.get("/bright-spots/").content.decode()


def test_public_bright_spot_is_readable_signed_out(client):
    public = BrightSpotPageFactory(is_public=True)
    private = BrightSpotPageFactory(is_public=False)
    assert client.get(public.url).status_code == 200
    assert client.get(private.url).status_code == 302


def test_public_bright_spot_with_related_staff_only_spots_is_readable_signed_out(client):
    one = Principle.objects.get(number=1)
    public = BrightSpotPageFactory(title="Shown to all", is_public=True, principles=[one])
    BrightSpotPageFactory(title="Related and public", is_public=True, principles=[one])
    for _ in range(5):
        BrightSpotPageFactory(title="Related staff only", is_public=False, principles=[one])
    response = client.get(public.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Related and public" in html
    assert "Related staff only" not in html


def test_bright_spot_page_shows_own_words_marked(practitioner_client):
    spot = BrightSpotPageFactory(persons_own_words="They listened first.", involvement="consented")
    html = practitioner_client.get(spot.url).content.decode()
    assert '<blockquote class="own-words">' in html
    assert "In their own words" in html


def test_atom_feed_lists_only_published(practitioner_client):
    BrightSpotPageFactory(title="Published one", is_public=True)
    BrightSpotPageFactory(title="Staff only")
    BrightSpotPageFactory(title="Draft one", live=False)
    index = practitioner_client.get("/bright-spots/").content.decode()
    assert 'type="application/atom+xml"' in index
    feed = ElementTree.fromstring(practitioner_client.get("/bright-spots/feed/").content)  # noqa: S314
    titles = {entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")}
    assert titles == {"Published one", "Staff only"}
    anonymous = ElementTree.fromstring(Client().get("/bright-spots/feed/").content)  # noqa: S314
    assert [e.find(f"{ATOM}title").text for e in anonymous.iter(f"{ATOM}entry")] == [
        "Published one"
    ]


def test_submit_form_accepts_prefill(practitioner_client):
    html = practitioner_client.get(
        "/bright-spots/submit/",
        {"title": "From a review", "summary": "Short", "what_happened": "It went well"},
    ).content.decode()
    assert 'value="From a review"' in html
    assert "Short</textarea>" in html
    assert "It went well</textarea>" in html


def test_preview_renders_sanitised_markdown_and_keeps_input(practitioner_client):
    data = {
        "title": "Preview me",
        "summary": "Summary",
        "involvement": "not_asked",
        "what_happened": "**bold** [bad](javascript:alert(1))",
        "action": "preview",
    }
    response = practitioner_client.post("/bright-spots/submit/", data)
    html = response.content.decode()
    assert "<strong>bold</strong>" in html
    assert 'href="javascript' not in html
    assert "**bold** [bad](javascript:alert(1))</textarea>" in html
    assert not ForumSessionPage.objects.exists()


def test_privacy_error_keeps_everything_typed(practitioner_client):
    data = {
        "title": "Keep my words",
        "summary": "Lives at 10 Downing Street, SW1A 2AA.",
        "what_happened": "A long story I do not want to type again.",
        "involvement": "not_asked",
        "action": "submit",
    }
    response = practitioner_client.post("/bright-spots/submit/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "A long story I do not want to type again.</textarea>" in html


def _ics(response):
    return icalendar.Calendar.from_ical(response.content)


def test_session_ics_has_london_times_uid_and_url(practitioner_client):
    starts = timezone.make_aware(timezone.datetime(2030, 7, 9, 14, 0))
    session = ForumSessionPageFactory(starts_at=starts, ends_at=starts + timedelta(minutes=90))
    response = practitioner_client.get(f"/forum/{session.pk}/session.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = _ics(response)
    event = calendar.walk("VEVENT")[0]
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.decoded("DTSTART").replace(tzinfo=None) == timezone.datetime(2030, 7, 9, 14, 0)
    assert event.decoded("DTEND").hour == 15 and event.decoded("DTEND").minute == 30
    assert str(event["UID"]) == f"{session.external_id}@testserver"
    assert str(event["URL"]).endswith(session.url)
    assert int(event["SEQUENCE"]) >= 1
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"
    assert "meet.example.org" in str(event["LOCATION"])


def test_forum_calendar_feed_is_subscribable_without_joining_links(practitioner_client):
    ForumSessionPageFactory.create_batch(2)
    forum = practitioner_client.get("/forum/").content.decode()
    assert '<link rel="alternate" type="text/calendar"' in forum
    anonymous = Client().get("/forum/calendar.ics")
    assert anonymous.status_code == 200
    events = _ics(anonymous).walk("VEVENT")
    assert len(events) == 2
    assert all("meet.example.org" not in str(e.get("LOCATION", "")) for e in events)


def test_host_creates_next_months_session_in_one_step(host_client, forum_host):
    starts = timezone.make_aware(timezone.datetime(2030, 1, 8, 14, 0))  # 2nd Tuesday
    last = ForumSessionPageFactory(
        starts_at=starts, ends_at=starts + timedelta(minutes=90), hosts=[forum_host],
        format="hybrid", place="Civic Centre",
    )  # fmt: skip
    form = host_client.get(f"/forum/{last.pk}/next/").content.decode()
    assert 'value="2030-02-12T14:00"' in form
    assert 'value="2030-02-12T15:30"' in form
    assert 'value="Civic Centre"' in form
    response = host_client.post(
        f"/forum/{last.pk}/next/",
        {
            "title": "Bright Spots forum: February 2030",
            "starts_at": "2030-02-12T14:00",
            "ends_at": "2030-02-12T15:30",
            "format": "hybrid",
            "place": "Civic Centre",
            "hosts": [forum_host.pk],
            "capacity": 40,
        },
    )
    assert response.status_code == 302
    created = ForumSessionPage.objects.get(title="Bright Spots forum: February 2030")
    assert created.live
    assert list(created.hosts.all()) == [forum_host]


def test_practitioner_cannot_schedule_or_record(practitioner_client):
    session = ForumSessionPageFactory()
    assert practitioner_client.get(f"/forum/{session.pk}/next/").status_code == 403
    assert practitioner_client.get(f"/forum/{session.pk}/record/").status_code == 403


def test_host_records_attendance_notes_and_actions(host_client, forum_host):
    session = ForumSessionPageFactory()
    came, missed = RegistrationFactory(session=session), RegistrationFactory(session=session)
    response = host_client.post(
        f"/forum/{session.pk}/record/",
        {
            "attended": [str(came.pk)],
            "notes": "Talked about **triage**.",
            "lessons": "Start small.",
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "0",
            "actions-0-text": "Share the triage rota",
            "actions-0-owner": str(forum_host.pk),
            "actions-0-due_on": "2030-01-01",
            "actions-0-status": "open",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    session.refresh_from_db()
    assert session.notes == "Talked about **triage**."
    assert Registration.objects.get(pk=came.pk).attended is True
    assert Registration.objects.get(pk=missed.pk).attended is False
    html = host_client.get(session.url).content.decode()
    assert "<strong>triage</strong>" in html
    assert "Share the triage rota" in html


def test_forum_index_lists_upcoming_and_past(practitioner_client):
    ForumSessionPageFactory(title="Coming up")
    past_start = timezone.now() - timedelta(days=30)
    ForumSessionPageFactory(
        title="Last month", starts_at=past_start, ends_at=past_start + timedelta(hours=1)
    )
    html = practitioner_client.get("/forum/").content.decode()
    assert html.index("Coming up") < html.index("Past sessions") < html.index("Last month")


def test_overdue_actions_are_flagged(practitioner_client):
    action = FollowUpActionFactory(due_on=timezone.localdate() - timedelta(days=3))
    assert action.is_overdue
    assert "Overdue" in practitioner_client.get(action.session.url).content.decode()


def test_host_schedules_the_first_session_from_scratch(
    host_client, forum_host, practitioner_client
):
    assert practitioner_client.get("/forum/new/").status_code == 403
    assert "Schedule a forum session" in host_client.get("/forum/new/").content.decode()
    response = host_client.post(
        "/forum/new/",
        {
            "title": "First forum",
            "starts_at": "2031-03-11T14:00",
            "ends_at": "2031-03-11T15:30",
            "format": "online",
            "presentations_close_on": "2031-03-04",
            "capacity": 25,
        },
    )
    assert response.status_code == 302
    session = ForumSessionPage.objects.get(title="First forum")
    assert session.live and session.slug == "2031-03"
    assert timezone.localtime(session.starts_at).hour == 14


def _record(client, session, **data):
    return client.post(
        f"/forum/{session.pk}/record/",
        {"actions-TOTAL_FORMS": "0", "actions-INITIAL_FORMS": "0", **data},
    )


def test_barriers_raised_at_a_session_count_as_met_again_from_the_forum(host_client):
    from barriers.factories import BarrierFactory
    from barriers.models import Barrier, Occurrence

    started = timezone.now() - timedelta(days=2)
    session = ForumSessionPageFactory(starts_at=started, ends_at=started + timedelta(hours=1))
    snag = BarrierFactory(status=Barrier.Status.RESOLVED)
    other = BarrierFactory()
    assert _record(host_client, session, barriers=[snag.pk, other.pk]).status_code == 302
    # Saving the record again does not count the same meeting twice.
    assert _record(host_client, session, barriers=[snag.pk]).status_code == 302
    occurrences = Occurrence.objects.filter(source=Occurrence.Source.FORUM)
    assert list(occurrences.values_list("barrier_id", flat=True)) == [snag.pk]
    occurrence = occurrences.get()
    assert occurrence.date == timezone.localdate(started)
    assert occurrence.source_url == session.url
    snag.refresh_from_db()
    assert snag.status == Barrier.Status.OPEN  # met again, so reopened
    html = host_client.get(session.url).content.decode()
    assert snag.title in html and other.title not in html


def test_next_month_after_a_gap_offers_a_date_still_ahead(host_client):
    months_ago = timezone.now() - timedelta(days=75)
    last = ForumSessionPageFactory(starts_at=months_ago, ends_at=months_ago + timedelta(hours=1))
    form = host_client.get(f"/forum/{last.pk}/next/").context["form"]
    offered = form.initial["starts_at"]
    assert offered > timezone.now()
    assert offered - timezone.now() <= timedelta(days=36)
    assert timezone.localtime(offered).weekday() == timezone.localtime(months_ago).weekday()


def test_session_page_shows_lessons_from_its_completed_reviews(practitioner_client):
    from reviews.factories import ReviewFactory
    from reviews.models import Lesson

    session = ForumSessionPageFactory()
    done = ReviewFactory(title="Review of the March forum", forum_session=session, completed=True)
    Lesson.objects.create(review=done, kind="improve", text="Send the agenda a week ahead.")
    draft = ReviewFactory(title="Draft review of the forum", forum_session=session)
    Lesson.objects.create(review=draft, text="Not ready to share.")

    page = practitioner_client.get(session.url).content.decode()
    assert "Lessons from reviews of this session" in page
    assert f'href="/reviews/{done.pk}/"' in page
    assert "Send the agenda a week ahead." in page
    assert "Not ready to share." not in page
    assert "Draft review of the forum" not in page


def test_contact_link_follows_the_authors_choice(practitioner_client, client):
    author = UserFactory(email="amina.khan@example.org", first_name="Amina", last_name="Khan")
    silent = BrightSpotPageFactory(submitted_by=author, is_public=True)
    me = BrightSpotPageFactory(submitted_by=author, contact="author", is_public=True)
    team = BrightSpotPageFactory(
        submitted_by=author, contact="team", team_email="outreach@example.org"
    )

    page = practitioner_client.get(silent.url).content.decode()
    assert "chose not to give contact details" in page
    assert "amina.khan@example.org" not in page
    page = practitioner_client.get(me.url).content.decode()
    assert 'href="mailto:amina.khan@example.org?subject=' in page
    page = practitioner_client.get(team.url).content.decode()
    assert 'href="mailto:outreach@example.org?subject=' in page
    assert "amina.khan@example.org" not in page

    practitioner_client.logout()
    assert "amina.khan@example.org" not in practitioner_client.get(me.url).content.decode()


def test_submitting_a_team_contact_needs_the_address_and_is_not_flagged_as_private(
    practitioner_client,
):
    data = {
        "title": "Team contact",
        "summary": "A summary.",
        "involvement": "not_asked",
        "contact": "team",
        "action": "draft",
    }
    response = practitioner_client.post("/bright-spots/submit/", data)
    assert response.status_code == 200
    assert "Enter the team&#x27;s email address" in response.content.decode()
    data["team_email"] = "outreach.team@example.org"
    assert practitioner_client.post("/bright-spots/submit/", data).status_code == 302
    saved = BrightSpotPage.objects.get(title="Team contact").get_latest_revision_as_object()
    assert saved.contact_email() == "outreach.team@example.org"


@pytest.mark.usefixtures("fragment_cache")
def test_index_after_a_new_bright_spot_shows_it_and_keeps_the_filters(
    practitioner, practitioner_client, committed
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    BrightSpotPageFactory(title="Library outreach")
    practitioner_client.get("/bright-spots/")
    with committed():
        # Submitted by someone already known: no new agency (taxonomy) written.
        BrightSpotPageFactory(title="Hospital discharge lounge", submitted_by=practitioner)
    with CaptureQueriesContext(connection) as captured:
        page = practitioner_client.get("/bright-spots/").content.decode()
    assert "Hospital discharge lounge" in page
    assert '<select name="agency"' in page
    # The filter form (principles, needs, agencies, areas) came from the fragment cache.
    assert not any('FROM "taxonomy_need"' in q["sql"] for q in captured)


@pytest.mark.usefixtures("fragment_cache")
def test_a_new_agency_shows_in_the_index_filters_at_once(practitioner_client, committed):
    BrightSpotPageFactory(title="Library outreach")
    assert "Probation Service North" not in practitioner_client.get("/bright-spots/").text
    with committed():
        AgencyFactory(name="Probation Service North")
    page = practitioner_client.get("/bright-spots/").content.decode()
    assert "Probation Service North" in page
    assert "Library outreach" in page


@pytest.mark.usefixtures("fragment_cache")
def test_the_empty_share_form_is_served_from_the_cache_with_its_own_csrf_token(practitioner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = Client(enforce_csrf_checks=True)
    first.force_login(practitioner)
    first.get("/bright-spots/submit/")
    second = Client(enforce_csrf_checks=True)
    colleague = UserFactory(
        username="colleague", roles=[roles.PRACTITIONER], agency=practitioner.agency
    )
    second.force_login(colleague)
    with CaptureQueriesContext(connection) as captured:
        page = second.get("/bright-spots/submit/").content.decode()
    assert 'name="principles"' in page
    assert not any('FROM "taxonomy_need"' in q["sql"] for q in captured)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    # This person's own token: the form is accepted for checking (a refused token is a 403)
    # and comes back asking for the title.
    response = second.post(
        "/bright-spots/submit/", {"csrfmiddlewaretoken": token, "action": "submit"}
    )
    assert response.status_code == 200
    assert "field-error" in response.content.decode()


@pytest.mark.usefixtures("fragment_cache")
def test_a_new_need_shows_in_the_share_form_at_once(practitioner_client, committed):
    practitioner_client.get("/bright-spots/submit/")
    with committed():
        Need.objects.create(name="Leaving care at eighteen")
    assert "Leaving care at eighteen" in practitioner_client.get("/bright-spots/submit/").text


@pytest.mark.usefixtures("fragment_cache")
def test_a_refused_share_form_keeps_what_was_typed(practitioner_client):
    practitioner_client.get("/bright-spots/submit/")
    response = practitioner_client.post(
        "/bright-spots/submit/", {"title": "Warm handover at the hospital door", "action": "submit"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Warm handover at the hospital door"' in page
