from io import StringIO

from django.core.cache import caches

import pytest

from people import demo as people_demo
from people import roles
from people.factories import UserFactory
from taxonomy import demo as taxonomy_demo


def staff_member(username, *extra_roles):
    """A fixture for a practitioner account that also holds `extra_roles`."""

    @pytest.fixture
    def member(db):
        return UserFactory(username=username, roles=[roles.PRACTITIONER, *extra_roles])

    return member


practitioner = staff_member("practitioner")
forum_host = staff_member("host", roles.FORUM_HOST)
facilitator = staff_member("facilitator", roles.REVIEW_FACILITATOR)
case_team_member = staff_member("caseteam", roles.CASE_LEARNING_TEAM)
leader = staff_member("leader", roles.LEADER)


@pytest.fixture
def administrator(db):
    return UserFactory(
        username="admin", roles=[roles.ADMINISTRATOR], is_staff=True, is_superuser=True
    )


@pytest.fixture
def seed_demo(db):
    """`seed_demo(app_demo, ...)`: the demo vocabularies and accounts, then each app's demo in
    turn; returns what they printed."""

    def _seed(*app_demos):
        out = StringIO()
        for module in (taxonomy_demo, people_demo, *app_demos):
            module.seed(out)
        return out.getvalue()

    return _seed


@pytest.fixture
def practitioner_client(client, practitioner):
    client.force_login(practitioner)
    return client


@pytest.fixture(autouse=True)
def forget_fragments():
    """Rendered fragments (common.fragments) outlive a test's rolled-back rows."""
    from django.core.cache import caches

    caches["fragments"].clear()


@pytest.fixture(autouse=True)
def forget_facet_bitsets():
    """Test databases reuse row ids after a rollback or flush, so no test sees another's bitsets."""
    from search.backends import facet_bitsets

    facet_bitsets.forget()
    yield
    facet_bitsets.forget()


# Search on a real engine: `pytest --search-node` with SEARCH_ENGINE and SEARCH_URL naming a
# running node (make test-search-node starts one). Tests marked search_node run only then.
def pytest_addoption(parser):
    parser.addoption(
        "--search-node",
        action="store_true",
        help="Run the search tests against the engine named by SEARCH_ENGINE at SEARCH_URL",
    )


def pytest_configure(config):
    import os

    if config.getoption("--search-node") and os.environ.get("SEARCH_ENGINE", "database") in (
        "",
        "database",
    ):
        raise pytest.UsageError(
            "--search-node needs SEARCH_ENGINE (e.g. opensearch3) and SEARCH_URL: "
            "use make test-search-node, which starts a node"
        )


def pytest_collection_modifyitems(config, items):
    on_node = config.getoption("--search-node")
    skip_node = pytest.mark.skip(reason="needs a search node: run with --search-node")
    skip_database = pytest.mark.skip(reason="tests the database backend, not the engine")
    for item in items:
        if "search_node" in item.keywords and not on_node:
            item.add_marker(skip_node)
        if "database_backend" in item.keywords and on_node:
            item.add_marker(skip_database)


@pytest.fixture
def page_queries():
    """`page_queries(client, url)`: the queries one GET of a page makes (after a first GET, so
    process-wide caches such as Wagtail's site root paths are warm)."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(client, url):
        client.get(url)
        # The page as rendered for the first person after a write: no shared fragment cached.
        caches["fragments"].clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        return len(captured)

    return count


@pytest.fixture
def fragment_cache(settings):
    """A real fragment cache (the test settings keep none: see config/settings/test.py)."""
    settings.CACHES = {
        **settings.CACHES,
        "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    caches["fragments"].clear()


@pytest.fixture
def kept_bytes(fragment_cache):
    """Everything the (real) fragment cache holds, as the bytes it stored: what its files would
    hold on a server."""

    def stored():
        return b"".join(caches["fragments"]._cache.values())

    return stored


def forget_pending_versions():
    """Drop the new data versions the test's own transaction is waiting to commit (it never
    commits), as if its earlier writes had committed before."""
    from django.db import connection

    from common import fragments

    pending = connection.run_on_commit
    pending[:] = [entry for entry in pending if not isinstance(entry[1], fragments._NewVersions)]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Writes inside it run their on-commit callbacks (new data versions among them), as a
    committed transaction's would; the versions earlier writes are waiting for are dropped first."""

    def commit():
        forget_pending_versions()
        return django_capture_on_commit_callbacks(execute=True)

    return commit


@pytest.fixture
def admin_form_data():
    """A function: the fields of the admin form at `url` as the browser would post them."""

    def form_data(client, url):
        form = client.get(url).context["form"]
        data = {}
        for name in form.fields:
            value = form[name].value()
            if isinstance(value, list | tuple):
                data[name] = [str(item) for item in value]
            elif value is not None:
                data[name] = value
        return data

    return form_data
