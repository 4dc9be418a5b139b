"""A chooser sent something other than an id is refused with a message, not a 500: Wagtail's
chooser widget looked the value up again to show the form (common.admin_forms)."""

from django.urls import reverse

import pytest

from barriers.models import Barrier
from brightspots.factories import FollowUpActionFactory

pytestmark = pytest.mark.django_db(serialized_rollback=True)


@pytest.mark.parametrize("value", ["abc", "1.5", "12345678901234567890"])
def test_a_follow_up_actions_agency_chooser_with_a_value_that_is_not_an_id(
    client, administrator, admin_form_data, value
):
    action = FollowUpActionFactory(text="Ask the ward for the discharge summary")
    client.force_login(administrator)
    url = reverse("wagtailsnippets_brightspots_followupaction:edit", args=[action.pk])
    data = admin_form_data(client, url)
    data["text"] = "Changed"
    data["owner_agency"] = value
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    action.refresh_from_db()
    assert action.text == "Ask the ward for the discharge summary"


def test_a_new_barrier_with_a_made_up_agency_is_refused_and_the_rest_kept(
    client, administrator, admin_form_data
):
    client.force_login(administrator)
    url = reverse("wagtailsnippets_barriers_barrier:add")
    data = admin_form_data(client, url)
    data["title"] = "Discharge letters go to old addresses"
    data["fix_agency"] = "not an id"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert "Discharge letters go to old addresses" in response.text
    assert not Barrier.objects.exists()
