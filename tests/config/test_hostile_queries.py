"""Every query parameter of every routed page, fuzzed: no input a person can type gives a 500.

Hypothesis picks a URL from the permission matrix and a query string mixing every parameter name
the site reads with hostile values (unbalanced quotes, search operators, huge and negative
numbers, bad dates, control characters, long strings). A server error raises in the test client.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .test_permission_matrix import ACCESS, PAGES, World, _entries

pytestmark = pytest.mark.django_db

PARAMETERS = [
    "q", "page", "page_size", "sort", "type", "principle", "priority", "need", "level",
    "category", "theme", "agency", "area", "year", "date_from", "date_to", "status", "kind",
    "user", "cohort", "next", "start", "end", "from", "to", "owner", "tab", "format", "order",
]  # fmt: skip
HOSTILE = st.one_of(
    st.sampled_from([
        '"', "'", '"unbalanced', "a*", "NEAR(", "-", "^", "()", "OR", "AND NOT", "\\", "%",
        "99999999999999999999", "-1", "0", "1e309", "NaN", "2026-13-45", "0000-00-00",
        "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --", "\x00", "\u202e",
        "https://evil.example/", "//evil.example", "x" * 5000, "9" * 400,
    ]),
    st.text(max_size=60),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)  # fmt: skip
GET_RULES = {
    name: rule
    for name, rule in {**{n: r for n, r in _entries().items() if r}, **PAGES}.items()
    if rule.method == "get"
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        built = World()
        yield built
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.mark.parametrize("identity", ["practitioner", "case_team", "administrator", "anonymous"])
@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(sorted(GET_RULES)),
    params=st.dictionaries(st.sampled_from(PARAMETERS), HOSTILE, max_size=5),
)
def test_no_query_string_gives_a_server_error(world, identity, name, params):
    rule = GET_RULES[name]
    path = rule.path(world) if callable(rule.path) else rule.path
    response = world.client(identity).get(path, params)
    assert response.status_code < 500, (name, params)


def test_every_page_of_the_table_is_fuzzed():
    assert set(ACCESS) - {n for n, r in ACCESS.items() if r.method != "get"} <= set(GET_RULES) | {
        name for name in ACCESS if name not in _entries()
    }
