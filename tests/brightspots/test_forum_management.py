"""Running a forum session from the site: agenda, registrations, a colleague's place, export."""

import csv
import io
from datetime import timedelta

from django.utils import timezone

import pytest

from brightspots.factories import (
    AgendaItemFactory,
    BrightSpotPageFactory,
    ForumSessionPageFactory,
    RegistrationFactory,
)
from brightspots.models import ForumSessionPage, Registration
from people import roles
from people.factories import UserFactory

pytestmark = pytest.mark.django_db


def manage_url(session):
    return f"/forum/{session.pk}/manage/"


def agenda_titles(session):
    session = ForumSessionPage.objects.get(pk=session.pk)
    return [item.bright_spot.title for item in session.agenda_items.all()]


def add(client, session, spot, **extra):
    return client.post(
        manage_url(session),
        {"form": "agenda", "agenda-bright_spot": spot.pk, "agenda-minutes": 10, **extra},
    )


def test_host_builds_and_reorders_the_agenda_from_approved_bright_spots(host_client, forum_host):
    session = ForumSessionPageFactory()
    first, second, third = (BrightSpotPageFactory(title=t) for t in ("Alpha", "Beta", "Gamma"))
    draft = BrightSpotPageFactory(title="Not approved yet", live=False)

    page = host_client.get(manage_url(session)).content.decode()
    assert "Alpha" in page
    assert "Not approved yet" not in page

    for spot in (first, second, third):
        assert add(host_client, session, spot).status_code == 302
    assert agenda_titles(session) == ["Alpha", "Beta", "Gamma"]
    assert add(host_client, session, draft).status_code == 200  # not a choice: form error
    assert agenda_titles(session) == ["Alpha", "Beta", "Gamma"]

    host_client.post(manage_url(session), {"up": third.pk})
    assert agenda_titles(session) == ["Alpha", "Gamma", "Beta"]
    host_client.post(manage_url(session), {"down": first.pk})
    assert agenda_titles(session) == ["Gamma", "Alpha", "Beta"]
    host_client.post(manage_url(session), {"up": third.pk})  # already first: stays
    assert agenda_titles(session) == ["Gamma", "Alpha", "Beta"]
    host_client.post(manage_url(session), {"remove": first.pk})
    assert agenda_titles(session) == ["Gamma", "Beta"]

    public = host_client.get(session.url).content.decode()
    assert public.index("Gamma") < public.index("Beta")
    item = ForumSessionPage.objects.get(pk=session.pk).agenda_items.first()
    assert item.presenter == third.submitted_by  # the person who shared it, unless chosen
    assert item.minutes == 10


def test_agenda_change_is_one_published_revision(host_client, forum_host):
    session = ForumSessionPageFactory()
    spot = BrightSpotPageFactory()
    revisions = session.revisions.count()
    add(host_client, session, spot, **{"agenda-starts_at": "14:15"})
    session.refresh_from_db()
    assert session.revisions.count() == revisions + 1
    assert session.live_revision == session.latest_revision
    assert session.agenda_items.get().starts_at.strftime("%H:%M") == "14:15"


def test_host_sees_registrations_and_registers_a_colleague(host_client):
    session = ForumSessionPageFactory(capacity=2)
    RegistrationFactory(session=session, user=UserFactory(first_name="Ada", last_name="Byron"))
    colleague = UserFactory(first_name="Grace", last_name="Hopper")
    late = UserFactory(first_name="Alan", last_name="Turing")

    page = host_client.get(manage_url(session)).content.decode()
    assert "Ada Byron" in page
    assert "1 of 2 places taken" in page

    response = host_client.post(
        manage_url(session), {"form": "colleague", "colleague-colleague": colleague.pk}, follow=True
    )
    assert "Grace Hopper is registered." in response.content.decode()
    assert Registration.objects.get(user=colleague).status == Registration.Status.REGISTERED

    response = host_client.post(
        manage_url(session), {"form": "colleague", "colleague-colleague": late.pk}, follow=True
    )
    assert "Alan Turing is on the waiting list" in response.content.decode()
    assert Registration.objects.get(user=late).status == Registration.Status.WAITLISTED
    # Someone already registered is no longer offered.
    form = host_client.get(manage_url(session)).context["colleague_form"]
    assert colleague not in form.fields["colleague"].queryset


def test_attendee_csv_escapes_cells_a_spreadsheet_would_run(host_client):
    session = ForumSessionPageFactory()
    RegistrationFactory(
        session=session, user=UserFactory(first_name='=HYPERLINK("x")', last_name="Evil")
    )
    RegistrationFactory(session=session, user=UserFactory(first_name="@SUM", last_name="(A1)"))
    RegistrationFactory(session=session, user=UserFactory(first_name="Plain", last_name="Name"))
    cancelled = RegistrationFactory(session=session, status=Registration.Status.CANCELLED)

    response = host_client.get(f"/forum/{session.pk}/attendees.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Name", "Email", "Agency", "Status", "Registered", "Attended"]
    names = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("x") Evil' in names
    assert "'@SUM (A1)" in names
    assert "Plain Name" in names
    assert cancelled.user.get_full_name() not in names
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_only_hosts_manage_a_session(practitioner_client, client, forum_host):
    session = ForumSessionPageFactory()
    AgendaItemFactory(session=session)
    for url in (manage_url(session), f"/forum/{session.pk}/attendees.csv"):
        assert practitioner_client.get(url).status_code == 403
    assert practitioner_client.post(manage_url(session), {"remove": "1"}).status_code == 403
    assert practitioner_client.get("/forum/999999/manage/").status_code == 404
    client.logout()  # `client` is the practitioner's browser
    assert client.get(manage_url(session)).status_code == 302  # to sign in


def test_a_session_host_without_the_role_may_manage_their_own_session(client):
    host = UserFactory(roles=[roles.PRACTITIONER])
    session = ForumSessionPageFactory(hosts=[host])
    client.force_login(host)
    assert client.get(manage_url(session)).status_code == 200


def test_registering_a_colleague_closes_when_the_session_starts(host_client):
    starts = timezone.now() - timedelta(minutes=5)
    session = ForumSessionPageFactory(starts_at=starts, ends_at=starts + timedelta(hours=1))
    colleague = UserFactory()
    response = host_client.post(
        manage_url(session), {"form": "colleague", "colleague-colleague": colleague.pk}, follow=True
    )
    assert "already started" in response.content.decode()
    assert not Registration.objects.filter(user=colleague).exists()


def test_a_colleague_registered_by_the_host_gets_the_reminder(host_client):
    session = ForumSessionPageFactory(starts_at=timezone.now() + timedelta(hours=3))
    colleague = UserFactory()
    host_client.post(
        manage_url(session), {"form": "colleague", "colleague-colleague": colleague.pk}
    )
    assert [r.user for r in Registration.objects.due_reminder(hours=24)] == [colleague]
