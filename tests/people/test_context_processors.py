import html

from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from people import roles
from people.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_header_shows_the_persons_agency_and_the_admin_link_only_to_who_may_open_it(client):
    practitioner = UserFactory(roles=[roles.PRACTITIONER])
    client.force_login(practitioner)
    page = client.get("/reviews/").text
    assert f"· {practitioner.agency}</span>" in page
    assert 'href="/admin/"' not in page

    editor = UserFactory(roles=[roles.PRACTITIONER])
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert 'href="/admin/"' in client.get("/reviews/").text


def test_header_reads_no_permissions_on_a_second_page(client, fragment_cache):
    client.force_login(UserFactory(roles=[roles.PRACTITIONER]))
    client.get("/reviews/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/reviews/")
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert "auth_permission" not in read
    assert "taxonomy_agency" not in read


@pytest.mark.usefixtures("fragment_cache")
def test_a_kept_header_is_each_persons_own_and_marks_the_section_they_are_in(practitioner):
    from django.test import Client

    colleague = UserFactory(
        roles=[roles.PRACTITIONER], agency=practitioner.agency, first_name="Dana", last_name="Obi"
    )
    mine, theirs = Client(), Client()
    mine.force_login(practitioner)
    theirs.force_login(colleague)
    assert "Dana Obi" in theirs.get("/reviews/").text  # kept for the colleague first
    page = mine.get("/reviews/").text
    assert "Dana Obi" not in page
    assert html.escape(str(practitioner)) in page  # a generated name may hold an apostrophe
    assert '<a href="/reviews/" aria-current="page">Reviews</a>' in page
    barriers = mine.get("/barriers/").text
    assert '<a href="/barriers/" aria-current="page">Barriers</a>' in barriers
    assert 'aria-current="page">Reviews' not in barriers


@pytest.mark.usefixtures("fragment_cache")
def test_a_role_given_shows_its_menu_item_on_the_next_page(practitioner, committed):
    from django.contrib.auth.models import Group
    from django.test import Client

    client = Client()
    client.force_login(practitioner)
    assert 'href="/insights/"' not in client.get("/reviews/").text
    with committed():
        practitioner.groups.add(Group.objects.get(name=roles.LEADER))
    assert 'href="/insights/"' in client.get("/reviews/").text
