from unittest import mock

from django.urls import reverse

import pytest

from search.backends import SearchUnavailable
from search.models import SavedSearch

pytestmark = pytest.mark.django_db


def test_sign_in_required(client):
    response = client.get(reverse("search:search"))
    assert response.status_code == 302
    assert "sign-in" in response["Location"] or "login" in response["Location"]


def test_results_with_badges_highlights_and_facets(practitioner_client, corpus):
    response = practitioner_client.get(reverse("search:search"), {"q": "naloxone"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Naloxone carried by hostel staff and peers" in content
    assert '<span class="badge badge-bright_spot">Bright Spot</span>' in content
    assert "<mark>" in content
    assert 'name="type" value="bright_spot"' in content
    assert content.count("<h1") == 1


def test_facet_filter_narrows_results(practitioner_client, corpus):
    response = practitioner_client.get(
        reverse("search:search"), {"q": "relapse", "type": "barrier"}
    )
    content = response.content.decode()
    assert "Evicted from hostel for relapse" in content
    assert "Relapse did not close the case" not in content
    assert "Remove Type: Barrier" in content


def test_empty_state_offers_spelling_and_broader_queries(practitioner_client, corpus):
    response = practitioner_client.get(
        reverse("search:search"), {"q": "naloxone", "type": "review", "year": "2022"}
    )
    content = response.content.decode()
    assert "No results" in content
    assert "removing a filter" in content
    assert "searching without any filters" in content


def test_invalid_dates_are_explained(practitioner_client, corpus):
    response = practitioner_client.get(
        reverse("search:search"), {"date_from": "2024-05-01", "date_to": "2024-01-01"}
    )
    assert "must be on or after" in response.content.decode()


def test_unreachable_backend_is_said_plainly(practitioner_client, corpus):
    with mock.patch(
        "search.service.get_learning_backend",
        return_value=mock.Mock(search=mock.Mock(side_effect=SearchUnavailable("down"))),
    ):
        response = practitioner_client.get(reverse("search:search"), {"q": "housing"})
    assert response.status_code == 200
    assert "Search is not available right now" in response.content.decode()


def test_suggestions_endpoint(practitioner_client, corpus):
    response = practitioner_client.get(reverse("search:suggest"), {"q": "nalo"})
    data = response.json()
    assert data["query"] == "nalo"
    assert "Naloxone carried by hostel staff and peers" in [s["label"] for s in data["suggestions"]]
    terms = practitioner_client.get(reverse("search:suggest"), {"q": "MAR"}).json()
    assert "MARAC" in [s["label"] for s in terms["suggestions"]]
    assert (
        practitioner_client.get(reverse("search:suggest"), {"q": "a"}).json()["suggestions"] == []
    )


def test_save_search_keeps_query_and_filters(practitioner_client, practitioner, corpus):
    response = practitioner_client.post(
        reverse("search:save"),
        {"search": "q=hospital+discharge&type=barrier&sort=newest", "name": "Discharge",
         "frequency": "monthly"},
    )  # fmt: skip
    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=practitioner)
    assert (saved.name, saved.query, saved.filters, saved.frequency) == (
        "Discharge", "hospital discharge", {"type": ["barrier"]}, "monthly"
    )  # fmt: skip


def test_save_search_explains_a_missing_name(practitioner_client):
    response = practitioner_client.post(
        reverse("search:save"), {"search": "q=relapse", "name": "", "frequency": "weekly"}
    )
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_account_page_manages_saved_searches_and_tokens(practitioner_client, practitioner):
    saved = SavedSearch.objects.create(user=practitioner, name="Relapse", query="relapse")
    content = practitioner_client.get(reverse("people:account")).content.decode()
    assert "Saved searches" in content and "Relapse" in content and "API tokens" in content
    response = practitioner_client.post(
        reverse("search:saved_edit", args=[saved.pk]),
        {f"saved-{saved.pk}-name": "Relapse in hostels", f"saved-{saved.pk}-frequency": "never"},
    )
    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.name, saved.frequency) == ("Relapse in hostels", "never")
    practitioner_client.post(reverse("search:saved_delete", args=[saved.pk]))
    assert not SavedSearch.objects.exists()


def test_other_peoples_saved_searches_are_not_editable(practitioner_client, leader):
    saved = SavedSearch.objects.create(user=leader, name="Mine", query="x")
    response = practitioner_client.post(reverse("search:saved_delete", args=[saved.pk]))
    assert response.status_code == 404


def test_create_and_revoke_token_from_the_account_page(practitioner_client, practitioner):
    response = practitioner_client.post(reverse("search:token_create"), {"token-name": "Dashboard"})
    assert response.status_code == 302
    content = practitioner_client.get(reverse("people:account")).content.decode()
    assert "Your new token" in content
    token = practitioner.search_api_tokens.get()
    assert token.prefix in content
    again = practitioner_client.get(reverse("people:account")).content.decode()
    assert "Your new token" not in again
    practitioner_client.post(reverse("search:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert not token.is_active


def test_a_corrected_search_says_what_it_searched_for(practitioner_client, corpus):
    response = practitioner_client.get(reverse("search:search"), {"q": "naloxne"})
    content = response.content.decode()
    assert "No record contains some of the words in “naloxne”" in content
    assert "results for <strong>“naloxone”</strong>" in content


def test_a_question_finds_the_record_that_answers_it(practitioner_client, corpus):
    response = practitioner_client.get(
        reverse("search:search"), {"q": "has anyone got a way round naloxone for hostel staff?"}
    )
    assert "Naloxone carried by hostel staff and peers" in response.content.decode()


@pytest.mark.usefixtures("fragment_cache")
def test_a_kept_results_page_saves_the_search_with_the_readers_own_token(practitioner, corpus):
    import re

    from django.test import Client

    from people import roles
    from people.factories import UserFactory

    first = Client()
    first.force_login(practitioner)
    assert first.get(reverse("search:search"), {"q": "naloxone"}).status_code == 200
    colleague = UserFactory(roles=[roles.PRACTITIONER], agency=practitioner.agency)
    reader = Client(enforce_csrf_checks=True)
    reader.force_login(colleague)
    page = reader.get(reverse("search:search"), {"q": "naloxone"}).content.decode()
    assert "Save this search" in page
    token = re.search(
        r'action="/search/saved/"[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken" '
        r'value="([^"]+)"',
        page,
    )
    assert token, "the save form carries a token"
    response = reader.post(
        reverse("search:save"),
        {"search": "q=naloxone", "name": "Naloxone", "frequency": "weekly",
         "csrfmiddlewaretoken": token[1]},
    )  # fmt: skip
    assert response.status_code == 302
    assert SavedSearch.objects.get(user=colleague).name == "Naloxone"
