import io
import json

from django.core.management import call_command

import pytest

from search.interchange import parse_lines
from search.models import LearningRecord

pytestmark = pytest.mark.django_db


def test_generated_file_is_valid_interchange_with_a_mix_of_types(tmp_path):
    path = tmp_path / "gen.jsonl"
    call_command(
        "generate_learning", "--count", "60", "--output", str(path), "--no-import",
        stdout=io.StringIO(),
    )  # fmt: skip
    lines = path.read_text().splitlines()
    records, problems = parse_lines(lines)
    assert problems == []
    assert len(records) == 60
    assert {json.loads(line)["type"] for line in lines} == {"barrier", "bright_spot", "review"}


def test_generates_and_imports(practitioner):
    out = io.StringIO()
    call_command("generate_learning", "--count", "25", "--seed", "3", stdout=out)
    assert "Imported 25 record(s)" in out.getvalue()
    assert LearningRecord.objects.count() == 25
