"""Numbers no real page reaches get a message, never a server error."""

from django.urls import reverse

import pytest

from search.factories import issue_token

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999"


def test_a_huge_page_number_on_the_search_page_says_what_to_change(practitioner_client):
    response = practitioner_client.get(reverse("search:search"), {"q": "housing", "page": HUGE})
    assert response.status_code == 200
    assert "less than or equal to 10000" in response.text


def test_a_huge_page_number_on_the_api_is_a_400_naming_the_parameter(client, practitioner):
    _token, plain = issue_token(practitioner)
    response = client.get(
        reverse("api:search"), {"page": HUGE}, HTTP_AUTHORIZATION=f"Bearer {plain}"
    )
    assert response.status_code == 400
    assert "page" in response.json()["errors"]


@pytest.mark.parametrize("text", ['"abc', 'ab"c""', "a*b(", "NEAR(", "-x", "^"])
def test_suggestions_survive_search_syntax(practitioner_client, text):
    from barriers.factories import BarrierFactory

    BarrierFactory(title="Abc housing waits")
    response = practitioner_client.get(reverse("search:suggest"), {"q": text})
    assert response.status_code == 200
