"""The importer scans and length-limits every string at every depth before anything is written."""

import json

import pytest

from search.interchange import ImportFailed, import_lines, parse_lines
from taxonomy.models import Agency, Area

pytestmark = pytest.mark.django_db


def problems_for(record):
    _records, problems = parse_lines([json.dumps(record)])
    return [str(problem) for problem in problems]


def test_nested_agency_area_and_owner_are_scanned():
    problems = problems_for(
        {
            "id": "b-1",
            "type": "barrier",
            "title": "Letters to old addresses",
            "occurrences": [
                {"date": "2024-03-01", "agency": "Dave Smith's outreach", "area": "NE8 4QR"}
            ],
        }
    ) + problems_for(
        {
            "id": "r-1",
            "type": "review",
            "title": "Discharge review",
            "actions": [{"text": "Chase the GP", "owner": "Mr **Patel**"}],
        }
    )
    assert any(p.startswith("line 1: occurrences[0].agency: Remove the name") for p in problems)
    assert any(p.startswith("line 1: occurrences[0].area: Remove the postcode") for p in problems)
    assert any(p.startswith("line 1: actions[0].owner: Remove the name") for p in problems)


def test_evasions_in_imported_markdown_are_caught():
    problems = problems_for(
        {
            "id": "bs-1",
            "type": "bright_spot",
            "title": "Warm handover",
            "body": "Seen by <Dave Smith, 07700 9*00*123> and [contact](mailto:jo%40example.org)",
            "tags": ["&#48;7700 900123"],
        }
    )
    assert any("body: Remove the name" in p for p in problems)
    assert any("body: Remove the phone number “07700 9*00*123”" in p for p in problems)
    assert any("body: Remove the email address" in p for p in problems)
    assert any("tags[0]: Remove the phone number" in p for p in problems)


def test_every_string_is_length_limited_with_the_limit_in_the_message():
    problems = problems_for(
        {
            "id": "b-2",
            "type": "barrier",
            "title": "Long agency",
            "agencies": ["x" * 300],
            "occurrences": [{"date": "2024-03-01", "agency": "y" * 256}],
            "body": "z" * 20_001,
        }
    )
    assert "line 1: agencies[0]: must be at most 255 characters (it has 300)" in problems
    assert "line 1: occurrences[0].agency: must be at most 255 characters (it has 256)" in problems
    assert "line 1: body: must be at most 20000 characters (it has 20001)" in problems


def test_no_vocabulary_row_is_created_from_a_refused_import():
    record = {
        "id": "b-3",
        "type": "barrier",
        "title": "Refused",
        "occurrences": [{"date": "2024-03-01", "agency": "Sarah Jones", "area": "Flat 2"}],
    }
    with pytest.raises(ImportFailed):
        import_lines([json.dumps(record)])
    assert not Agency.objects.filter(name="Sarah Jones").exists()
    assert not Area.objects.filter(name="Flat 2").exists()
