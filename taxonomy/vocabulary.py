"""Loads the project's own copy of the controlled vocabularies into the taxonomy tables."""

import json
from pathlib import Path

VOCABULARY_FILE = Path(__file__).resolve().parent / "data" / "vocabulary.json"


def read_vocabulary():
    return json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))


def load_vocabulary(get_model, vocabulary=None):
    """Create or update every term. `get_model(name)` returns a taxonomy model class, so the
    same code serves the data migration (historical models) and management commands."""
    vocabulary = vocabulary or read_vocabulary()
    Priority = get_model("Priority")
    priorities = {}
    for item in vocabulary["priorities"]:
        priorities[item["code"]], _ = Priority.objects.update_or_create(
            code=item["code"], defaults={"name": item["name"], "summary": item["summary"]}
        )
    for item in vocabulary["principles"]:
        get_model("Principle").objects.update_or_create(
            number=item["number"],
            defaults={
                "name": item["name"],
                "priority": priorities[item["priority"]],
                "practice": item["practice"],
            },
        )
    for item in vocabulary["barrier_levels"]:
        get_model("BarrierLevel").objects.update_or_create(
            code=item["code"],
            defaults={"name": item["name"], "examples": "\n".join(item.get("examples", []))},
        )
    for item in vocabulary["barrier_categories"]:
        get_model("BarrierCategory").objects.update_or_create(
            code=item["code"], defaults={"name": item["name"]}
        )
    for model_name, key in [
        ("BarrierTheme", "barrier_themes"),
        ("Need", "needs"),
        ("SpecificGroup", "specific_groups"),
        ("AgencySector", "agency_sectors"),
    ]:
        for name in vocabulary[key]:
            get_model(model_name).objects.get_or_create(name=name)
    MeetingType = get_model("MeetingType")
    for item in vocabulary["mcn_groups"]:
        MeetingType.objects.get_or_create(name=item["name"])
    for item in vocabulary["mcn_groups"]:
        if item.get("merged_into"):
            MeetingType.objects.filter(name=item["name"]).update(
                merged_into=MeetingType.objects.get(name=item["merged_into"])
            )
