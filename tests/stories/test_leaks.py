"""Participant records never reach shared search, feeds or the home page, whoever is looking."""

from django.urls import reverse

import pytest

from .conftest import JOURNEY_WORD, OWN_WORDS

EVERYONE = [
    "practitioner",
    "forum_host",
    "facilitator",
    "case_team_member",
    "leader",
    "administrator",
    "team_member",
]


@pytest.mark.parametrize("role", EVERYONE)
def test_shared_search_never_returns_journeys(client, request, role, touchpoint, summary):
    summary.published = True
    summary.save()
    client.force_login(request.getfixturevalue(role))
    participant = touchpoint.participant
    # The page echoes the query; it must echo a journey's words exactly as often as words that
    # exist nowhere, i.e. never as a result.
    baseline = client.get(reverse("search:search"), {"q": "WA-NONE"}).text.count("WA-NONE")
    for words in (JOURNEY_WORD, OWN_WORDS.split()[-1], participant.code):
        response = client.get(reverse("search:search"), {"q": words})
        assert response.status_code == 200
        assert "/case-learning/participants/" not in response.text
        assert "/case-learning/touchpoints/" not in response.text
        assert response.text.count(words) == baseline, words
    found = client.get(reverse("search:search"), {"q": "Riverside"})
    assert summary.get_absolute_url() in found.text


def test_feeds_never_carry_journeys(client, touchpoint):
    response = client.get(reverse("brightspots:feed"))
    assert response.status_code == 200
    for secret in (JOURNEY_WORD, touchpoint.participant.code, "case-learning"):
        assert secret not in response.content.decode()
