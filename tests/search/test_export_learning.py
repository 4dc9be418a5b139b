import io
import json

from django.core.management import call_command

import pytest

from search.evaluation import CORPUS

pytestmark = pytest.mark.django_db


def export(tmp_path, name):
    path = tmp_path / name
    call_command("export_learning", str(path), stdout=io.StringIO())
    return path.read_bytes()


def wipe():
    from barriers.models import Barrier
    from brightspots.models import BrightSpotPage
    from reviews.models import Review
    from search.models import LearningRecord

    for page in BrightSpotPage.objects.all():
        page.delete()
    Barrier.objects.all().delete()
    Review.objects.all().delete()
    assert not LearningRecord.objects.exists()


def test_export_is_sorted_by_type_then_id(tmp_path, corpus):
    rows = [json.loads(line) for line in export(tmp_path, "a.jsonl").decode().splitlines()]
    keys = [(row["type"], row["id"]) for row in rows]
    assert keys == sorted(keys)
    assert len(rows) == 60


def test_round_trip_is_byte_identical(tmp_path, corpus):
    first = export(tmp_path, "first.jsonl")
    assert first == CORPUS.read_bytes()
    wipe()
    call_command("import_learning", str(tmp_path / "first.jsonl"), stdout=io.StringIO())
    second = export(tmp_path, "second.jsonl")
    assert second == first
