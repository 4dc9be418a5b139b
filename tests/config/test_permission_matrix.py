# ruff: noqa: E501 - the access table keeps one URL per line
"""Every URL the project routes, requested as every kind of visitor, against ONE declared table.

`ACCESS` names each routed URL (by its name, `namespace:name`) and says, for every identity, what
must happen: ALLOW, SIGN_IN (sent to sign in), DENY (403, or 401 from the API) or NOT_FOUND. The
Wagtail admin's own hundreds of URLs share one rule, `WAGTAIL_ADMIN`. A routed URL with no entry
fails `test_every_routed_url_has_an_entry` with its name and route: add it to ACCESS.
"""

import re
from dataclasses import dataclass, field

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

import pytest

from barriers.factories import BarrierFactory
from brightspots import submissions
from brightspots.factories import BrightSpotPageFactory, ForumSessionPageFactory
from discussion.factories import CommentFactory
from people import roles
from people.factories import UserFactory
from reviews.factories import ActionFactory, ReviewFactory
from search.factories import SavedSearchFactory, issue_token
from stories.factories import (
    CohortFactory,
    CohortSummaryFactory,
    ParticipantFactory,
    TouchpointFactory,
)
from stories.models import CohortMembership
from taxonomy.factories import AgencyFactory

pytestmark = pytest.mark.django_db

ALLOW, SIGN_IN, DENY, NOT_FOUND = "allow", "sign in", "deny", "not found"
ROLES = ["practitioner", "forum_host", "facilitator", "case_team", "leader", "administrator"]
OTHERS = ["other_agency", "other_cohort", "cohort_lead"]
IDENTITIES = ["anonymous", *ROLES, *OTHERS, "deactivated", "no_role"]
ADMIN_ROLES = {"forum_host", "facilitator", "leader", "administrator"}
EVERY_ROLE = {*ROLES, *OTHERS}


@dataclass
class Rule:
    """Who gets what at one URL. `path(world)` builds the URL to request; POST-only views are
    requested with an empty POST (nothing valid is ever saved)."""

    outcomes: dict
    path: object = None
    method: str = "get"
    notes: str = field(default="", compare=False)


def signed_in(allowed=EVERY_ROLE, refused=DENY, no_role=DENY, **kwargs):
    """Behind sign-in: `allowed` identities get in, other roles get `refused`."""
    outcomes = {"anonymous": SIGN_IN, "deactivated": SIGN_IN, "no_role": no_role}
    for identity in EVERY_ROLE:
        outcomes[identity] = ALLOW if identity in allowed else refused
    return Rule(outcomes, **kwargs)


def public(**kwargs):
    return Rule(dict.fromkeys(IDENTITIES, ALLOW), **kwargs)


def open_to_all_but_signed_in(**kwargs):
    """Sign-in, reset and similar pages: signed-out visitors use them; signed-in people are
    sent on (ALLOW: a redirect that is not to the sign-in page)."""
    return public(**kwargs)


def team_only(**kwargs):
    """Case learning: the cohort's team and the Case learning team; 404 to everyone else."""
    return signed_in({"case_team", "cohort_lead"}, refused=NOT_FOUND, **kwargs)


def api(**kwargs):
    outcomes = dict.fromkeys(EVERY_ROLE, ALLOW)
    outcomes.update(anonymous=DENY, deactivated=DENY, no_role=DENY)
    return Rule(outcomes, **kwargs)


INSIGHTS = {"leader", "administrator"}
HOSTS = {"forum_host", "administrator"}

ACCESS = {
    # people: sign-in, account, password reset, two-step sign-in
    "people:login": open_to_all_but_signed_in(),
    "people:logout": Rule(dict.fromkeys(IDENTITIES, SIGN_IN), method="post",
                          notes="signing out ends on the sign-in page"),
    "people:account": signed_in(no_role=ALLOW),
    "people:password_change": signed_in(no_role=ALLOW),
    "people:password_reset": public(),
    "people:password_reset_sent": public(),
    "people:password_reset_confirm": public(path=lambda w: "/account/reset/MQ/bad-token/"),
    "people:password_reset_complete": public(),
    "people:two_factor": signed_in(no_role=ALLOW),
    "people:two_factor_setup": signed_in(no_role=ALLOW),
    "people:two_factor_verify": signed_in(no_role=ALLOW),
    "people:recovery_codes": signed_in(method="post"),
    "people:two_factor_off": signed_in(method="post"),
    # Bright Spots and the forum
    "brightspots:submit": signed_in(),
    "brightspots:mine": signed_in(),
    "brightspots:moderate": signed_in(HOSTS),
    "brightspots:edit": signed_in(set(), refused=NOT_FOUND, path=lambda w: w.spot_edit),
    "brightspots:feed": public(),
    "brightspots:forum_calendar": public(),
    "brightspots:session_ics": signed_in(path=lambda w: f"/forum/{w.session.pk}/session.ics"),
    "brightspots:register": signed_in(path=lambda w: f"/forum/{w.session.pk}/register/"),
    "brightspots:cancel_registration": signed_in(
        set(), refused=NOT_FOUND, method="post", path=lambda w: f"/forum/{w.session.pk}/cancel/",
        notes="nobody here is registered: 404",
    ),
    "brightspots:new_session": signed_in(HOSTS),
    "brightspots:next_session": signed_in(
        HOSTS, method="post", path=lambda w: f"/forum/{w.session.pk}/next/"
    ),
    "brightspots:record_session": signed_in(
        HOSTS, path=lambda w: f"/forum/{w.session.pk}/record/"
    ),
    "brightspots:manage_session": signed_in(
        HOSTS, path=lambda w: f"/forum/{w.session.pk}/manage/"
    ),
    "brightspots:attendees_csv": signed_in(
        HOSTS, path=lambda w: f"/forum/{w.session.pk}/attendees.csv"
    ),
    "brightspots:moderation_preview": signed_in(
        HOSTS, path=lambda w: f"/bright-spots/moderate/{w.awaiting_spot.pk}/",
        notes="a host sees a submission in the queue; 404 for one that is not",
    ),
    # comments
    "discussion:add": signed_in(
        method="post", path=lambda w: f"/comments/barriers.barrier/{w.barrier.pk}/add/"
    ),
    "discussion:reply": signed_in(method="post", path=lambda w: f"/comments/{w.comment.pk}/reply/"),
    "discussion:edit": signed_in(set(), refused=DENY, path=lambda w: f"/comments/{w.comment.pk}/edit/"),
    "discussion:delete": signed_in(set(), refused=DENY, path=lambda w: f"/comments/{w.comment.pk}/delete/"),
    "discussion:hide": signed_in(HOSTS, path=lambda w: f"/comments/{w.comment.pk}/hide/"),
    "discussion:unhide": signed_in(HOSTS, method="post", path=lambda w: f"/comments/{w.comment.pk}/unhide/"),
    # reviews
    "reviews:list": signed_in(),
    "reviews:start": signed_in(),
    "reviews:my_actions": signed_in(),
    "reviews:overdue_actions": signed_in(),
    "reviews:action_update": signed_in(
        {"administrator", "practitioner"}, path=lambda w: f"/reviews/actions/{w.action.pk}/update/",
        notes="the action's owner (the practitioner here) and administrators",
    ),
    "reviews:detail": signed_in(path=lambda w: f"/reviews/{w.review.pk}/"),
    "reviews:run": signed_in(
        {"facilitator", "administrator"}, refused=NOT_FOUND, path=lambda w: f"/reviews/{w.draft.pk}/run/"
    ),
    "reviews:autosave": signed_in(
        {"facilitator", "administrator"}, refused=NOT_FOUND, method="post",
        path=lambda w: f"/reviews/{w.draft.pk}/autosave/",
    ),
    "reviews:reopen": signed_in(
        {"facilitator", "administrator"}, method="post",
        path=lambda w: f"/reviews/{w.review_to_reopen().pk}/reopen/",
    ),
    "reviews:export": signed_in(path=lambda w: f"/reviews/{w.review.pk}/export.md"),
    # case learning
    "stories:cohort_list": signed_in(),
    "stories:cohort_create": signed_in({"case_team"}, refused=NOT_FOUND),
    "stories:cohort_detail": team_only(path=lambda w: f"/case-learning/cohorts/{w.cohort.pk}/"),
    "stories:cohort_edit": team_only(path=lambda w: f"/case-learning/cohorts/{w.cohort.pk}/edit/"),
    "stories:cohort_export": team_only(path=lambda w: f"/case-learning/cohorts/{w.cohort.pk}/journeys.csv"),
    "stories:cohort_team": team_only(path=lambda w: f"/case-learning/cohorts/{w.cohort.pk}/team/"),
    "stories:cohort_team_remove": team_only(
        path=lambda w: f"/case-learning/cohorts/{w.cohort.pk}/team/{w.membership.pk}/remove/",
        method="get",
        notes="GET answers 405 to the team (POST only), 404 to everyone else",
    ),
    "stories:participant_create": team_only(
        path=lambda w: f"/case-learning/cohorts/{w.cohort.pk}/participants/new/"
    ),
    "stories:summary_edit": team_only(path=lambda w: f"/case-learning/cohorts/{w.cohort.pk}/summary/"),
    "stories:participant_detail": team_only(path=lambda w: f"/case-learning/participants/{w.participant.pk}/"),
    "stories:participant_edit": team_only(path=lambda w: f"/case-learning/participants/{w.participant.pk}/edit/"),
    "stories:participant_withdraw": team_only(
        path=lambda w: f"/case-learning/participants/{w.participant.pk}/withdraw/"
    ),
    "stories:touchpoint_create": team_only(
        path=lambda w: f"/case-learning/participants/{w.participant.pk}/touchpoints/new/"
    ),
    "stories:touchpoint_edit": team_only(path=lambda w: f"/case-learning/touchpoints/{w.touchpoint.pk}/edit/"),
    "stories:summary_detail": team_only(path=lambda w: f"/case-learning/summaries/{w.summary.pk}/"),
    "stories:audit_log": signed_in({"administrator"}, refused=NOT_FOUND),
    # barriers and insights
    "barriers:list": signed_in(),
    "barriers:log": signed_in(),
    "barriers:similar": signed_in(),
    "barriers:detail": signed_in(path=lambda w: f"/barriers/{w.barrier.pk}/"),
    "barriers:edit": signed_in(INSIGHTS, path=lambda w: f"/barriers/{w.barrier.pk}/edit/"),
    "barriers:record_again": signed_in(path=lambda w: f"/barriers/{w.barrier.pk}/met-again/"),
    "barriers:merge": signed_in(INSIGHTS, path=lambda w: f"/barriers/{w.barrier.pk}/merge/"),
    "insights:dashboard": signed_in(INSIGHTS),
    "insights:csv": signed_in(INSIGHTS, path=lambda w: "/insights/monthly.csv"),
    # search and the API
    "search:search": signed_in(),
    "search:suggest": signed_in(),
    "search:save": signed_in(method="post"),
    "search:saved_edit": signed_in(set(), refused=NOT_FOUND, method="post", path=lambda w: f"/search/saved/{w.saved.pk}/edit/"),
    "search:saved_delete": signed_in(set(), refused=NOT_FOUND, method="post", path=lambda w: f"/search/saved/{w.saved.pk}/delete/"),
    "search:token_create": signed_in(method="post"),
    "search:token_revoke": signed_in(set(), refused=NOT_FOUND, method="post", path=lambda w: f"/search/tokens/{w.token.pk}/revoke/"),
    "api:search": api(),
    "api:openapi": public(),
    # the audit log
    "audit:list": signed_in({"administrator"}, refused=NOT_FOUND),
    "audit:export": signed_in({"administrator"}, refused=NOT_FOUND),
    # Wagtail: documents, page passwords, pages
    "wagtaildocs_serve": signed_in(set(), refused=NOT_FOUND, path=lambda w: "/documents/999/none.pdf",
                                   notes="no such document: 404 to everyone signed in"),
    "wagtaildocs_authenticate_with_password": signed_in(
        set(), refused=NOT_FOUND, path=lambda w: "/documents/authenticate_with_password/999/",
        notes="404 for a missing restriction",
    ),
    "wagtailcore_authenticate_with_password": signed_in(
        set(), refused=NOT_FOUND, path=lambda w: "/_util/authenticate_with_password/999/999/",
        notes="404 for a missing restriction",
    ),
    "wagtailcore_login": public(path=lambda w: "/_util/login/"),
    "wagtail_serve": signed_in(path=lambda w: w.private_spot.url),
}  # fmt: skip

# Extra paths served by `wagtail_serve`, each with its own rule.
PAGES = {
    "home page": public(path=lambda w: "/"),
    "public Bright Spot": public(path=lambda w: w.public_spot.url),
    "forum session": signed_in(path=lambda w: w.session.url),
    "draft Bright Spot": Rule(
        dict.fromkeys(IDENTITIES, NOT_FOUND), path=lambda w: "/bright-spots/draft-one/"
    ),
}

# The Wagtail admin: staff roles reach it; other roles are sent to the admin's sign-in page
# (Wagtail's way of refusing), an account without a role gets the no-role page.
WAGTAIL_ADMIN = Rule(
    {
        **dict.fromkeys(IDENTITIES, SIGN_IN),
        "no_role": DENY,
        **dict.fromkeys(ADMIN_ROLES, ALLOW),
    }
)
# The admin's own sign-in, password reset and static assets: open to anyone, as Wagtail ships them.
ADMIN_PUBLIC = {
    "wagtailadmin_login",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}
# Wagtail's deliberate error page, for checking error reporting: staff only, 500 by design.
ADMIN_DELIBERATE_ERRORS = {"admin/failwhale/"}
# The admin's own URLs are requested as these identities (every role above is checked against
# /admin/ itself in ADMIN_HOME below); the full set would take minutes for no new information.
ADMIN_IDENTITIES = [
    "anonymous",
    "practitioner",
    "case_team",
    "deactivated",
    "no_role",
    "administrator",
]
# ^ fmt: skip


def routed_urls():
    """(route, name) for every URL pattern, following includes, with namespaced names."""

    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                name = pattern.name and (
                    f"{namespace}:{pattern.name}" if namespace else pattern.name
                )
                yield prefix + str(pattern.pattern), name

    return list(walk(get_resolver().url_patterns))


def sample_path(route):
    """A requestable path for an admin route: converters filled with an id or a word."""
    path = re.sub(r"<(?:\w+:)?\w*(?:pk|id)\w*>", "1", route)
    path = re.sub(r"<int:[^>]+>", "1", path)
    path = re.sub(r"<uuid:[^>]+>", "00000000-0000-0000-0000-000000000000", path)
    path = re.sub(r"<(?:str|slug|path:)?[^>]*>", "x", path)
    path = re.sub(r"\(\?P<[^>]+>[^)]*\)|\([^)]*\)", "1", path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


class World:
    """One of everything, plus the identities."""

    def __init__(self):
        agency, elsewhere = AgencyFactory(), AgencyFactory()

        def user(username, *role_names, **kwargs):
            return UserFactory(username=username, agency=agency, roles=list(role_names), **kwargs)

        self.users = {
            "practitioner": user("m-practitioner", roles.PRACTITIONER),
            "forum_host": user("m-host", roles.PRACTITIONER, roles.FORUM_HOST),
            "facilitator": user("m-facilitator", roles.PRACTITIONER, roles.REVIEW_FACILITATOR),
            "case_team": user("m-caseteam", roles.PRACTITIONER, roles.CASE_LEARNING_TEAM),
            "leader": user("m-leader", roles.PRACTITIONER, roles.LEADER),
            "administrator": user("m-admin", roles.ADMINISTRATOR, is_staff=True, is_superuser=True),
            "other_agency": UserFactory(
                username="m-elsewhere", agency=elsewhere, roles=[roles.PRACTITIONER]
            ),
            "other_cohort": user("m-othercohort", roles.PRACTITIONER),
            "cohort_lead": user("m-lead", roles.PRACTITIONER),
            "deactivated": user("m-left", roles.PRACTITIONER, is_active=False),
            "no_role": user("m-new"),
        }
        owner = UserFactory(username="m-owner", roles=[roles.PRACTITIONER])
        self.public_spot = BrightSpotPageFactory(is_public=True, submitted_by=owner)
        self.private_spot = BrightSpotPageFactory(is_public=False, submitted_by=owner)
        BrightSpotPageFactory(slug="draft-one", live=False, submitted_by=owner)
        self.awaiting_spot = submissions.submit(
            BrightSpotPageFactory(slug="awaiting-one", live=False, submitted_by=owner), owner
        )
        self.spot_edit = f"/bright-spots/{self.private_spot.pk}/edit/"
        self.session = ForumSessionPageFactory()
        self.barrier = BarrierFactory()
        self.comment = CommentFactory(target=self.barrier, author=owner)
        self.review = ReviewFactory(completed=True)
        self.draft = ReviewFactory(facilitator=self.users["facilitator"])
        self.action = ActionFactory(review=self.review, owner=self.users["practitioner"])
        self.cohort = CohortFactory(team=[self.users["cohort_lead"]])
        self.membership = self.cohort.memberships.get()
        CohortFactory(team=[]).memberships.create(
            user=self.users["other_cohort"], role=CohortMembership.Role.LEAD_PRACTITIONER
        )
        self.participant = ParticipantFactory(cohort=self.cohort)
        self.touchpoint = TouchpointFactory(participant=self.participant)
        self.summary = CohortSummaryFactory(cohort=self.cohort)
        self.saved = SavedSearchFactory(user=owner)
        self.token, _plain = issue_token(owner)
        self.tokens = {name: issue_token(u)[1] for name, u in self.users.items()}

    def review_to_reopen(self):
        """A fresh completed review for each request: reopening one changes it."""
        return ReviewFactory(completed=True)

    def client(self, identity):
        client = Client()
        if identity in self.users and identity != "deactivated":
            client.force_login(self.users[identity])
        elif identity == "deactivated":
            # Signed in before the account was deactivated.
            user = self.users[identity]
            user.is_active = True
            client.force_login(user)
            user.is_active = False
            user.save()
        return client


def outcome_of(response, api=False):
    status = response.status_code
    if status == 404:
        return NOT_FOUND
    if status in (401, 403) or (status == 429):
        return DENY
    location = response.get("Location", "")
    if status in (301, 302, 303) and ("/sign-in/" in location or "/admin/login/" in location):
        return SIGN_IN
    if status < 500:
        return ALLOW
    return f"server error {status}"


def request(world, identity, rule):
    client = world.client(identity)
    path = rule.path(world) if callable(rule.path) else rule.path
    headers = {}
    if path.startswith("/api/") and identity in world.tokens and identity != "no_role_":
        headers["HTTP_AUTHORIZATION"] = f"Bearer {world.tokens[identity]}"
    send = client.post if rule.method == "post" else client.get
    return send(path, **headers)


@pytest.fixture
def world(db):
    return World()


def _entries():
    entries = {}
    for route, name in routed_urls():
        if route.startswith("admin/"):
            continue
        rule = ACCESS.get(name)
        if rule and rule.path is None:
            rule.path = "/" + route
        entries[name or route] = rule
    return entries


def test_every_routed_url_has_an_entry():
    missing = [
        f"{name or '(unnamed)'} -> /{route}"
        for route, name in routed_urls()
        if not route.startswith("admin/") and name not in ACCESS
    ]
    assert not missing, (
        "These routed URLs have no entry in ACCESS (tests/config/test_permission_matrix.py); "
        "add one saying who may open each:\n  " + "\n  ".join(missing)
    )
    stale = set(ACCESS) - {name for _route, name in routed_urls()}
    assert not stale, f"ACCESS names URLs that no longer exist: {sorted(stale)}"


def test_every_rule_covers_every_identity():
    for name, rule in [*ACCESS.items(), *PAGES.items(), ("admin", WAGTAIL_ADMIN)]:
        assert set(rule.outcomes) == set(IDENTITIES), name


def test_the_site_answers_every_identity_as_the_table_says(world):
    wrong = []
    rules = {**{n: r for n, r in _entries().items() if r}, **PAGES}
    for name, rule in rules.items():
        for identity in IDENTITIES:
            got = outcome_of(request(world, identity, rule))
            want = rule.outcomes[identity]
            if rule.notes.startswith("GET answers 405") and want == ALLOW:
                want = ALLOW  # 405 counts as ALLOW: the view was reached
            if got != want:
                wrong.append(f"{name} as {identity}: expected {want}, got {got}")
    assert not wrong, "\n".join(wrong)


def test_every_wagtail_admin_url_as_each_kind_of_visitor(world):
    wrong = []
    admin_routes = [
        (r, n)
        for r, n in routed_urls()
        if r.startswith("admin/") and r not in ADMIN_DELIBERATE_ERRORS
    ]
    assert len(admin_routes) > 100
    for route, name in admin_routes:
        outcomes = public().outcomes if name in ADMIN_PUBLIC else WAGTAIL_ADMIN.outcomes
        rule = Rule(outcomes, path=sample_path(route))
        for identity in ADMIN_IDENTITIES:
            got = outcome_of(request(world, identity, rule))
            want = rule.outcomes[identity]
            if identity in ADMIN_ROLES or name in ADMIN_PUBLIC:
                # Reached the admin: the view itself may say 404 (no object 1) or refuse a model.
                ok = not got.startswith("server error") and got != SIGN_IN
            else:
                ok = got == want or (identity == "no_role" and got == SIGN_IN)
            if not ok:
                wrong.append(
                    f"{name or route} ({rule.path}) as {identity}: expected {want}, got {got}"
                )
    assert not wrong, "\n".join(wrong[:50])


@pytest.mark.parametrize("identity", IDENTITIES)
def test_the_admin_home_as_every_identity(world, identity):
    got = outcome_of(request(world, identity, Rule({}, path="/admin/")))
    assert got == WAGTAIL_ADMIN.outcomes[identity]
