"""Every field of every form, sent what a hand-made request may hold: no server error.

Each form page is opened as the role that may use it; each of its forms is posted as the browser
would, with one field at a time replaced by a twenty-digit number (SQLite refused it beyond 64
bits) and by a word (where a number, a date, an id or a choice is expected). The test
client raises on a server error, so each failure names the page, the field and the value.
"""

import re
from html.parser import HTMLParser

import pytest

from .test_permission_matrix import World

pytestmark = pytest.mark.django_db

HOSTILE = ["12345678901234567890", "not a number"]
# A formset's later rows are built like its first: only the first row's fields are tried.
LATER_ROW = re.compile(r"-[1-9][0-9]*-")

FORM_PAGES = [
    ("practitioner", lambda w: "/bright-spots/submit/"),
    ("practitioner", lambda w: "/barriers/log/"),
    ("practitioner", lambda w: f"/barriers/{w.barrier.pk}/"),
    ("practitioner", lambda w: f"/reviews/actions/{w.action.pk}/update/"),
    ("practitioner", lambda w: "/account/"),
    ("leader", lambda w: f"/barriers/{w.barrier.pk}/edit/"),
    ("facilitator", lambda w: "/reviews/new/"),
    ("facilitator", lambda w: f"/reviews/{w.draft.pk}/run/"),
    ("forum_host", lambda w: "/forum/new/"),
    ("forum_host", lambda w: f"/forum/{w.session.pk}/manage/"),
    ("forum_host", lambda w: f"/forum/{w.session.pk}/record/"),
    ("forum_host", lambda w: f"/forum/{w.session.pk}/next/"),
    ("forum_host", lambda w: "/bright-spots/moderate/"),
    ("cohort_lead", lambda w: f"/case-learning/cohorts/{w.cohort.pk}/edit/"),
    ("cohort_lead", lambda w: f"/case-learning/cohorts/{w.cohort.pk}/team/"),
    ("cohort_lead", lambda w: f"/case-learning/cohorts/{w.cohort.pk}/participants/new/"),
    ("cohort_lead", lambda w: f"/case-learning/participants/{w.participant.pk}/edit/"),
    ("cohort_lead", lambda w: f"/case-learning/participants/{w.participant.pk}/touchpoints/new/"),
    ("cohort_lead", lambda w: f"/case-learning/touchpoints/{w.touchpoint.pk}/edit/"),
    ("administrator", lambda w: "/admin/snippets/barriers/barrier/add/"),
    ("administrator", lambda w: "/admin/snippets/brightspots/followupaction/add/"),
    (
        "administrator",
        lambda w: f"/admin/pages/add/brightspots/brightspotpage/{w.public_spot.get_parent().pk}/",
    ),
]


class _Forms(HTMLParser):
    """The POST forms of a page: their action and each field's name, kind and values."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"action": attrs.get("action") or "", "fields": []}
            if (attrs.get("method") or "get").lower() == "post":
                self.forms.append(self._form)
        elif self._form is None or not attrs.get("name"):
            return
        elif tag == "input" and attrs.get("type") not in ("submit", "button", "file", "image"):
            checked = "checked" in attrs or attrs.get("type") not in ("checkbox", "radio")
            value = attrs.get("value") or ("on" if attrs.get("type") == "checkbox" else "")
            self._form["fields"].append((attrs["name"], value if checked else None))
        elif tag == "textarea":
            self._form["fields"].append((attrs["name"], "Joint working helped."))
        elif tag == "select":
            self._select = [attrs["name"], None]
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None and self._select[1] in (None, ""):
            self._select[1] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def posted_forms(html, page):
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        if form["action"].endswith("/sign-out/"):
            continue
        data = {}
        for name, value in form["fields"]:
            if value is not None:
                data.setdefault(name, []).append(value)
        yield form["action"] or page, data


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        yield World()
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.mark.parametrize(
    ("identity", "page"), FORM_PAGES, ids=[f"{who}:{i}" for i, (who, _) in enumerate(FORM_PAGES)]
)
def test_no_hostile_field_value_gives_a_server_error(world, identity, page):
    client = world.client(identity)
    path = page(world)
    response = client.get(path)
    assert response.status_code == 200, path
    forms = list(posted_forms(response.text, path))
    assert forms, f"no form at {path}"
    for action, data in forms:
        for name in data:
            if name == "csrfmiddlewaretoken" or LATER_ROW.search(name):
                continue
            for value in HOSTILE:
                response = client.post(action, {**data, name: value})
                assert response.status_code < 500, (path, name, value)
