"""Bulk writes of many rows (`common.bulk`): the values stored are those `Model.save` stores."""

import datetime
import decimal
import warnings

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.functional import lazy

import pytest

from barriers.models import Barrier
from common.bulk import _preparer, insert_objects
from common.text_limits import is_project_app
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


# One value of each type an import hands to `insert_objects`, and some it never should.
SAMPLE_VALUES = [
    None,
    7,
    True,
    "text",
    datetime.date(2026, 3, 9),
    datetime.datetime(2026, 3, 9, 14, 30, tzinfo=datetime.UTC),
    datetime.datetime(2026, 3, 9, 14, 30),  # naive: save makes it aware, with a warning
    decimal.Decimal("2.5"),
]


def _outcome(prepare, obj):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = prepare(obj)
        except (TypeError, ValueError, ValidationError) as error:
            value = ("raises", type(error))
    # By type and repr: some adapted values (PostgreSQL's Jsonb) have no equality of their own.
    return type(value), repr(value), [str(warning.message) for warning in caught]


def test_every_field_of_the_project_prepares_each_value_as_save_does():
    """What `insert_objects` stores is what `Model.save` stores, value by value, for every
    column of every project model: the quick paths only skip steps, never change a result."""
    checked = 0
    for model in apps.get_models():
        if not is_project_app(model._meta.app_config):
            continue
        for field in model._meta.local_concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                continue  # save sets these itself: compared in the tests above
            for value in SAMPLE_VALUES:
                obj = model.__new__(model)
                obj.__dict__[field.attname] = value
                expected = _outcome(
                    lambda o, f=field: f.get_db_prep_save(f.pre_save(o, True), connection), obj
                )
                assert _outcome(_preparer(field, connection), obj) == expected, (field, value)
                checked += 1
    assert checked > 500
