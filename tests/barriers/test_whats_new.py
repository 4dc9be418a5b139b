import datetime

from django.utils import timezone

import pytest

from barriers import whats_new
from barriers.factories import BarrierFactory, OccurrenceFactory

pytestmark = pytest.mark.django_db


def test_recent_and_recurring_barriers_on_the_home_card(practitioner):
    today = timezone.localdate()
    busy = BarrierFactory(title="Busy", first_met=today - datetime.timedelta(days=200))
    for days in (1, 2, 3):
        OccurrenceFactory(barrier=busy, date=today - datetime.timedelta(days=days))
    fresh = BarrierFactory(title="Fresh", first_met=today)
    OccurrenceFactory(barrier=fresh, date=today)
    old = BarrierFactory(title="Old", first_met=today - datetime.timedelta(days=400))
    OccurrenceFactory(barrier=old, date=today - datetime.timedelta(days=400))

    card = whats_new.items(practitioner, 5)
    assert [item["title"] for item in card["items"]] == ["Busy", "Fresh"]
    assert card["items"][0]["meta"] == "Open · met 3 times in 30 days"
    assert card["items"][1]["meta"].startswith("New · logged")
    assert card["more_url"] == "/barriers/"
