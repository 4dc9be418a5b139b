"""The search page and the API list make as many queries with 3n records as with n (#16)."""

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
