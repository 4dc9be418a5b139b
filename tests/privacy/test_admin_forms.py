"""Text typed into the Wagtail admin is checked like the front end's: snippets, inline panels,
tags and pages."""

from django.urls import reverse

import pytest

from barriers.models import Barrier
from brightspots.factories import FollowUpActionFactory
from reviews.models import ReviewTemplate

pytestmark = pytest.mark.django_db


def test_review_template_question_with_an_identifier_is_refused_beside_the_question(
    client, administrator
):
    client.force_login(administrator)
    data = {
        "name": "Discharge review",
        "purpose": "After a hospital discharge.",
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
        "questions-0-question": "What did Mr **Patel** expect?",
        "questions-0-guidance": "",
        "questions-0-ORDER": "1",
        "questions-0-id": "",
        "questions-0-DELETE": "",
    }
    response = client.post(reverse("wagtailsnippets_reviews_reviewtemplate:add"), data)
    assert response.status_code == 200
    assert "Remove the name" in response.text
    assert not ReviewTemplate.objects.filter(name="Discharge review").exists()


def test_follow_up_action_snippet_refuses_an_email_in_angle_brackets(client, administrator):
    action = FollowUpActionFactory()
    client.force_login(administrator)
    url = reverse("wagtailsnippets_brightspots_followupaction:edit", args=[action.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["text"] = "Ask <jo.bloggs@example.org> for the minutes"
    data["session"] = action.session_id
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Remove the email address" in response.text
    action.refresh_from_db()
    assert "jo.bloggs" not in action.text


def test_barrier_tags_typed_in_the_admin_are_checked(client, administrator, admin_form_data):
    client.force_login(administrator)
    barrier = Barrier.objects.create(title="Discharge letters go to old addresses")
    url = reverse("wagtailsnippets_barriers_barrier:edit", args=[barrier.pk])
    data = admin_form_data(client, url)
    data["tags"] = "discharge, 07700 900123"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Remove the phone number" in response.text
    assert not barrier.tags.exists()
