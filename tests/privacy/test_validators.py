import logging

from django import forms
from django.core.exceptions import ValidationError

import pytest

from privacy.validators import assert_no_identifiers, check_fields, validate_no_identifiers


def test_validator_raises_one_error_per_finding():
    with pytest.raises(ValidationError) as raised:
        validate_no_identifiers("Mrs Patel rang from 07700 900123.")

    errors = raised.value.error_list
    assert [error.code for error in errors] == ["identifier", "identifier"]
    assert "“Mrs Patel”" in errors[0].message
    assert "“07700 900123”" in errors[1].message


@pytest.mark.parametrize("value", ["On 12 March 2024 she was housed.", "", None, 42, ["x"]])
def test_validator_accepts_clean_or_non_text_values(value):
    validate_no_identifiers(value)


def test_validator_works_as_a_field_validator():
    field = forms.CharField(validators=[validate_no_identifiers])

    assert field.clean("No identifiers here.") == "No identifiers here."
    with pytest.raises(ValidationError, match="NHS number"):
        field.clean("NHS 943 476 5919")


def test_check_fields_maps_only_fields_with_findings():
    result = check_fields(
        {
            "title": "Hostel discharge",
            "summary": "Seen at NE8 4QR; email jo@example.com",
            "body": "<p>DOB: 12/03/1985</p>",
            "principles": [1, 2],
        }
    )

    assert list(result) == ["summary", "body"]
    assert len(result["summary"]) == 2
    assert "“NE8 4QR”" in result["summary"][0]
    assert "date of birth" in result["body"][0]


def test_check_fields_on_clean_data_is_empty():
    assert check_fields({"title": "A Bright Spot", "body": "Caseloads fell from 45 to 12."}) == {}


def test_assert_no_identifiers_raises_a_dict_error():
    with pytest.raises(ValidationError) as raised:
        assert_no_identifiers({"title": "ok", "body": "Call 0191 496 0000"})

    assert list(raised.value.message_dict) == ["body"]
    (error,) = raised.value.error_dict["body"]
    assert error.code == "identifier"
    assert "“0191 496 0000”" in error.message


def test_assert_no_identifiers_passes_clean_data():
    assert_no_identifiers({"title": "ok", "body": "Section 21 notice served in May."})


def test_logs_kind_and_field_only(caplog):
    caplog.set_level(logging.INFO, logger="privacy")
    check_fields({"body": "NI AB123456C"})
    with pytest.raises(ValidationError):
        validate_no_identifiers("NI AB123456C")

    records = [r for r in caplog.records if r.name == "privacy"]
    assert [(r.privacy_kind, r.privacy_field) for r in records] == [
        ("ni_number", "body"),
        ("ni_number", ""),
    ]
    assert all("AB123456C" not in r.getMessage() + repr(vars(r)) for r in records)
