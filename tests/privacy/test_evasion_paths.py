"""The checker's evasions typed into each route text takes: a public comment, a Wagtail admin
snippet, the admin's tags and the importer. Each is refused, nothing is saved, and the message
quotes the text as it was typed."""

import json

from django.urls import reverse

import pytest

from barriers.models import Barrier
from brightspots.factories import FollowUpActionFactory
from discussion.models import Comment
from search.interchange import parse_lines
from tests.privacy.test_coverage import EVASIONS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("typed", "quoted"), EVASIONS.items())
def test_public_comment_refuses_each_evasion(client, practitioner, typed, quoted):
    barrier = Barrier.objects.create(title="Discharge letters go to old addresses")
    client.force_login(practitioner)
    url = reverse("discussion:add", args=["barriers.barrier", barrier.pk])
    client.post(url, {"body": typed})
    assert not Comment.objects.exists()
    page = client.get(barrier.get_absolute_url()).content.decode()
    assert "Remove the " in page


@pytest.mark.parametrize(("typed", "quoted"), EVASIONS.items())
def test_admin_snippet_refuses_each_evasion_and_quotes_it(
    client, administrator, admin_form_data, typed, quoted
):
    action = FollowUpActionFactory()
    client.force_login(administrator)
    url = reverse("wagtailsnippets_brightspots_followupaction:edit", args=[action.pk])
    data = admin_form_data(client, url)
    data["text"] = typed
    response = client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert any(f"“{quoted}”" in error for error in form.errors["text"])
    action.refresh_from_db()
    assert action.text != typed


@pytest.mark.parametrize(("typed", "quoted"), EVASIONS.items())
def test_admin_tags_refuse_each_evasion(client, administrator, admin_form_data, typed, quoted):
    barrier = Barrier.objects.create(title="Discharge letters go to old addresses")
    client.force_login(administrator)
    url = reverse("wagtailsnippets_barriers_barrier:edit", args=[barrier.pk])
    data = admin_form_data(client, url)
    data["tags"] = f'discharge, "{typed}"'
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Remove the " in response.content.decode()
    assert not barrier.tags.exists()


@pytest.mark.parametrize(("typed", "quoted"), EVASIONS.items())
def test_importer_refuses_each_evasion_at_every_depth(typed, quoted):
    record = {
        "id": "b-9",
        "type": "barrier",
        "title": "Letters to old addresses",
        "body": typed,
        "occurrences": [{"date": "2024-03-01", "agency": typed, "area": typed}],
    }
    _records, problems = parse_lines([json.dumps(record)])
    problems = [str(problem) for problem in problems]
    for path in ("body", "occurrences[0].agency", "occurrences[0].area"):
        assert any(p.startswith(f"line 1: {path}: Remove the ") for p in problems), path
    assert any(f"“{quoted}”" in p for p in problems)
