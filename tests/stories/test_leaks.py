"""Participant records never reach shared search, feeds or the home page, whoever is looking."""

from django.urls import reverse

import pytest

from search.factories import issue_token

from .conftest import ALIAS, JOURNEY_WORD, OWN_WORDS

# Every test here uses the database, some through a fixture named by a parameter: marked, so
# they run before the committed tests, which leave the tables empty (pytest-django's order).
pytestmark = pytest.mark.django_db

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


def secrets_of(touchpoint):
    participant = touchpoint.participant
    return (JOURNEY_WORD, OWN_WORDS, participant.code, participant.alias, "participants/")


@pytest.mark.parametrize("role", EVERYONE)
def test_search_suggestions_and_the_api_never_return_journeys(client, request, role, touchpoint):
    user = request.getfixturevalue(role)
    client.force_login(user)
    _token, plain = issue_token(user)
    for words in (JOURNEY_WORD, touchpoint.participant.code, ALIAS):
        suggested = client.get(reverse("search:suggest"), {"q": words})
        assert suggested.status_code == 200
        assert suggested.json()["suggestions"] == [], words
        api = client.get(reverse("api:search"), {"q": words}, HTTP_AUTHORIZATION=f"Bearer {plain}")
        assert api.status_code == 200
        assert api.json()["results"] == [], words


@pytest.mark.parametrize("role", [None, *EVERYONE])
def test_feeds_never_carry_journeys(client, request, role, touchpoint):
    if role:
        client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("brightspots:feed"))
    assert response.status_code == 200
    for secret in (*secrets_of(touchpoint), "case-learning"):
        assert secret not in response.content.decode()


@pytest.mark.parametrize("role", EVERYONE)
def test_home_page_never_shows_journeys(client, request, role, touchpoint, summary):
    summary.published = True
    summary.save()
    client.force_login(request.getfixturevalue(role))
    home = client.get("/")
    assert home.status_code == 200
    assert summary.get_absolute_url() in home.text
    for secret in secrets_of(touchpoint):
        assert secret not in home.text
