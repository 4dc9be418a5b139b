"""An id typed into the address bar that no record can have (twenty digits, beyond 64 bits) finds
nothing: every routed URL with a number in its path answers without a server error. SQLite
refused to bind such a number, so the forum session pages and a Bright Spot's edit page answered
500 (common.lookups)."""

import re

import pytest

from .test_permission_matrix import routed_urls

pytestmark = pytest.mark.django_db(serialized_rollback=True)

TOO_BIG = "12345678901234567890"


def paths_with_ids():
    paths = set()
    for route, _name in routed_urls():
        if "<int:" not in route or route.startswith("^"):
            continue  # regular expressions (Wagtail's serve view) take no int converter
        path = re.sub(r"<int:\w+>", TOO_BIG, route)
        if "<" not in path:
            paths.add("/" + path)
    return sorted(paths)


def test_the_site_has_many_such_urls():
    assert len(paths_with_ids()) > 100


@pytest.mark.parametrize("who", ["administrator", "practitioner"])
def test_no_url_with_an_impossible_id_gives_a_server_error(client, who, request):
    client.force_login(request.getfixturevalue(who))
    for path in paths_with_ids():
        assert client.get(path).status_code < 500, path
        assert client.post(path, {"confirm": "on"}).status_code < 500, path
