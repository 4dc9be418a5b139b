"""Each demo user signs in with the printed password and sees only what their role allows."""

from io import StringIO

from django.conf import settings

import pytest

from people import demo as people_demo
from stories.factories import CohortFactory
from taxonomy import demo as taxonomy_demo

pytestmark = pytest.mark.django_db

DEMO_USERNAMES = ["practitioner", "host", "facilitator", "caseteam", "leader", "admin"]

# username -> (insights dashboard, moderation queue, Wagtail admin, user admin, every cohort)
ALLOWED = {
    "practitioner": (False, False, False, False, False),
    "host": (False, True, True, False, False),
    "facilitator": (False, False, True, False, False),
    "caseteam": (False, False, False, False, True),
    "leader": (True, False, True, False, False),
    "admin": (True, True, True, True, False),
}


@pytest.fixture
def demo_users(db):
    taxonomy_demo.seed(StringIO())
    people_demo.seed(StringIO())
    # A cohort nobody in the demo is on: only the Case learning team sees it.
    CohortFactory(name="Lewisham walking-alongside cohort")


def sign_in(client, username):
    response = client.post("/sign-in/", {"username": username, "password": settings.DEMO_PASSWORD})
    assert response.status_code == 302, f"{username} could not sign in"
    home = client.get("/").content.decode()
    assert "Sign out" in home
    assert "What's new" in home
    return home


def test_every_demo_role_has_a_user(demo_users):
    assert sorted(DEMO_USERNAMES) == sorted(u[0] for u in people_demo.DEMO_USERS)
    assert sorted(ALLOWED) == sorted(DEMO_USERNAMES)


@pytest.mark.parametrize("username", DEMO_USERNAMES)
def test_demo_user_signs_in_and_sees_only_what_their_role_allows(client, demo_users, username):
    insights, moderation, wagtail_admin, user_admin, every_cohort = ALLOWED[username]
    home = sign_in(client, username)

    # Navigation: everyone gets the shared sections; Insights only for those who may open it.
    for label in ["Bright Spots", "Forum", "Reviews", "Case learning", "Barriers", "Search"]:
        assert f">{label}</a>" in home
    assert ('href="/insights/"' in home) is insights
    assert ('href="/admin/"' in home) is wagtail_admin

    assert client.get("/insights/").status_code == (200 if insights else 403)
    assert client.get("/bright-spots/moderate/").status_code == (200 if moderation else 403)

    admin = client.get("/admin/")
    assert (admin.status_code == 200) is wagtail_admin
    users = client.get("/admin/users/")
    assert (users.status_code == 200) is user_admin

    cohorts = client.get("/case-learning/")
    assert cohorts.status_code == 200
    assert ("Lewisham walking-alongside cohort" in cohorts.content.decode()) is every_cohort
