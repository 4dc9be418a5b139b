import io
import json

from django.core.management import CommandError, call_command

import pytest

from search.interchange import parse_lines
from search.management.commands.write_interchange_schema import DEFAULT_PATH, schema_text

pytestmark = pytest.mark.django_db


def test_committed_schema_matches_the_models():
    assert DEFAULT_PATH.read_text(encoding="utf-8") == schema_text(), (
        "docs/interchange.schema.json is stale: run `manage.py write_interchange_schema`"
    )


def test_schema_names_every_record_type_and_its_limits():
    schema = json.loads(schema_text())
    kinds = {
        definition["properties"]["type"]["const"]
        for definition in schema["$defs"].values()
        if "type" in definition.get("properties", {})
    }
    assert kinds == {"bright_spot", "barrier", "review"}
    barrier = schema["$defs"]["BarrierRecord"]
    assert barrier["additionalProperties"] is False
    assert barrier["properties"]["title"]["maxLength"] == 255
    assert barrier["properties"]["level"]["enum"] == ["individual", "service", "system"]
    assert set(barrier["required"]) == {"id", "type", "title"}


def test_check_fails_on_a_stale_file_and_passes_on_a_fresh_one(tmp_path):
    path = tmp_path / "schema.json"
    path.write_text("{}\n")
    with pytest.raises(CommandError, match="out of date"):
        call_command("write_interchange_schema", "--check", "--path", str(path))
    call_command("write_interchange_schema", "--path", str(path), stdout=io.StringIO())
    call_command("write_interchange_schema", "--check", "--path", str(path), stdout=io.StringIO())


def test_null_where_a_value_is_expected_is_an_error_not_an_empty_field():
    line = {"id": "b1", "type": "barrier", "title": "x", "date": None, "category": None}
    _records, problems = parse_lines([json.dumps(line)])
    assert [str(p) for p in problems] == [
        "line 1: date: None is not a date (use YYYY-MM-DD)",
        "line 1: category: unknown category code None",
    ]
