"""Names told apart by the words around them, and obfuscated emails (privacy/guard)."""

import pytest

from privacy.guard import find_identifiers


def found(text):
    return [(finding.kind, finding.text) for finding in find_identifiers(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("We met with Sarah at the hostel.", "Sarah"),
        ("Jolene's GP had not been told.", "Jolene"),
        ("Her son, Jordan Smith, came to the review.", "Jordan Smith"),
        ("His partner Kemal rang the team.", "Kemal"),
        ("Tobias Fairweather was evicted in May.", "Tobias Fairweather"),
        ("Tobias said nobody explained the sanction.", "Tobias"),
        ("A letter for Kwesi Smith was left at reception.", "Kwesi Smith"),
        ("K. Okonjo signed the discharge letter.", "K. Okonjo"),
        ("Client: SARAH (no fixed abode)", "SARAH"),
        ("Seen by Mr Sm&#105;th on Tuesday.", "Mr Sm&#105;th"),
    ],
)
def test_names_in_person_context_are_found_as_typed(text, name):
    assert ("name", name) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "St Mungo's took the referral the same day.",
        "Turning Point and Change Grow Live run the recovery hub.",
        "Shelter said the Section 21 notice was invalid.",
        "Mind's helpline was busy, so Crisis rang back.",
        "Staff said the threshold was not met.",
        "Mum said she could not cope.",
        "Attendance went up after the warm handover.",
        "Tenancy kept; no rent arrears.",
        "Accommodation was found within the week.",
        "Phase 2 began in March.",
        "Nurse Patel refuses referrals from outreach",
        "The person, called Sam in this review, asked for a female worker.",
        "Sam (not her real name) said the hostel felt unsafe.",
        "See the advice at gov.uk before the appeal.",
    ],
)
def test_services_roles_prose_and_pseudonyms_are_not_names(text):
    assert found(text) == []


def test_a_field_holding_one_word_is_an_alias_not_a_name():
    assert found("Sam") == []
    assert found("Sam said the hostel felt unsafe.") == [("name", "Sam")]


@pytest.mark.parametrize(
    "email",
    [
        "jane at example dot com",
        "jane.smith (at) gmail (dot) com",
        "jane[at]outlook[dot]com",
        "jane @ hotmail.co.uk",
        "jane_smith AT yahoo DOT co DOT uk",
        "jane at yahoo.co.uk",
    ],
)
def test_obfuscated_emails_are_found_as_typed(email):
    assert found(f"Her email was {email} on the form.") == [("email", email)]


def test_the_message_quotes_the_name_as_typed_and_says_what_to_write_instead():
    (finding,) = find_identifiers("We met with **Sarah** at the hostel.")
    assert finding.text == "Sarah"
    assert "“Sarah”" in finding.message
    assert "Use a role" in finding.message
