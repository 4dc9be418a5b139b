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
