"""Bulk writes of many rows (`common.bulk`): the values stored are those `Model.save` stores."""

import datetime

from django.utils import timezone
from django.utils.functional import lazy

import pytest

from barriers.models import Barrier
from common.bulk import insert_objects
from taxonomy.models import Area, BarrierCategory

pytestmark = pytest.mark.django_db

COMPARED = (
    "title",
    "description",
    "level",
    "status",
    "category",
    "area",
    "first_met",
    "resolved_at",
)


def barrier(external_id, **values):
    defaults = {
        "title": "Referral bounced between housing and mental health",
        "description": "Each service says the other should act first.",
        "level": Barrier.Level.SYSTEM,
        "status": "resolved",
        "category": BarrierCategory.objects.first(),
        "area": Area.objects.first(),
        "first_met": datetime.date(2026, 3, 9),
        "resolved_at": timezone.now(),
    }
    return Barrier(external_id=external_id, **{**defaults, **values})


def stored(external_id):
    return Barrier.objects.filter(external_id=external_id).values(*COMPARED, "created_at").get()


def test_inserted_rows_hold_what_save_stores():
    saved = barrier("saved")
    saved.save()
    insert_objects(Barrier, [barrier("inserted", resolved_at=saved.resolved_at)])
    inserted = stored("inserted")
    assert inserted.pop("created_at") is not None  # auto_now_add filled in, as save does
    expected = stored("saved")
    expected.pop("created_at")
    assert inserted == expected


def test_text_that_is_not_yet_a_string_is_prepared_as_save_would():
    title = lazy(lambda: "Discharge letters reach the GP a week late", str)()
    insert_objects(Barrier, [barrier("lazy", title=title, description="")])
    assert Barrier.objects.get(external_id="lazy").title == (
        "Discharge letters reach the GP a week late"
    )
