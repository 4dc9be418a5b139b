"""The data migration loads the project's own copy of the vocabularies."""

import json
from pathlib import Path

import pytest

from taxonomy.models import (
    AgencySector,
    BarrierCategory,
    BarrierLevel,
    BarrierTheme,
    MeetingType,
    Need,
    Principle,
    Priority,
    SpecificGroup,
)
from taxonomy.vocabulary import VOCABULARY_FILE, load_vocabulary

pytestmark = pytest.mark.django_db


def test_priorities_and_principles_with_practices_are_loaded():
    assert list(Priority.objects.values_list("code", flat=True)) == ["P1", "P2", "P3", "P4"]
    principles = list(Principle.objects.select_related("priority"))
    assert [p.number for p in principles] == list(range(1, 13))
    eight = Principle.objects.get(number=8)
    assert eight.name == "Study success and share it widely"
    assert eight.priority.code == "P3"
    assert "Bright Spots forum" in eight.practice
    assert all(p.practice for p in principles)


def test_twelve_meeting_types_with_amset_merged_into_maart():
    assert MeetingType.objects.count() == 12
    amset = MeetingType.objects.get(name__startswith="AMSET")
    assert amset.merged_into.name.startswith("MAART")
    assert not amset.is_active
    assert MeetingType.objects.filter(merged_into__isnull=True).count() == 11


def test_every_list_is_loaded():
    vocabulary = json.loads(VOCABULARY_FILE.read_text())
    assert BarrierLevel.objects.count() == 3
    assert "strict eligibility criteria" in BarrierLevel.objects.get(code="service").example_list
    assert BarrierCategory.objects.count() == len(vocabulary["barrier_categories"])
    assert BarrierTheme.objects.count() == len(vocabulary["barrier_themes"])
    assert Need.objects.count() == len(vocabulary["needs"])
    assert SpecificGroup.objects.count() == len(vocabulary["specific_groups"])
    assert AgencySector.objects.count() == len(vocabulary["agency_sectors"])


def test_loading_again_changes_nothing_and_keeps_admin_additions():
    Need.objects.create(name="Gambling harm")
    before = Need.objects.count()
    load_vocabulary(lambda name: __import__("taxonomy.models", fromlist=[name]).__dict__[name])
    assert Need.objects.count() == before
    assert Principle.objects.count() == 12


def test_project_owns_its_copy_of_the_vocabulary():
    assert VOCABULARY_FILE.is_relative_to(Path(__file__).resolve().parents[2] / "taxonomy")
