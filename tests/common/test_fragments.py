"""Shared page fragments (#16): never another person's view, never stale after a write."""

from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from brightspots.factories import BrightSpotPageFactory
from brightspots.models import BrightSpotIndexPage
from common import fragments
from people import roles
from people.factories import UserFactory
from stories.factories import CohortMembershipFactory
from taxonomy.models import Principle
from tests.conftest import forget_pending_versions

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def index_url():
    return BrightSpotIndexPage.objects.get().url


def test_a_forum_host_and_a_practitioner_each_see_their_own_index(practitioner, forum_host):
    BrightSpotPageFactory(title="Warm handover at the library")
    moderate = "/bright-spots/moderate/"
    # The host's view is cached first; the practitioner must still not get its Moderate link.
    assert moderate in signed_in(forum_host).get(index_url()).content.decode()
    page = signed_in(practitioner).get(index_url()).content.decode()
    assert "Warm handover at the library" in page
    assert moderate not in page


def test_signed_out_readers_never_get_the_signed_in_article(practitioner):
    spot = BrightSpotPageFactory(is_public=True, contact="team", team_email="team@example.org")
    assert "team@example.org" in signed_in(practitioner).get(spot.url).content.decode()
    assert "team@example.org" not in Client().get(spot.url).content.decode()


def test_people_in_different_cohorts_or_agencies_or_roles_never_share_a_key(
    practitioner, committed
):
    colleague = UserFactory(roles=[roles.PRACTITIONER], agency=practitioner.agency)
    assert fragments.audience(colleague) == fragments.audience(practitioner)
    with committed():
        CohortMembershipFactory(user=colleague)
    colleague = type(colleague).objects.get(pk=colleague.pk)
    assert fragments.audience(colleague) != fragments.audience(practitioner)
    leader = UserFactory(roles=[roles.PRACTITIONER, roles.LEADER], agency=practitioner.agency)
    assert fragments.audience(leader) != fragments.audience(practitioner)
    elsewhere = UserFactory(roles=[roles.PRACTITIONER])
    assert elsewhere.agency_id != practitioner.agency_id
    assert fragments.audience(elsewhere) != fragments.audience(practitioner)


def test_a_role_given_shows_its_view_at_once(practitioner, committed):
    before = fragments.audience(practitioner)
    assert fragments.audience(practitioner) == before
    with committed():
        practitioner.groups.add(Group.objects.get(name=roles.LEADER))
    practitioner = type(practitioner).objects.get(pk=practitioner.pk)
    assert fragments.audience(practitioner) != before


def test_a_permission_taken_away_is_gone_on_the_next_page(client, committed):
    editor = UserFactory(roles=[roles.PRACTITIONER])
    access_admin = Permission.objects.get(codename="access_admin")
    editor.user_permissions.add(access_admin)
    client.force_login(editor)
    assert 'href="/admin/"' in client.get("/reviews/").text
    assert 'href="/admin/"' in client.get("/reviews/").text
    with committed():
        editor.user_permissions.remove(access_admin)
    assert 'href="/admin/"' not in client.get("/reviews/").text


def test_a_new_bright_spot_shows_at_once_on_the_index_and_as_related(
    practitioner_client, committed
):
    principle = Principle.objects.first()
    spot = BrightSpotPageFactory(title="First", principles=[principle])
    assert "Second" not in practitioner_client.get(index_url()).content.decode()
    assert "Second" not in practitioner_client.get(spot.url).content.decode()
    with committed():
        BrightSpotPageFactory(title="Second", principles=[principle])
    assert "Second" in practitioner_client.get(index_url()).content.decode()
    assert "Second" in practitioner_client.get(spot.url).content.decode()


def test_a_changed_bright_spot_shows_at_once(practitioner_client, committed):
    spot = BrightSpotPageFactory(summary="Before the change")
    assert "Before the change" in practitioner_client.get(spot.url).content.decode()
    spot.summary = "After the change"
    with committed():
        spot.save_revision().publish()
    page = practitioner_client.get(spot.url).content.decode()
    assert "After the change" in page
    assert "Before the change" not in page


def test_a_write_changes_the_data_version_only_once_it_commits(committed):
    before = fragments.data_version()
    BrightSpotPageFactory()
    assert fragments.data_version() == before
    with committed():
        BrightSpotPageFactory()
    assert fragments.data_version() != before


def test_an_uncommitted_write_is_never_cached_under_a_version_read_after_the_commit(
    practitioner_client, django_capture_on_commit_callbacks
):
    BrightSpotPageFactory(title="Already there")
    forget_pending_versions()
    with django_capture_on_commit_callbacks() as callbacks:
        BrightSpotPageFactory(title="Being saved")
        # Rendered while the write is pending: cached under the version before it.
        practitioner_client.get(index_url())
    for callback in callbacks:
        callback()
    assert "Being saved" in practitioner_client.get(index_url()).content.decode()


def test_a_post_that_writes_nothing_forgets_nothing(practitioner_client, committed):
    before = fragments.data_version()
    with committed():
        # Refused (nothing filled in): the form comes back, nothing is saved.
        response = practitioner_client.post("/bright-spots/submit/", {"action": "submit"})
    assert response.status_code == 200
    assert fragments.data_version() == before


def test_reading_pages_and_renewing_sessions_leave_the_fragments(practitioner_client, committed):
    before = fragments.data_version()
    with committed():
        practitioner_client.get(index_url())
        practitioner_client.session.save()
    assert fragments.data_version() == before


def test_a_cached_index_is_served_without_the_listing_queries(practitioner_client):
    BrightSpotPageFactory.create_batch(3)
    url = index_url()
    practitioner_client.get(url)
    assert caches["fragments"].get(fragments.VERSION_KEY)
    with CaptureQueriesContext(connection) as hot:
        practitioner_client.get(url)
    assert not any("brightspots_brightspotpage" in q["sql"] for q in hot.captured_queries)


def test_the_case_learning_record_of_a_read_leaves_the_fragments(practitioner, committed):
    from stories.audit import record_access
    from stories.factories import ParticipantFactory

    participant = ParticipantFactory()
    before = fragments.data_version()
    with committed():
        record_access(practitioner, "read", participant, "/case-learning/")
    assert fragments.data_version() == before


def test_shared_data_naming_an_unknown_topic_is_refused(practitioner):
    with pytest.raises(ValueError, match="unknown topic barrier"):
        fragments.shared(practitioner, "card", lambda: "x", depends=("barrier",))


def test_shared_data_is_read_afresh_after_a_write_to_its_topic(practitioner, committed):
    reads = []

    def card():
        reads.append(1)
        return len(reads)

    assert fragments.shared(practitioner, "card", card, depends=("barriers",)) == 1
    assert fragments.shared(practitioner, "card", card, depends=("barriers",)) == 1
    with committed():
        fragments.data_changed({"reviews"})
    assert fragments.shared(practitioner, "card", card, depends=("barriers",)) == 1
    with committed():
        fragments.data_changed({"barriers"})
    assert fragments.shared(practitioner, "card", card, depends=("barriers",)) == 2
