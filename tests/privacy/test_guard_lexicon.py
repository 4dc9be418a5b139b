"""Names with no title and no context word, read by what they are not (privacy/guard/lexicon.py),
and dates of birth given as a year, a month and year or digits run together
(privacy/guard/dates.py). Every finding quotes the text exactly as it was typed."""

import json
from pathlib import Path

import pytest

from privacy.guard import find_identifiers
from privacy.guard.lexicon import is_english, is_unlisted_name


def found(text):
    return [(finding.kind, finding.text) for finding in find_identifiers(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("## Fenella Grimshaw\n\nFirst contact at the drop-in.", "Fenella Grimshaw"),
        ("| Person | Outcome |\n|---|---|\n| Ottilie Nowacki | evicted |", "Ottilie Nowacki"),
        ("[Kwesi Pemberton](#) was on the list.", "Kwesi Pemberton"),
        ("- Lorcan Ashworth housed in March", "Lorcan Ashworth"),
        ("Attendees: Zeynep Varga, the ward sister.", "Zeynep Varga"),
        ("TOBENNA GRIMSHAW - DNA x3", "TOBENNA GRIMSHAW"),
        ("## Marek **Threlkeld**", "Marek **Threlkeld**"),
        ("Radu O'Hara attended the review.", "Radu O'Hara"),
        ("Hattie D'Arcy", "Hattie D'Arcy"),
        ("Brogan O'Driscoll - DNA", "Brogan O'Driscoll"),
        ("Elspeth Smith-Jones was referred twice.", "Elspeth Smith-Jones"),
        ("Lowri MacKinnon-Bell", "Lowri MacKinnon-Bell"),
        ("The outreach worker visited Nkechi twice a week.", "Nkechi"),
        ("Referral for GRIMSHAW, Fenella came back.", "GRIMSHAW, Fenella"),
        ("OKONJO, NKECHI - DNA x2", "OKONJO, NKECHI"),
        ("Letter addressed to Nkechi OKONJO.", "Nkechi OKONJO"),
    ],
)
def test_unlisted_names_are_found_without_context(text, name):
    assert ("name", name) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "## Housing Options Officer\n\nRang the hostel twice.",
        "| Dual Diagnosis Nurse | CMHT |",
        "## WHAT WORKED WELL",
        "HOUSING OPTIONS - DUTY TO REFER",
        "The outreach team covered Milton Keynes and Tower Hamlets.",
        "| Hammersmith Fulham | Ipswich Colchester | Telford Wrekin |",
        "The outreach worker visited Gateshead twice a week.",
        "Notes kept in Microsoft Teams and WhatsApp.",
        "St Mungo's and Non-Executive Directors met.",
        "ESA PIP and UC were all suspended.",
        "Partners: NACRO, NEPACS, SHELTER and the council.",
        "CMHT, IAPT",
        "SEE YOU AT TEN O'CLOCK",
        "Housing MARAC and Gateshead MASH both heard the case.",
    ],
)
def test_words_that_are_english_places_or_acronyms_are_not_names(text):
    assert found(text) == []


def test_the_word_list_reads_inflections_and_capitals():
    assert is_english("Tenancies") and is_english("HOUSING") and is_english("rang")
    assert not is_english("Grimshaw")
    assert is_unlisted_name("OKONJO") and not is_unlisted_name("CMHT")
    assert not is_unlisted_name("Keynes")  # a place


def test_no_vocabulary_term_reads_as_a_name_wherever_it_stands():
    vocabulary = json.loads(
        (Path(__file__).resolve().parents[2] / "taxonomy/data/vocabulary.json").read_text()
    )
    terms: list[str] = []

    def walk(value):
        if isinstance(value, str):
            terms.append(value)
        elif isinstance(value, dict):
            [walk(item) for key, item in value.items() if key != "_about"]
        elif isinstance(value, list):
            [walk(item) for item in value]

    walk(vocabulary)
    flagged = [
        (text, found(text))
        for term in terms
        for text in (term, f"## {term}", f"| {term} | x |", f"[{term}](#)", term.upper())
        if found(text)
    ]
    assert len(terms) > 100 and flagged == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("He was born 1980 and grew up in care.", "1980"),
        ("born in 1980", "1980"),
        ("(b. 1975)", "1975"),
        ("born '80", "'80"),
        ("born in March 1987", "March 1987"),
        ("DOB Feb 1980", "Feb 1980"),
        ("DOB 01021980 on file", "01021980"),
        ("dob: 010280", "010280"),
        ("YOB: 1980", "1980"),
        ("year of birth 1980", "1980"),
        ("birth date 1/2/1980", "1/2/1980"),
        ("birthdate: 1980-02-01", "1980-02-01"),
        ("date-of-birth 01/02/80", "01/02/80"),
        ("Date of birth (dd/mm/yyyy): 01/02/1980", "01/02/1980"),
        ("aged 45 (dob 1.2.80)", "1.2.80"),
        ("DOB: 1980", "1980"),
        ("DOB 1st Feb 1980", "1st Feb 1980"),
        ("DOB February 1st 1980", "February 1st 1980"),
        ("DOB **01**/02/1980", "**01**/02/1980"),
    ],
)
def test_dates_of_birth_in_every_common_layout(text, date):
    assert ("date_of_birth", date) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "The service was born in 2019 out of the pilot.",
        "Born out of the 2020 lockdown, the hub still opens daily.",
        "Her baby was born in March.",
        "DOB confirmed on 12/05/2024",
        "Since 1980 the hostel has housed men.",
        "The 1980 Housing Act",
        "first born 2 weeks early",
    ],
)
def test_years_and_dates_that_are_not_births_pass(text):
    assert found(text) == []


def test_message_quotes_the_typed_name_and_says_how_to_fix_it():
    (finding,) = find_identifiers("### Fenella *Grimshaw*\n\nSeen at the drop-in.")
    assert finding.text == "Fenella *Grimshaw*"
    assert "“Fenella *Grimshaw*”" in finding.message
    assert "pseudonym" in finding.message
