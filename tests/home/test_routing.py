"""Which page a URL is, kept between requests (home.routing): fewer queries, never a stale page,
never past a gate."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from brightspots.factories import BrightSpotPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [query["sql"] for query in captured]


def test_a_page_read_again_is_found_without_the_site_and_page_queries(practitioner_client):
    spot = BrightSpotPageFactory(title="Warm handover at the library")
    first, first_queries = queries_of(practitioner_client, spot.url)
    again, again_queries = queries_of(practitioner_client, spot.url)
    assert first.status_code == again.status_code == 200
    assert "Warm handover at the library" in again.content.decode()
    assert any('FROM "wagtailcore_site"' in sql for sql in first_queries)
    assert not any('FROM "wagtailcore_site"' in sql for sql in again_queries)
    assert len(again_queries) <= len(first_queries) - 3


def test_a_page_moved_or_unpublished_is_never_served_from_the_old_route(
    practitioner_client, committed
):
    spot = BrightSpotPageFactory(title="Warm handover", slug="warm-handover")
    old_url = spot.url
    assert practitioner_client.get(old_url).status_code == 200
    spot.slug = "warm-handover-at-the-library"
    with committed():
        spot.save_revision().publish()
    new_url = old_url.replace("warm-handover", "warm-handover-at-the-library")
    moved = practitioner_client.get(old_url)
    assert (moved.status_code, moved.url) == (301, new_url), "Wagtail's redirect, not the old page"
    assert practitioner_client.get(new_url).status_code == 200
    with committed():
        spot.unpublish()
    assert practitioner_client.get(new_url).status_code == 404


def test_a_kept_route_still_sends_a_signed_out_reader_to_sign_in(practitioner_client):
    spot = BrightSpotPageFactory(title="Warm handover")
    assert practitioner_client.get(spot.url).status_code == 200
    response = Client().get(spot.url)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in/")
    assert "Warm handover" not in response.content.decode()


def test_a_path_that_is_no_page_stays_not_found(practitioner_client):
    assert practitioner_client.get("/bright-spots/no-such-spot/").status_code == 404
    assert practitioner_client.get("/bright-spots/no-such-spot/").status_code == 404


def test_a_view_restriction_added_to_a_kept_page_applies_at_once(practitioner, committed):
    from django.contrib.auth.models import Group

    from wagtail.models import PageViewRestriction

    spot = BrightSpotPageFactory(title="Warm handover")
    reader = Client()
    reader.force_login(practitioner)
    assert reader.get(spot.url).status_code == 200
    again, queries = queries_of(reader, spot.url)
    assert again.status_code == 200
    assert not any("wagtailcore_pageviewrestriction" in sql for sql in queries), "none kept"
    with committed():
        restriction = PageViewRestriction.objects.create(
            page=spot.get_parent(), restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([Group.objects.create(name="Only this team")])
    response = reader.get(spot.url)
    assert response.status_code in (302, 403)
    assert "Warm handover" not in response.content.decode()
