from collections import Counter
from dataclasses import dataclass, field

import pytest

from privacy.guard import (
    KINDS,
    contains_identifiers,
    find_identifiers,
    is_valid_nhs_number,
    nhs_check_digit,
)
from tests.privacy.corpus import CORPUS, HARD_NEGATIVES, POSITIVES


@dataclass
class CorpusResult:
    expected: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    misses: list = field(default_factory=list)
    false_positives: list = field(default_factory=list)
    snippets_with_false_positive: int = 0
    negatives_flagged: int = 0

    def recall(self, kind=None):
        kinds = [kind] if kind else list(self.expected)
        expected = sum(self.expected[k] for k in kinds)
        return sum(self.found[k] for k in kinds) / expected if expected else 1.0

    @property
    def false_positive_rate(self):
        return self.snippets_with_false_positive / len(CORPUS)

    @property
    def negative_false_positive_rate(self):
        return self.negatives_flagged / len(HARD_NEGATIVES)


def evaluate(corpus):
    result = CorpusResult()
    for text, expected in corpus:
        found = {(finding.kind, finding.text) for finding in find_identifiers(text)}
        for kind, span in expected:
            result.expected[kind] += 1
            if (kind, span) in found:
                result.found[kind] += 1
            else:
                result.misses.append((kind, span, text))
        unexpected = found - set(expected)
        result.false_positives += [(kind, span, text) for kind, span in unexpected]
        result.snippets_with_false_positive += bool(unexpected)
        result.negatives_flagged += bool(not expected and found)
    return result


def report_lines(result):
    lines = [
        f"{len(CORPUS)} snippets: {len(POSITIVES)} with identifiers "
        f"({sum(result.expected.values())} identifiers), {len(HARD_NEGATIVES)} hard negatives",
        f"{'kind':<15} {'expected':>8} {'found':>6} {'recall':>7}",
    ]
    for kind in KINDS:
        lines.append(
            f"{kind:<15} {result.expected[kind]:>8} {result.found[kind]:>6} "
            f"{result.recall(kind):>7.1%}"
        )
    lines += [
        f"{'overall':<15} {sum(result.expected.values()):>8} {sum(result.found.values()):>6} "
        f"{result.recall():>7.1%}",
        f"false-positive rate: {result.false_positive_rate:.1%} of all snippets, "
        f"{result.negative_false_positive_rate:.1%} of hard negatives",
    ]
    lines += [f"missed {kind} {span!r} in {text!r}" for kind, span, text in result.misses]
    lines += [f"false {kind} {span!r} in {text!r}" for kind, span, text in result.false_positives]
    return lines


def test_corpus_is_large_and_balanced():
    assert len(CORPUS) >= 200
    assert 0.4 <= len(HARD_NEGATIVES) / len(CORPUS) <= 0.6
    kinds = {kind for _, expected in POSITIVES for kind, _ in expected}
    assert kinds == set(KINDS)


def test_corpus_recall_and_false_positive_rate(corpus_report):
    result = evaluate(CORPUS)
    corpus_report.extend(report_lines(result))

    for kind in ("nhs_number", "email", "phone", "postcode"):
        assert result.recall(kind) == 1.0, result.misses
    assert result.recall() >= 0.95, result.misses
    assert result.false_positive_rate < 0.02, result.false_positives


def test_every_corpus_span_is_exact():
    for text, _ in CORPUS:
        for finding in find_identifiers(text):
            assert text[finding.start : finding.end] == finding.text


def test_findings_are_sorted_and_do_not_overlap():
    text = (
        "Mr Green (07700 900555, green.d@example.com) NHS 943 476 5919, DOB 12/03/1985, "
        "NI AB123456C, staying at NE8 4QR."
    )
    findings = find_identifiers(text)
    assert [finding.kind for finding in findings] == [
        "name",
        "phone",
        "email",
        "nhs_number",
        "date_of_birth",
        "ni_number",
        "postcode",
    ]
    for earlier, later in zip(findings, findings[1:], strict=False):
        assert earlier.end <= later.start


class TestNhsNumber:
    @pytest.mark.parametrize("number", ["943 476 5919", "401 023 2137", "4010232137"])
    def test_valid_numbers_are_found(self, number):
        assert [f.kind for f in find_identifiers(f"NHS number {number}.")] == ["nhs_number"]

    def test_modulus_11_check_digit(self):
        # 9x10 + 4x9 + 3x8 + 4x7 + 7x6 + 6x5 + 5x4 + 9x3 + 1x2 = 299; 299 mod 11 = 2; 11 - 2 = 9
        assert nhs_check_digit("943476591") == 9
        assert nhs_check_digit("401023213") == 7
        assert is_valid_nhs_number("9434765919")

    def test_check_digit_of_ten_means_no_valid_number(self):
        assert nhs_check_digit("123456789") is None
        for last in range(10):
            assert find_identifiers(f"Ref 123 456 789{last}") == []

    def test_remainder_zero_gives_check_digit_zero(self):
        assert nhs_check_digit("987654321") == 0
        assert is_valid_nhs_number("9876543210")

    def test_wrong_check_digit_is_not_a_finding(self):
        assert find_identifiers("NHS 943 476 5918") == []

    def test_placeholder_of_repeated_digits_is_not_a_finding(self):
        assert find_identifiers("NHS 000 000 0000 or 111 111 1111") == []

    @pytest.mark.parametrize(
        "text",
        [
            "ref 94347659190",
            "ref 19434765919",
            "order 12 943 476 5919",
            "943 476 5919.5",
            "£9434765919",
        ],
    )
    def test_not_inside_longer_numbers(self, text):
        assert find_identifiers(text) == []

    def test_nhs_number_is_not_also_a_phone_number(self):
        assert [f.kind for f in find_identifiers("Call 943 476 5919")] == ["nhs_number"]

    @pytest.mark.parametrize("number", ["943.476.5919", "943  476  5919"])
    def test_dotted_and_double_spaced_groups(self, number):
        assert [(f.kind, f.text) for f in find_identifiers(f"NHS no. {number}")] == [
            ("nhs_number", number)
        ]

    def test_ten_digits_after_a_phone_prefix_are_a_phone_number(self):
        # "191 498 0123" passes Modulus 11, but here it follows "+44 (0)".
        text = "Ring +44 (0) 191 498 0123."
        assert [(f.kind, f.text) for f in find_identifiers(text)] == [
            ("phone", "+44 (0) 191 498 0123")
        ]


class TestPhone:
    @pytest.mark.parametrize(
        "number",
        [
            "07700 900123",
            "07700900123",
            "07700 900 123",
            "+44 7700 900123",
            "+447700900123",
            "0044 7700 900123",
            "020 7946 0958",
            "0191 123 4567",
            "01632 960123",
            "(0191) 496 0000",
            "+44 (0)20 7946 0958",
            "0800 123 4567",
            "0808 157 0000",
            "0800 123456",
            "+44 (0)7700 900 123",
            "+44(0)7700900123",
            "(07700) 900123",
            "077009 00123",
        ],
    )
    def test_formats(self, number):
        assert [
            (f.kind, f.text) for f in find_identifiers(f"Tel {number}, ask for the duty worker.")
        ] == [("phone", number)]

    @pytest.mark.parametrize(
        "text",
        [
            "£250 on 12/03/2024 at 14:30",
            "In 2019 there were 1,045 referrals",
            "Childline 0800 1111",
            "Samaritans 116 123",
            "Account 0112345678",
            "Scored 07 out of 10",
            "£07700900123",
        ],
    )
    def test_not_years_money_or_counts(self, text):
        assert find_identifiers(text) == []


class TestEmail:
    def test_addresses(self):
        text = "Write to jo.bloggs+uc@example.nhs.uk or <TONY.B@YAHOO.COM>."
        assert [f.text for f in find_identifiers(text)] == [
            "jo.bloggs+uc@example.nhs.uk",
            "TONY.B@YAHOO.COM",
        ]

    def test_handle_without_domain_is_not_an_email(self):
        assert find_identifiers("Her handle is @sam and x@y") == []


class TestPostcode:
    @pytest.mark.parametrize(
        "postcode",
        [
            "SW1A 1AA",
            "sw1a1aa",
            "NE8 4QR",
            "M1 1AE",
            "B33 8TH",
            "CR2 6XH",
            "DN55 1PT",
            "EC1A 1BB",
            "W1A 0AX",
        ],
    )
    def test_full_postcodes(self, postcode):
        assert [(f.kind, f.text) for f in find_identifiers(f"Moved to {postcode}.")] == [
            ("postcode", postcode)
        ]

    @pytest.mark.parametrize(
        "text",
        [
            "the NE8 area",
            "in NE8",
            "Ward 3B",
            "room B12",
            "s.136",
            "Section 117",
            "Care Act 2014 s42",
            "HP LaserJet M404dn",
            "Bay B2 2nd bed",
            "covid19 2nd dose",
        ],
    )
    def test_not_outward_codes_wards_or_statutes(self, text):
        assert find_identifiers(text) == []

    @pytest.mark.parametrize("postcode", ["NE8 1aa", "Ne8 1aa", "ne8-1aa", "NE8-1AA"])
    def test_mixed_case_and_hyphenated(self, postcode):
        assert [f.text for f in find_identifiers(f"Moved to {postcode} last week.")] == [postcode]

    def test_ordinal_inward_code_is_a_postcode_when_the_text_says_so(self):
        assert [f.text for f in find_identifiers("moved to b33 8th.")] == ["b33 8th"]
        assert [f.text for f in find_identifiers("b33 8th was the hostel postcode")] == ["b33 8th"]

    @pytest.mark.parametrize(
        "text", ["the m1 2hr delay", "b1 1st floor", "Ward B2 2nd", "N1 6ft wide gate"]
    )
    def test_ordinals_and_units_in_prose(self, text):
        assert find_identifiers(text) == []


class TestNationalInsurance:
    @pytest.mark.parametrize(
        "number",
        ["AB 12 34 56 C", "AB123456C", "ab 123456 c", "JG103759A", "AB 123 456 C", "AB-12-34-56-C"],
    )
    def test_format_valid_numbers(self, number):
        assert [f.kind for f in find_identifiers(f"NI {number}")] == ["ni_number"]

    def test_published_example_qq_is_flagged(self):
        assert [f.text for f in find_identifiers("NI QQ 12 34 56 C")] == ["QQ 12 34 56 C"]

    @pytest.mark.parametrize(
        "number",
        [
            "BG123456A",
            "GB123456A",
            "NK123456A",
            "KN123456A",
            "TN123456A",
            "NT123456A",
            "ZZ123456A",
            "DA123456A",
            "AO123456A",
            "AB123456E",
            "Ab123456c",
        ],
    )
    def test_invalid_prefixes_and_suffixes(self, number):
        assert find_identifiers(f"ref {number}") == []

    @pytest.mark.parametrize(
        ("text", "number"),
        [
            ("NI number QQ123456", "QQ123456"),
            ("NINO: AB 12 34 56", "AB 12 34 56"),
            ("N.I. no JK 123456", "JK 123456"),
            ("National Insurance number is AB-12-34-56.", "AB-12-34-56"),
            ("Nat Ins: ab 123 456", "ab 123 456"),
            ("NI No. given as AB123456 on the form", "AB123456"),
            ("his NI number, AB123456, was quoted", "AB123456"),
        ],
    )
    def test_labelled_number_without_suffix(self, text, number):
        assert [(f.kind, f.text) for f in find_identifiers(text)] == [("ni_number", number)]

    @pytest.mark.parametrize(
        "text",
        [
            "ref AB123456",
            "Claim AB 12 34 56 from DWP",
            "AB123456 (NI claim)",
            "NI number not known; ref AB123456",
            "NI team case AB123456",
            "mini AB123456",
            "NI number AB1234567",
            "NI number AB 12 34 56 78",
        ],
    )
    def test_unlabelled_or_too_long_without_suffix_is_not_a_finding(self, text):
        assert find_identifiers(text) == []

    @pytest.mark.parametrize("number", ["DA123456", "AO123456", "GB123456", "ZZ123456", "Ab123456"])
    def test_labelled_number_without_suffix_keeps_the_prefix_rules(self, number):
        assert find_identifiers(f"NI number {number}") == []

    def test_suffix_is_kept_when_present(self):
        assert [f.text for f in find_identifiers("NINO: AB 12 34 56 C.")] == ["AB 12 34 56 C"]


class TestAddress:
    @pytest.mark.parametrize(
        "address",
        [
            "14 High Street",
            "14 High St",
            "102 Victoria Rd",
            "3a Mill Lane",
            "11B Sandyford Place",
            "12-14 Grey Street",
            "9 St Mary's Terrace",
            "5 The Crescent",
            "27 Heaton Park Road",
            "4 Rye Hill Gardens",
            "22 PARK AVENUE",
            "14 Acacia avenue",
            "Flat 3, 27 Westgate Road",
            "flat 3, 27 westgate road",
            "Apartment 12, 4 Quayside Wharf",
            "Flat 5 Ashby View",
        ],
    )
    def test_house_number_and_street(self, address):
        assert [(f.kind, f.text) for f in find_identifiers(f"Moved to {address}, last week.")] == [
            ("address", address)
        ]

    @pytest.mark.parametrize(
        "street_type",
        [
            "Street",
            "St",
            "Road",
            "Rd",
            "Avenue",
            "Ave",
            "Lane",
            "Close",
            "Drive",
            "Way",
            "Crescent",
            "Court",
            "Terrace",
            "Gardens",
            "Place",
            "Grove",
            "Park",
            "Square",
            "Hill",
            "Walk",
            "Row",
            "Mews",
            "Parade",
            "Green",
            "Rise",
            "View",
            "Vale",
            "Wharf",
        ],
    )
    def test_every_street_type(self, street_type):
        assert [f.text for f in find_identifiers(f"at 7 Larch {street_type} now")] == [
            f"7 Larch {street_type}"
        ]

    @pytest.mark.parametrize(
        "address", ["14 acacia avenue", "7 long lane", "12 st james street", "6 beech grove"]
    )
    def test_all_lower_case_with_an_unambiguous_street_type(self, address):
        assert [f.text for f in find_identifiers(f"lives at {address} with her mum")] == [address]

    @pytest.mark.parametrize(
        "text",
        [
            "lives at 14 acacia close",
            "a 10 minute walk",
            "in 2 practitioners view",
            "2 nights on the street",
            "3 times down the road",
            "crossed 2 busy road junctions",
            "offered a 2 bed terrace",
        ],
    )
    def test_lower_case_prose_is_not_an_address(self, text):
        assert find_identifiers(text) == []

    def test_street_ends_before_a_lower_case_street_type_word(self):
        assert [f.text for f in find_identifiers("14 Park Road green bins")] == ["14 Park Road"]

    @pytest.mark.parametrize(
        "text",
        [
            "section 21 of the Housing Act 1988",
            "Ward 23",
            "room 101",
            "3 Court hearings",
            "the 12 Step programme",
            "seen at 10:30 Park Road surgery",
            "2 Park visits",
            "£300 Rent",
            "in 2023 Street outreach began",
            "In 2019 Station Road surgery merged",
            "the High Street pharmacy",
            "Station Road surgery",
            "Housing First team",
            "24 hour support",
            "Phase 2 Way Forward plan",
            "Ward 7 Elm Court",
            "Level 2 Car Park",
            "bus 56 Grey Street stop",
            "3 Crown Court hearings",
            "2 Google Drive folders",
            "On 3 May Park Lane hostel closed",
            "a 5 Mile Walk",
            "3.5 Park Road",
            "£14 High Street voucher",
        ],
    )
    def test_not_addresses(self, text):
        assert find_identifiers(text) == []


class TestDateOfBirth:
    @pytest.mark.parametrize(
        ("text", "date"),
        [
            ("DOB 12/03/1985", "12/03/1985"),
            ("D.O.B. 12-03-85", "12-03-85"),
            ("d.o.b 12.03.1985", "12.03.1985"),
            ("date of birth: 12 March 1985", "12 March 1985"),
            ("born on 12th of March 1985", "12th of March 1985"),
            ("born March 12, 1985", "March 12, 1985"),
            ("b. 1985-03-12", "1985-03-12"),
            ("DOB 12-Mar-1985", "12-Mar-1985"),
            ("DOB 1985/03/12", "1985/03/12"),
            ("DOB: 12 / 03 / 1985", "12 / 03 / 1985"),
            ("DOB/Age: 12/03/1985 (39)", "12/03/1985"),
            ("DOB:\n12/03/1985", "12/03/1985"),
            ("Client A, 12/03/1985 (DOB)", "12/03/1985"),
            ("12/03/1985 DOB.", "12/03/1985"),
        ],
    )
    def test_cued_dates(self, text, date):
        assert [(f.kind, f.text) for f in find_identifiers(text)] == [("date_of_birth", date)]

    @pytest.mark.parametrize(
        "text",
        [
            "on 12 March 2024 she was discharged",
            "Date of birth not recorded; seen on 12/03/2024",
            "Appendix B. 12/03/2024 minutes",
            "She was born and raised in Gateshead; moved on 12 May 2015",
            "DOB confirmed on 12/05/2024 by the surgery",
            "Date of birth was recorded on 03/04/2024 at triage",
            "Seen 03/04/2024, DOB, address and GP checked",
            "Next review 03/04/2025 (DOB to be confirmed)",
        ],
    )
    def test_event_dates_are_not_findings(self, text):
        assert find_identifiers(text) == []


class TestName:
    @pytest.mark.parametrize(
        "name",
        [
            "Mr Smith",
            "Mrs O'Neill",
            "Ms McDonald",
            "Dr Smith-Jones",
            "Prof D'Souza",
            "Mx Patel",
            "Miss Adebayo",
            "Dr. Khan",
            "Mrs J. Patel",
            "MR SMITH",
            "Mrs O'NEILL",
            "Mr John SMITH",
            "Dr.Ahmed",
            "Cllr Brown",
            "Revd Green",
            "mr Patel",
        ],
    )
    def test_title_and_surname(self, name):
        assert [(f.kind, f.text) for f in find_identifiers(f"Seen by {name} today.")] == [
            ("name", name)
        ]

    @pytest.mark.parametrize(
        "text",
        [
            "Mr and Mrs",
            "Ms pointed out",
            "Mr A said",
            "Mr B. He said",
            "Dr Foster Unit",
            "MS Teams call",
            "Dr appointment",
            "GP/Dr Appointment",
            "the Mr Men books",
            "Dr Martens boots",
            "Little Miss Sunshine",
            "MS TEAMS call",
            "the MS Society",
            "MS MRI booked",
            "Mr ESA",
            "a 200 ms Latency",
            "we miss Sunderland",
        ],
    )
    def test_not_names(self, text):
        assert find_identifiers(text) == []


class TestMessages:
    def test_message_quotes_span_and_says_how_to_fix(self):
        (finding,) = find_identifiers("NHS 943 476 5919")
        assert finding.label == "NHS number"
        assert finding.message == (
            "Remove the NHS number “943 476 5919” — learning records must not hold identifiers. "
            "Refer to the person by their role or a pseudonym instead."
        )

    @pytest.mark.parametrize(
        ("text", "label", "advice"),
        [
            ("moved to ne8 4qr", "postcode", "'the NE8 area'"),
            ("DOB 12/03/1985", "date of birth", "in their 40s"),
            ("Mrs Patel", "name", "pseudonym"),
            ("07700 900123", "phone number", "housing team"),
            ("jo@example.com", "email address", "duty social worker"),
            ("AB123456C", "National Insurance number", "Leave it out"),
            ("14 High Street", "street address", "'a flat in the area'"),
        ],
    )
    def test_advice_is_tailored_to_kind(self, text, label, advice):
        (finding,) = find_identifiers(text)
        assert f"Remove the {label} “{finding.text}”" in finding.message
        assert advice in finding.message


def test_address_message_says_how_to_fix_it():
    (finding,) = find_identifiers("Moved to Flat 2, 14 High Street.")
    assert finding.message == (
        "Remove the street address “Flat 2, 14 High Street” — learning records must not hold "
        "identifiers. Leave out where the person lives; say 'a flat in the area' or name the "
        "service instead."
    )


def test_address_and_postcode_are_separate_findings():
    findings = find_identifiers("Mr Green, Flat 2, 14 High Street, NE8 1AB, NINO AB 12 34 56.")
    assert [(f.kind, f.text) for f in findings] == [
        ("name", "Mr Green"),
        ("address", "Flat 2, 14 High Street"),
        ("postcode", "NE8 1AB"),
        ("ni_number", "AB 12 34 56"),
    ]


def test_contains_identifiers():
    assert contains_identifiers("Call 07700 900123")
    assert not contains_identifiers("Called the duty team at 14:30 on 12 March 2024.")
    assert not contains_identifiers("")


def test_rich_text_is_read_as_its_reader_sees_it():
    findings = find_identifiers("<p>943&nbsp;476&nbsp;5919</p>")
    assert [(f.kind, f.text) for f in findings] == [("nhs_number", "943&nbsp;476&nbsp;5919")]
