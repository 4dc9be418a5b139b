"""The API list is shared as the search page is (#16): repeat calls are answered from the fragment
cache, never across audiences, never after a write."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from common import fragments
from search.engine import outbox
from search.factories import issue_token, make_bright_spot
from search.models import LearningRecord

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]

URL = "/api/v1/search"
RECORDS_TABLE = LearningRecord._meta.db_table


def call(client, token, **params):
    """(JSON body, whether the call searched the records)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200, response.content
    return response.json(), any(RECORDS_TABLE in query["sql"] for query in captured)


def test_a_repeat_call_is_answered_without_searching_and_says_the_same(client, practitioner):
    make_bright_spot("Housing advice clinic", summary="Housing help at the library")
    # On an engine the worker sends a save to the index soon after it. Left unsent, the first
    # search would send it itself, the index state in the key (pending changes) would differ
    # between the two calls, and the second would search again (a miss, never a wrong answer).
    outbox.send_due()
    _token, plain = issue_token(practitioner)
    first, searched = call(client, plain, q="housing")
    assert searched
    again, searched_again = call(client, plain, q="housing")
    assert not searched_again
    assert again == first
    assert [result["title"] for result in again["results"]] == ["Housing advice clinic"]


def test_other_parameters_are_another_search(client, practitioner):
    make_bright_spot("Housing advice clinic", summary="Housing help at the library")
    make_bright_spot("Benefits advice clinic", summary="Benefits help at the library")
    _token, plain = issue_token(practitioner)
    housing, _ = call(client, plain, q="housing")
    benefits, searched = call(client, plain, q="benefits")
    assert searched
    assert [r["title"] for r in housing["results"]] == ["Housing advice clinic"]
    assert [r["title"] for r in benefits["results"]] == ["Benefits advice clinic"]


def test_someone_with_other_roles_never_gets_the_cached_answer(
    client, practitioner, case_team_member
):
    make_bright_spot("Housing advice clinic", summary="Housing help at the library")
    _token, practitioners = issue_token(practitioner)
    _token, case_teams = issue_token(case_team_member)
    call(client, practitioners, q="housing")
    _body, searched = call(client, case_teams, q="housing")
    assert searched


def test_a_write_shows_at_once(client, practitioner):
    make_bright_spot("Housing advice clinic", summary="Housing help at the library")
    _token, plain = issue_token(practitioner)
    before, _ = call(client, plain, q="housing")
    make_bright_spot("Housing first pilot", summary="Housing before treatment")
    # The write's transaction commits (the test's own never does): a new data version.
    fragments._new_version()
    after, searched = call(client, plain, q="housing")
    assert searched
    assert before["count"] == 1
    assert after["count"] == 2


def test_a_revoked_token_is_refused_even_for_a_cached_answer(client, practitioner):
    make_bright_spot("Housing advice clinic", summary="Housing help at the library")
    token, plain = issue_token(practitioner)
    call(client, plain, q="housing")
    token.revoke()
    response = client.get(URL, {"q": "housing"}, HTTP_AUTHORIZATION=f"Bearer {plain}")
    assert response.status_code == 401


def test_a_kept_answer_is_byte_for_byte_the_first_and_fits_the_documented_schema(
    client, practitioner
):
    from search.api import SearchResponse

    make_bright_spot("Housing advice clinic", summary="Housing help at the library")
    outbox.send_due()
    _token, plain = issue_token(practitioner)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {plain}"}
    first = client.get(URL, {"q": "housing"}, **auth)
    again = client.get(URL, {"q": "housing"}, **auth)
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"] == "application/json; charset=utf-8"
    assert SearchResponse.model_validate(again.json()).count == 1
