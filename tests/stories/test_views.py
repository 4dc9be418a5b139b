import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from barriers.models import Barrier, Occurrence
from stories.factories import ParticipantFactory, ParticipantReadFactory, TouchpointFactory
from stories.models import AccessLogEntry, Cohort, CohortMembership, Participant, Touchpoint

from .conftest import ALIAS, JOURNEY_WORD, OWN_WORDS


def test_participant_page_shows_the_journey_as_an_ordered_list_then_a_timeline(
    team_client, participant, touchpoint
):
    TouchpointFactory(participant=participant, outcome="helped", date=datetime.date(2026, 1, 2))
    response = team_client.get(participant.get_absolute_url())
    html = response.text
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert '<ol class="journey">' in html
    assert html.index('<ol class="journey">') < html.index("<svg")
    # Earliest first, with the outcome in words, not colour alone.
    assert html.index("2 Jan 2026") < html.index(touchpoint.date.strftime("%-d %b %Y"))
    assert '<span class="visually-hidden">Outcome: </span>Snagged' in html
    assert "2 touchpoints from 2 Jan 2026" in html
    assert "1 helped, 1 snagged, 0 neutral" in html
    assert JOURNEY_WORD in html
    assert OWN_WORDS in html
    assert "own words" in html


def test_reading_a_participant_is_logged_with_user_and_time(team_client, team_member, participant):
    before = timezone.now()
    team_client.get(participant.get_absolute_url())
    entry = AccessLogEntry.objects.get(action="read", object_type="participant")
    assert entry.user == team_member
    assert entry.at >= before
    assert entry.object_id == str(participant.pk)
    assert entry.object_label == participant.code
    assert entry.cohort == participant.cohort
    assert entry.path == participant.get_absolute_url()


def test_outsider_attempts_are_not_logged_as_reads(client, practitioner, participant):
    client.force_login(practitioner)
    client.get(participant.get_absolute_url())
    assert not AccessLogEntry.objects.exists()


def test_case_learning_team_member_starts_a_cohort_and_joins_its_team(client, case_team_member):
    client.force_login(case_team_member)
    response = client.post(
        reverse("stories:cohort_create"), {"name": "Cohort two", "status": "planning"}
    )
    cohort = Cohort.objects.get(name="Cohort two")
    assert response.url == reverse("stories:cohort_team", args=[cohort.pk])
    assert cohort.memberships.get().user == case_team_member


def test_adding_a_team_member_makes_the_cohort_visible_to_them(team_client, cohort, practitioner):
    response = team_client.post(
        reverse("stories:cohort_team", args=[cohort.pk]),
        {"user": practitioner.pk, "role": CohortMembership.Role.EXPERT_BY_EXPERIENCE},
        follow=True,
    )
    assert "joined the team as Expert by experience" in response.text
    assert Cohort.objects.visible_to(practitioner).filter(pk=cohort.pk).exists()
    membership = cohort.memberships.get(user=practitioner)
    team_client.post(reverse("stories:cohort_team_remove", args=[cohort.pk, membership.pk]))
    assert not Cohort.objects.visible_to(practitioner).exists()


def test_adding_a_participant_generates_a_code_and_logs_it(team_client, cohort, team_member):
    response = team_client.post(
        reverse("stories:participant_create", args=[cohort.pk]),
        {
            "alias": "Sky",
            "consent_status": "given",
            "consent_date": "2026-01-10",
            "involvement": "co_author",
            "lead_practitioner": team_member.pk,
        },
        follow=True,
    )
    participant = Participant.objects.get(alias="Sky")
    assert f"Participant {participant.code} added." in response.text
    assert AccessLogEntry.objects.filter(action="create", object_id=participant.pk).exists()


def test_a_ninth_participant_is_added_with_a_warning(team_client, cohort):
    for _ in range(8):
        ParticipantFactory(cohort=cohort)
    url = reverse("stories:participant_create", args=[cohort.pk])
    assert "already has 8 participants" in team_client.get(url).text
    response = team_client.post(
        url, {"consent_status": "pending", "involvement": "reviewer"}, follow=True
    )
    assert cohort.participants.count() == 9
    assert "This cohort now has 9 participants" in response.text
    assert "message-warning" in response.text


def test_privacy_error_keeps_everything_typed(team_client, participant):
    data = {
        "date": "2026-03-03",
        "service": "Outreach café",
        "kind": "outreach",
        "outcome": "helped",
        "what_happened": "Met at the café and talked about housing.",
        "persons_view": "Ring me on 07700 900123",
    }
    response = team_client.post(reverse("stories:touchpoint_create", args=[participant.pk]), data)
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Met at the café and talked about housing." in response.text
    assert "Outreach café" in response.text
    assert not participant.touchpoints.exists()


def test_linking_a_barrier_records_a_journey_occurrence(team_client, participant, touchpoint):
    barrier = Barrier.objects.create(title="Referral loop between mental health and drugs")
    url = reverse("stories:touchpoint_edit", args=[touchpoint.pk])
    data = {
        "date": touchpoint.date.isoformat(),
        "agency": touchpoint.agency_id,
        "kind": touchpoint.kind,
        "outcome": touchpoint.outcome,
        "what_happened": touchpoint.what_happened,
        "barriers": [barrier.pk],
    }
    team_client.post(url, data)
    occurrence = Occurrence.objects.get(barrier=barrier)
    assert occurrence.source == Occurrence.Source.JOURNEY
    assert occurrence.source_object == touchpoint
    assert occurrence.agency == touchpoint.agency
    assert occurrence.date == touchpoint.date
    assert occurrence.note == ""
    # Saving again does not count it twice; unlinking removes the count.
    team_client.post(url, data)
    assert Occurrence.objects.filter(barrier=barrier).count() == 1
    team_client.post(url, {**data, "barriers": []})
    assert not Occurrence.objects.filter(barrier=barrier).exists()
    assert AccessLogEntry.objects.filter(action="update", object_type="touchpoint").count() == 3


def test_cohort_overview_counts_snags_by_agency_and_searches(team_client, cohort, touchpoint):
    response = team_client.get(cohort.get_absolute_url())
    assert touchpoint.agency.name in response.text
    assert "0 helped, 0 neutral, 1 snagged" in response.text
    found = team_client.get(cohort.get_absolute_url(), {"q": JOURNEY_WORD})
    assert "1 touchpoint match" in found.text
    assert touchpoint.participant.code in found.text
    missing = team_client.get(cohort.get_absolute_url(), {"q": "nothing-like-this"})
    assert "0 touchpoints match" in missing.text


def test_publishing_a_summary_and_unpublishing_it(team_client, cohort, practitioner):
    url = reverse("stories:summary_edit", args=[cohort.pk])
    response = team_client.post(
        url,
        {"title": "Riverside learning", "summary": "Bounced referrals.", "published": "on"},
        follow=True,
    )
    assert "Summary published" in response.text
    summary = cohort.summary
    client = Client()
    client.force_login(practitioner)
    assert client.get(summary.get_absolute_url()).status_code == 200
    team_client.post(url, {"title": "Riverside learning", "summary": "Bounced referrals."})
    assert client.get(summary.get_absolute_url()).status_code == 404


def test_published_summary_shows_no_participant_data(client, practitioner, touchpoint, summary):
    summary.published = True
    summary.save()
    client.force_login(practitioner)
    html = client.get(summary.get_absolute_url()).text
    participant = touchpoint.participant
    for secret in (participant.code, participant.alias, JOURNEY_WORD, OWN_WORDS):
        assert secret not in html
    assert "1 participant, 1 touchpoint: 0 helped, 0 neutral, 1 snagged" in html


def test_withdrawn_journeys_cannot_be_changed(team_client, participant, touchpoint):
    participant.consent_status = Participant.Consent.WITHDRAWN
    participant.save()
    for url in (
        reverse("stories:touchpoint_create", args=[participant.pk]),
        reverse("stories:touchpoint_edit", args=[touchpoint.pk]),
        reverse("stories:participant_edit", args=[participant.pk]),
    ):
        response = team_client.get(url)
        assert response.status_code == 302
        assert response.url == participant.get_absolute_url()


@pytest.mark.parametrize("field", ["cohort", "user", "date"])
def test_audit_log_filters(client, administrator, team_member, cohort, participant, field):
    other = ParticipantFactory()
    ParticipantReadFactory(user=team_member, participant=participant)
    ParticipantReadFactory(
        user=administrator, participant=other, at=timezone.now() - datetime.timedelta(days=30)
    )
    params = {
        "cohort": {"cohort": cohort.pk},
        "user": {"user": team_member.pk},
        "date": {"date_from": timezone.localdate().isoformat()},
    }[field]
    client.force_login(administrator)
    html = client.get(reverse("stories:audit_log"), params).text
    assert "1 entry." in html
    assert participant.code in html
    assert other.code not in html


def test_touchpoint_kinds_and_outcomes_match_the_issue():
    assert set(Touchpoint.Kind.values) == {
        "referral",
        "assessment",
        "appointment",
        "outreach",
        "crisis",
        "admission",
        "discharge",
        "informal_support",
        "other",
    }
    assert set(Touchpoint.Outcome.values) == {"helped", "neutral", "snagged"}


def test_export_is_structure_only_and_logged(team_client, team_member, cohort, touchpoint):
    response = team_client.get(reverse("stories:cohort_export", args=[cohort.pk]))
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == '"participant","date","agency or service","kind","outcome","barriers"'
    assert lines[1].startswith(f'"{touchpoint.participant.code}","{touchpoint.date.isoformat()}",')
    assert ',"Referral","Snagged",' in lines[1]
    assert JOURNEY_WORD not in response.content.decode()
    assert ALIAS not in response.content.decode()
    entry = AccessLogEntry.objects.get(action="export")
    assert (entry.user, entry.cohort) == (team_member, cohort)


def test_cohort_search_results_are_logged_as_reads_of_each_participant_found(
    team_client, team_member, cohort, touchpoint
):
    other = ParticipantFactory(cohort=cohort)
    TouchpointFactory(participant=other, what_happened="Seen at the café.")
    team_client.get(cohort.get_absolute_url(), {"q": JOURNEY_WORD})
    reads = AccessLogEntry.objects.filter(action="read", object_type="participant")
    assert [(entry.user, entry.object_label) for entry in reads] == [
        (team_member, touchpoint.participant.code)
    ]
    team_client.get(cohort.get_absolute_url())
    assert reads.count() == 1


def test_search_terms_are_not_kept_in_the_access_log(team_client, cohort, touchpoint):
    team_client.get(cohort.get_absolute_url(), {"q": JOURNEY_WORD})
    entry = AccessLogEntry.objects.get(object_type="cohort")
    assert entry.path == cohort.get_absolute_url()


@pytest.mark.usefixtures("fragment_cache")
def test_someone_taken_off_the_cohort_team_cannot_read_a_journey_they_read_before(
    team_client, participant, touchpoint, practitioner, committed
):
    cohort = participant.cohort
    team_client.post(
        reverse("stories:cohort_team", args=[cohort.pk]),
        {"user": practitioner.pk, "role": "expert_by_experience"},
    )
    expert = Client()
    expert.force_login(practitioner)
    assert expert.get(participant.get_absolute_url()).status_code == 200
    assert expert.get(participant.get_absolute_url()).status_code == 200  # kept
    membership = cohort.memberships.get(user=practitioner)
    with committed():
        team_client.post(reverse("stories:cohort_team_remove", args=[cohort.pk, membership.pk]))
    response = expert.get(participant.get_absolute_url())
    assert response.status_code == 404
    assert JOURNEY_WORD not in response.text


@pytest.mark.usefixtures("fragment_cache")
def test_a_kept_journey_shows_a_new_alias_at_once(team_client, participant, committed):
    assert ALIAS in team_client.get(participant.get_absolute_url()).text
    with committed():
        participant.alias = "Brackenlow"
        participant.save()
    html = team_client.get(participant.get_absolute_url()).text
    assert "Brackenlow" in html and ALIAS not in html


def test_a_kept_participant_holds_no_password_hash(
    team_client, team_member, participant, kept_bytes
):
    assert team_client.get(participant.get_absolute_url()).status_code == 200
    assert kept_bytes()  # the page was kept
    assert participant.lead_practitioner == team_member
    assert team_member.password.encode() not in kept_bytes()
