from datetime import timedelta

from django.utils import timezone

import pytest

from brightspots.actions import action_items
from brightspots.factories import FollowUpActionFactory
from brightspots.models import FollowUpAction

pytestmark = pytest.mark.django_db


def test_action_items_shape_and_filters(practitioner):
    overdue = FollowUpActionFactory(owner=practitioner, due_on=timezone.localdate() - timedelta(1))
    FollowUpActionFactory(owner=practitioner, status=FollowUpAction.Status.DONE)
    FollowUpActionFactory()
    mine = action_items(user=practitioner)
    assert len(mine) == 2
    overdue_items = action_items(user=practitioner, overdue_only=True)
    assert len(overdue_items) == 1
    item = overdue_items[0]
    assert set(item) == {
        "text", "owner", "owner_agency", "due", "status", "is_overdue", "source_title",
        "source_url",
    }  # fmt: skip
    assert item["text"] == overdue.text
    assert item["owner"] == practitioner
    assert item["is_overdue"] is True
    assert item["source_title"] == overdue.session.title
    assert item["source_url"] == overdue.session.url
    assert len(action_items()) == 3
