"""Data versions per topic (#16): a write forgets only the fragments that can show it, and still
shows at once wherever it does."""

import datetime
import re

from django.db import connection
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from barriers.factories import BarrierFactory, OccurrenceFactory
from barriers.models import Barrier
from brightspots.factories import AgendaItemFactory, BrightSpotPageFactory
from brightspots.models import BrightSpotIndexPage
from common import fragments
from people import roles
from people.factories import UserFactory
from search.factories import make_bright_spot
from stories.factories import CohortFactory, CohortMembershipFactory
from tests.conftest import forget_pending_versions

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]

# Read only while the Bright Spot's article is rendered (its "Where it was presented" list).
ARTICLE_ONLY_TABLE = "brightspots_agendaitem"
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    # The CSRF token (outside every fragment) is new on each page.
    return CSRF_TOKEN.sub("", response.content.decode())


def tables_read(client, url):
    with CaptureQueriesContext(connection) as captured:
        get(client, url)
    return " ".join(query["sql"] for query in captured.captured_queries)


def met_again(client, barrier, note="Met it again at the front desk"):
    """A barrier met again, through its form, as the load test does."""
    response = client.post(
        f"/barriers/{barrier.pk}/met-again/",
        {"date": timezone.localdate().isoformat(), "note": note},
    )
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def barrier():
    """Met once, ten days ago; first met two months ago (so not "new" on the home page)."""
    first = timezone.localdate() - datetime.timedelta(days=60)
    barrier = BarrierFactory(title="Referral bounced between housing and health", first_met=first)
    OccurrenceFactory(barrier=barrier, date=timezone.localdate() - datetime.timedelta(days=10))
    return barrier


def test_a_barrier_met_again_leaves_the_bright_spot_article_cached(
    practitioner_client, barrier, committed
):
    spot = BrightSpotPageFactory(title="Warm handover at the library")
    AgendaItemFactory(bright_spot=spot)
    get(practitioner_client, spot.url)
    assert ARTICLE_ONLY_TABLE not in tables_read(practitioner_client, spot.url)
    with committed():
        met_again(practitioner_client, barrier)
    assert ARTICLE_ONLY_TABLE not in tables_read(practitioner_client, spot.url)
    # A write the article shows does forget it.
    with committed():
        AgendaItemFactory(bright_spot=spot)
    assert ARTICLE_ONLY_TABLE in tables_read(practitioner_client, spot.url)


def test_a_barrier_met_again_shows_at_once_on_the_log_the_barrier_and_home(
    practitioner_client, barrier, committed
):
    today = timezone.localdate()
    last_seen = f"{today:%-d %b %Y}"
    assert last_seen not in get(practitioner_client, "/barriers/")
    assert "<dt>Times met</dt><dd>1</dd>" in get(practitioner_client, barrier.get_absolute_url())
    assert "met 1 time in 30 days" in get(practitioner_client, "/")
    with committed():
        met_again(practitioner_client, barrier)
    assert last_seen in get(practitioner_client, "/barriers/")
    assert "<dt>Times met</dt><dd>2</dd>" in get(practitioner_client, barrier.get_absolute_url())
    assert "met 2 times in 30 days" in get(practitioner_client, "/")


def test_a_barrier_met_again_shows_at_once_on_the_insights_dashboard(
    practitioner, leader, barrier, committed
):
    leaders = signed_in(leader)
    before = get(leaders, "/insights/")
    assert get(leaders, "/insights/") == before
    with committed():
        met_again(signed_in(practitioner), barrier)
    assert get(leaders, "/insights/") != before


def test_a_published_bright_spot_shows_at_once_on_the_index_home_and_search(
    practitioner_client, committed
):
    make_bright_spot("Library housing clinic", summary="Housing advice at the library")
    index = BrightSpotIndexPage.objects.get().url
    search = "/search/?q=tenancy"
    for url in (index, "/", search):
        assert "Tenancy rescue at the food bank" not in get(practitioner_client, url)
    with committed():
        make_bright_spot("Tenancy rescue at the food bank", summary="Tenancy help at the food bank")
    for url in (index, "/", search):
        assert "Tenancy rescue at the food bank" in get(practitioner_client, url), url


def test_a_cohort_membership_deleted_through_the_team_page_changes_the_audience_at_once(
    committed,
):
    lead = UserFactory(roles=[roles.PRACTITIONER])
    member = UserFactory(roles=[roles.PRACTITIONER], agency=lead.agency)
    outsider = UserFactory(roles=[roles.PRACTITIONER], agency=lead.agency)
    cohort = CohortFactory(team=[lead])
    membership = CohortMembershipFactory(cohort=cohort, user=member)
    assert fragments.audience(member) != fragments.audience(outsider)
    with committed():
        response = signed_in(lead).post(
            reverse("stories:cohort_team_remove", args=[cohort.pk, membership.pk])
        )
    assert response.status_code == 302
    member = type(member).objects.get(pk=member.pk)
    assert fragments.audience(member) == fragments.audience(outsider)


def run_in_request(write):
    """`write()` as a view would run it, through DataVersionMiddleware."""

    def view(request):
        write()
        return None

    fragments.DataVersionMiddleware(view)(RequestFactory().post("/"))


def test_a_bulk_update_in_a_request_replaces_only_its_topic(barrier, committed):
    barriers, spots = fragments.data_version(["barriers"]), fragments.data_version(["brightspots"])
    with committed():
        # No model signal: only the SQL says what was written.
        run_in_request(lambda: Barrier.objects.filter(pk=barrier.pk).update(title="Renamed"))
    assert fragments.data_version(["barriers"]) != barriers
    assert fragments.data_version(["brightspots"]) == spots


def test_a_write_to_a_table_no_model_owns_replaces_every_version(committed):
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE scratch_notes (note text)")
    before = fragments.data_version(["barriers"])

    def write():
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO scratch_notes (note) VALUES ('x')")

    with committed():
        run_in_request(write)
    assert fragments.data_version(["barriers"]) != before


def test_one_transaction_replaces_each_topic_once(barrier, django_capture_on_commit_callbacks):
    forget_pending_versions()
    with django_capture_on_commit_callbacks() as callbacks:
        run_in_request(lambda: [met_again_row(barrier) for _ in range(3)])
        run_in_request(lambda: Barrier.objects.filter(pk=barrier.pk).update(title="Renamed"))
    replacing = [c for c in callbacks if isinstance(c, fragments._NewVersions)]
    assert len(replacing) == 1
    # The barrier's search record follows it; nothing else.
    assert replacing[0].topics == {"barriers", "search"}


def met_again_row(barrier):
    OccurrenceFactory(barrier=barrier)


@pytest.mark.parametrize(
    ("sql", "topics"),
    [
        ('SELECT "id" FROM "barriers_barrier"', set()),
        ('INSERT INTO "barriers_occurrence" ("date") VALUES (%s)', {"barriers"}),
        ('UPDATE "wagtailcore_page" SET "live" = %s', {"wagtailcore"}),
        ('DELETE FROM "people_user_groups" WHERE "id" = %s', {"people"}),
        ('DELETE FROM "auth_group_permissions" WHERE "id" = %s', {"people"}),
        ('INSERT OR IGNORE INTO "search_searchrow" ("id") VALUES (%s)', {"search"}),
        ('UPDATE "django_session" SET "expire_date" = %s', set()),
        ('INSERT INTO "audit_auditevent" ("kind") VALUES (%s)', set()),
        ('INSERT INTO "search_indexchange" ("object_id") VALUES (%s)', set()),
        ('UPDATE "people_user" SET "last_login" = %s WHERE "people_user"."id" = %s', set()),
        ('UPDATE "people_user" SET "is_superuser" = %s WHERE "people_user"."id" = %s', {"people"}),
        ('INSERT OR IGNORE INTO "wagtailcore_referenceindex" ("model_path") VALUES (%s)', set()),
        ('SAVEPOINT "s1"', set()),
        ("CREATE TABLE notes (note text)", fragments.EVERYTHING),
        ("WITH gone AS (DELETE FROM x RETURNING id) SELECT 1", fragments.EVERYTHING),
    ],
)
def test_what_a_statement_writes(sql, topics):
    assert fragments.written_topics(sql) == topics


def test_a_fragment_naming_an_unknown_topic_is_refused_when_the_template_loads():
    with pytest.raises(TemplateSyntaxError, match="unknown topic barrier"):
        Template(
            '{% load fragments %}{% shared_fragment "x" depends="barrier" %}'
            "{% endshared_fragment %}"
        )


def test_a_fragment_names_its_topics_in_its_key(committed):
    template = Template(
        '{% load fragments %}{% shared_fragment "x" depends="barriers" %}{{ n }}'
        "{% endshared_fragment %}"
    )
    assert template.render(Context({"n": 1})) == "1"
    with committed():
        BrightSpotPageFactory()
    assert template.render(Context({"n": 2})) == "1"
    with committed():
        BarrierFactory()
    assert template.render(Context({"n": 3})) == "3"


def test_a_page_reads_each_version_from_the_cache_once(practitioner_client, barrier, monkeypatch):
    get(practitioner_client, "/")  # the fragments are stored; the next visit reads them
    cache = fragments.caches[fragments.CACHE]
    read = []
    get_many = cache.get_many

    def counting(keys, *args, **kwargs):
        read.extend(key for key in keys if key.startswith(fragments.VERSION_KEY))
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counting)
    get(practitioner_client, "/")
    assert read, "the home page read no data version"
    assert len(read) == len(set(read)), sorted(read)


def test_a_write_in_a_request_shows_in_what_the_same_request_renders_next(barrier, committed):
    seen = []

    def view(request):
        seen.append(fragments.data_version(("barriers",)))
        with committed():
            Barrier.objects.filter(pk=barrier.pk).update(title="Renamed in this request")
        seen.append(fragments.data_version(("barriers",)))
        seen.append(fragments.data_version(("reviews",)))
        return None

    fragments.DataVersionMiddleware(view)(RequestFactory().get("/"))
    before, after, other = seen
    assert after != before
    # Outside the request the cache holds the same new version, and the other topic is as it was.
    assert fragments.data_version(("barriers",)) == after
    assert fragments.data_version(("reviews",)) == other
