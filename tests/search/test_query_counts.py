"""Search page and API list queries (#16): as many with 3n records as with n; none spent on
what the database backend or the search itself does not need."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends.database import DatabaseLearningBackend
from search.factories import issue_token, make_bright_spot


def spots(count, start):
    for number in range(start, start + count):
        make_bright_spot(f"Housing advice clinic {number}", summary="Housing help at the library")


def test_search_page_queries_do_not_grow_with_matching_records(practitioner_client, page_queries):
    spots(2, 0)
    before = page_queries(practitioner_client, "/search/?q=housing")
    spots(4, 2)
    assert page_queries(practitioner_client, "/search/?q=housing") == before


def test_api_list_queries_do_not_grow_with_matching_records(client, practitioner, page_queries):
    _token, plain = issue_token(practitioner)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {plain}"
    spots(2, 0)
    before = page_queries(client, "/api/v1/search?q=housing")
    spots(4, 2)
    assert page_queries(client, "/api/v1/search?q=housing") == before


def test_the_database_backend_keys_results_without_a_query(db, django_assert_num_queries):
    # Its index is written in the saving transaction: the data version covers it.
    with django_assert_num_queries(0):
        assert DatabaseLearningBackend().index_state() == ()


def test_a_search_without_facets_reads_no_vocabulary(practitioner_client):
    spots(1, 0)
    practitioner_client.get("/search/?q=housing")  # the facet labels are cached from here on
    with CaptureQueriesContext(connection) as captured:
        practitioner_client.get("/search/?q=housing")
    assert not [query for query in captured if '"taxonomy_need"' in query["sql"]]
    # A chosen value is still checked against the vocabulary.
    response = practitioner_client.get("/search/?q=housing&need=99999")
    assert "Select a valid choice" in response.content.decode()
