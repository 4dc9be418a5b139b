from django.urls import reverse

from wagtail.search.backends import get_search_backend

import pytest

from barriers.models import Barrier, Occurrence
from stories.models import AccessLogEntry, CohortSummary, Participant, Touchpoint
from stories.services import link_barriers, withdraw_consent

from .conftest import ALIAS, JOURNEY_WORD, LEARNING_WORD, OWN_WORDS


def test_withdrawal_removes_text_everywhere_and_keeps_counts(
    team_client, team_member, participant, touchpoint, summary
):
    barrier = Barrier.objects.create(title="First appointment nobody owns")
    link_barriers(touchpoint, [barrier], team_member)
    summary.published = True
    summary.save()
    figures_before = summary.figures()
    url = reverse("stories:participant_withdraw", args=[participant.pk])

    confirm = team_client.get(url)
    assert "Withdraw consent for" in confirm.text
    refused = team_client.post(url, {})
    assert "Tick the box to confirm" in refused.text
    assert Participant.objects.get(pk=participant.pk).alias == ALIAS

    response = team_client.post(url, {"confirm": "on"}, follow=True)

    participant.refresh_from_db()
    touchpoint.refresh_from_db()
    assert participant.alias == ""
    assert participant.consent_status == Participant.Consent.WITHDRAWN
    assert participant.consent_withdrawn_at is not None
    assert (touchpoint.what_happened, touchpoint.persons_view, touchpoint.learning_note) == (
        "",
        "",
        "",
    )
    # Counts, dates, agencies and barrier occurrences stand.
    assert touchpoint.outcome == Touchpoint.Outcome.SNAGGED
    assert Occurrence.objects.filter(barrier=barrier, source="journey").count() == 1
    assert summary.figures() == figures_before
    # The page says what happened, and shows none of the old text.
    html = response.text
    note = f"Consent withdrawn on {participant.consent_withdrawn_at:%-d %B %Y}: narrative removed"
    assert note in html
    for text in (JOURNEY_WORD, OWN_WORDS, LEARNING_WORD, ALIAS):
        assert text not in html
    assert "Add a touchpoint" not in html
    # Nothing is findable: the team's search and the shared index.
    cohort_page = team_client.get(participant.cohort.get_absolute_url(), {"q": JOURNEY_WORD})
    assert "0 touchpoints match" in cohort_page.text
    assert list(get_search_backend().search(JOURNEY_WORD, CohortSummary)) == []
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.WITHDRAW)
    assert entry.user == team_member
    assert entry.object_label == participant.code


def test_withdrawal_is_one_transaction(monkeypatch, team_member, participant, touchpoint):
    def fail(*args, **kwargs):
        raise RuntimeError("log unavailable")

    monkeypatch.setattr("stories.services.record_access", fail)
    with pytest.raises(RuntimeError):
        withdraw_consent(participant, team_member)
    touchpoint.refresh_from_db()
    assert JOURNEY_WORD in touchpoint.what_happened
    assert Participant.objects.get(pk=participant.pk).consent_status == "given"


def test_withdrawal_also_removes_free_text_service_and_relationship_role(team_member, participant):
    from stories.factories import TouchpointFactory
    from stories.models.participants import WITHDRAWN_SERVICE

    participant.has_expert_by_relationship = True
    participant.expert_by_relationship_role = "her sister"
    participant.save()
    touchpoint = TouchpointFactory(participant=participant, agency=None, service="café on Grey St")

    withdraw_consent(participant, team_member)

    participant.refresh_from_db()
    touchpoint.refresh_from_db()
    assert participant.expert_by_relationship_role == ""
    assert touchpoint.service == ""
    assert touchpoint.where == WITHDRAWN_SERVICE


def test_default_summary_title_does_not_repeat_the_cohort_name(team_client, cohort):
    from django.urls import reverse

    response = team_client.get(reverse("stories:summary_edit", args=[cohort.pk]))
    title = response.context["form"]["title"].value()
    assert cohort.name not in title
    assert title.startswith("What walking alongside taught us")
