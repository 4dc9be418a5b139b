"""Find direct identifiers in free text before it becomes a learning record.

Pure Python on purpose: forms, model validators, importers and benchmarks all share it, and none of
them should need Django settings to scan a string. See docs/privacy.md for what is (and is not)
detected.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

NHS_NUMBER = "nhs_number"
PHONE = "phone"
EMAIL = "email"
POSTCODE = "postcode"
NI_NUMBER = "ni_number"
DATE_OF_BIRTH = "date_of_birth"
NAME = "name"

KINDS = (NHS_NUMBER, PHONE, EMAIL, POSTCODE, NI_NUMBER, DATE_OF_BIRTH, NAME)

LABELS = {
    NHS_NUMBER: "NHS number",
    PHONE: "phone number",
    EMAIL: "email address",
    POSTCODE: "postcode",
    NI_NUMBER: "National Insurance number",
    DATE_OF_BIRTH: "date of birth",
    NAME: "name",
}

_ADVICE = {
    NHS_NUMBER: "Refer to the person by their role or a pseudonym instead.",
    PHONE: "Name the service or role that was phoned instead (e.g. 'rang the housing team').",
    EMAIL: "Name the service or role instead (e.g. 'emailed the duty social worker').",
    NI_NUMBER: "Leave it out; describe the benefit or process involved instead.",
    DATE_OF_BIRTH: "Give an age band instead (e.g. 'in their 40s').",
    NAME: "Use a role ('the person', 'their support worker') or the participant's pseudonym.",
}


@dataclass(frozen=True)
class Finding:
    """One identifier found in a text: its kind and the exact span `text[start:end]`."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    @property
    def advice(self) -> str:
        if self.kind == POSTCODE:
            outward = "".join(self.text.split()).upper()[:-3]
            return f"Name the area or service instead (e.g. 'the {outward} area')."
        return _ADVICE[self.kind]

    @property
    def message(self) -> str:
        return (
            f"Remove the {self.label} “{self.text}” — learning records must not hold "
            f"identifiers. {self.advice}"
        )


def find_identifiers(text: str) -> list[Finding]:
    """Return the identifiers in `text`, sorted by start and never overlapping."""
    if not text:
        return []
    accepted: list[Finding] = []  # kept sorted by start
    starts: list[int] = []
    for detect in _DETECTORS:
        for finding in detect(text):
            index = bisect.bisect_left(starts, finding.start)
            if not _overlaps_neighbours(finding, accepted, index):
                accepted.insert(index, finding)
                starts.insert(index, finding.start)
    return accepted


def contains_identifiers(text: str) -> bool:
    return bool(find_identifiers(text))


def plain_text(value: str) -> str:
    """Text to scan for a value that may hold HTML (rich text): tags become spaces, entities
    are decoded, so '943&nbsp;476&nbsp;5919' is still seen as an NHS number."""
    if "<" not in value and "&" not in value:
        return value
    return html.unescape(_TAG_RE.sub(" ", value))


def nhs_check_digit(first_nine: str) -> int | None:
    """Modulus 11 check digit for the first nine digits, or None when no valid one exists."""
    total = sum(
        int(digit) * weight for digit, weight in zip(first_nine, range(10, 1, -1), strict=True)
    )
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def is_valid_nhs_number(digits: str) -> bool:
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    return nhs_check_digit(digits[:9]) == int(digits[9])


def _starts_word(text: str, index: int) -> bool:
    return index == 0 or not (text[index - 1].isalnum() or text[index - 1] == "_")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _overlaps_neighbours(finding: Finding, accepted: list[Finding], index: int) -> bool:
    # Accepted findings never overlap each other, so only the two neighbours can clash.
    before = index > 0 and accepted[index - 1].end > finding.start
    after = index < len(accepted) and accepted[index].start < finding.end
    return before or after


def _finding(kind: str, match: re.Match[str], group: int | str = 0) -> Finding:
    return Finding(kind, match.start(group), match.end(group), match.group(group))


_TAG_RE = re.compile(r"<[^>]*>")

# Speed: each pattern starts with one plain character (a digit, "0", "@", a title's first letter)
# so the regex engine skips to candidates in C instead of trying every position. Boundary checks
# come straight after that character, or in Python on the few candidates found.

# --- Email ------------------------------------------------------------------------------------

_EMAIL_RE = re.compile(
    r"(?<![\w.%+'-])[A-Za-z0-9][\w.%+'-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}\b"
)


_EMAIL_LOCAL_MAX = 64
_EMAIL_DOMAIN_MAX = 255


def _find_emails(text: str) -> Iterator[Finding]:
    # Search a window around each "@"; an address holds one "@", so windows stop at neighbours.
    searched_to = 0
    at = text.find("@")
    while at != -1:
        next_at = text.find("@", at + 1)
        start = max(searched_to, at - _EMAIL_LOCAL_MAX)
        end = min(at + _EMAIL_DOMAIN_MAX, len(text) if next_at == -1 else next_at)
        match = _EMAIL_RE.search(text, start, end)
        if match:
            yield _finding(EMAIL, match)
            searched_to = match.end()
        searched_to = max(searched_to, at + 1)
        at = next_at


# --- NHS number -------------------------------------------------------------------------------

# 3-3-4 groups or ten contiguous digits; the look-arounds keep it out of longer digit runs,
# decimals and money.
_NHS_RE = re.compile(
    r"\d(?<![\w£$€]\d)(?<!\d[ .,-]\d)"
    r"\d{2}[ \u00a0-]?\d{3}[ \u00a0-]?\d{4}"
    r"(?!\w|[ \u00a0-]\d|[.,]\d)"
)


def _find_nhs_numbers(text: str) -> Iterator[Finding]:
    for match in _NHS_RE.finditer(text):
        if is_valid_nhs_number(_digits(match.group())):
            yield _finding(NHS_NUMBER, match)


def _digits(value: str) -> str:
    return "".join(char for char in value if char.isdigit())


# --- National Insurance number ----------------------------------------------------------------

# Anchored on the first digit; the two prefix letters before it are read back in Python.
_NI_RE = re.compile(
    r"\d(?:(?<=[A-Z]{2}\d)|(?<=[A-Z]{2}[ \u00a0]\d))"
    r"\d[ \u00a0]?\d{2}[ \u00a0]?\d{2}[ \u00a0]?(?P<suffix>[A-D])\b",
    re.IGNORECASE,
)
_NI_BAD_FIRST = set("DFIQUV")
_NI_BAD_SECOND = set("DFIOQUV")
_NI_BAD_PREFIXES = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}
# HMRC's published example number: flagged anyway, because writers who paste it are testing the
# guard or using it as a placeholder for a real one.
_NI_EXAMPLE_PREFIX = "QQ"


def _is_ni_prefix(prefix: str) -> bool:
    prefix = prefix.upper()
    if prefix == _NI_EXAMPLE_PREFIX:
        return True
    return (
        prefix[0] not in _NI_BAD_FIRST
        and prefix[1] not in _NI_BAD_SECOND
        and prefix not in _NI_BAD_PREFIXES
    )


def _find_ni_numbers(text: str) -> Iterator[Finding]:
    for match in _NI_RE.finditer(text):
        start = match.start() - (2 if text[match.start() - 1].isalpha() else 3)
        prefix, suffix = text[start : start + 2], match.group("suffix")
        if _starts_word(text, start) and _same_case(prefix + suffix) and _is_ni_prefix(prefix):
            yield Finding(NI_NUMBER, start, match.end(), text[start : match.end()])


def _same_case(letters: str) -> bool:
    # Mixed case ("Ab 12 34 56 c") is ordinary prose, not a typed-in number.
    return letters.isupper() or letters.islower()


# --- Date of birth ----------------------------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_ORDINAL = r"(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:{_DAY}[/.-](?:0?[1-9]|1[0-2])[/.-](?:\d{{4}}|\d{{2}})"
    r"|(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
    rf"|{_DAY}{_ORDINAL}(?:[ ]+of)?[ ]+{_MONTH},?[ ]+(?:\d{{4}}|'?\d{{2}})"
    rf"|{_DAY}-{_MONTH}-(?:\d{{4}}|\d{{2}})"
    rf"|{_MONTH}[ ]+{_DAY}{_ORDINAL},?[ ]+\d{{4}})(?![\d/.-]\d)\b"
)
# Words that may sit between a cue and its date ("date of birth was recorded as ...").
_DOB_FILLER = r"(?:is|was|on|of|the|given|as|recorded|listed|stated|noted|confirmed|shown|in)"
# Cues: "DOB", "D.O.B.", "date of birth", "born" (then a few filler words), or a lower-case "b.".
_DOB_RE = re.compile(
    r"[bd](?:"
    r"(?:(?<=d)\.?[ ]?o\.?[ ]?b\b\.?|(?<=d)ate[ ]of[ ]birth\b|(?<=b)orn\b)"
    r"[ \t]*[:=(–—-]?[ \t]*"
    r"(?:in[ ]+(?-i:[A-Z])[\w'-]+(?:[ ]+(?-i:[A-Z])[\w'-]+)?,?[ ]+)?"
    rf"(?:{_DOB_FILLER}[ ]+){{0,3}}"
    r"|(?-i:(?<=b)\.)[ \t]*"
    rf")(?P<date>{_DATE})",
    re.IGNORECASE,
)


def _find_dates_of_birth(text: str) -> Iterator[Finding]:
    for match in _DOB_RE.finditer(text):
        if _starts_word(text, match.start()):
            yield _finding(DATE_OF_BIRTH, match, "date")


# --- Phone number -----------------------------------------------------------------------------

_SEP = r"[ \u00a0-]?"
# Digits after the trunk 0: ten for most numbers, nine for some 01 areas and 0800 freephone.
_PHONE_BODY = (
    rf"(?:\d{{2}}{_SEP}\d{{4}}{_SEP}\d{{4}}"
    rf"|\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{4}}"
    rf"|\d{{3}}{_SEP}\d{{4}}{_SEP}\d{{3}}"
    rf"|\d{{3}}{_SEP}\d{{7}}"
    rf"|\d{{4}}{_SEP}(?:\d{{6}}|\d{{3}}{_SEP}\d{{3}}|\d{{5}})"
    rf"|\d{{3}}{_SEP}(?:\d{{6}}|\d{{3}}{_SEP}\d{{3}})"
    r"|\d{9,10})"
)
_PHONE_BRACKETED = (  # after the "("
    rf"0(?:\d{{2}}\)[ ]?\d{{4}}{_SEP}\d{{4}}"
    rf"|\d{{3}}\)[ ]?\d{{3}}{_SEP}\d{{4}}"
    rf"|\d{{4}}\)[ ]?(?:\d{{6}}|\d{{3}}{_SEP}\d{{3}}|\d{{5}}))"
)
_INTL_PREFIX = r"(?:\+44|0044)[ -]?(?:\(0\)[ ]?)?"
# Follows the number's first character: not inside a word or longer number, not money, not
# after a decimal point.
_PHONE_START = r"(?<![\w£$€+].)(?<!\d[.,].)"
_PHONE_RE = re.compile(
    rf"(?:\+{_PHONE_START}44[ -]?(?:\(0\)[ ]?)?{_PHONE_BODY}"
    rf"|\({_PHONE_START}{_PHONE_BRACKETED}"
    rf"|0{_PHONE_START}(?:044[ -]?(?:\(0\)[ ]?)?{_PHONE_BODY}|{_PHONE_BODY}))"
    r"(?!\w|[.,]\d)"
)
_INTL_PREFIX_RE = re.compile(_INTL_PREFIX)


def _national_digits(number: str) -> str:
    prefix = _INTL_PREFIX_RE.match(number)
    if prefix:
        return "0" + _digits(number[prefix.end() :])
    return _digits(number)


def _is_uk_phone(number: str) -> bool:
    national = _national_digits(number)
    if len(national) == 11:
        if national[1] == "2":
            return national[2] in "03489"
        return national[1] in "1378"
    # Ten-digit numbers (01xxx xxxxx, 0800 xxxxxx) only when grouped: "0112345678" is a
    # zero-padded reference far more often than a phone number.
    grouped = not number.isdigit()
    return len(national) == 10 and grouped and national.startswith(("01", "080"))


def _find_phones(text: str) -> Iterator[Finding]:
    for match in _PHONE_RE.finditer(text):
        if _is_uk_phone(match.group()):
            yield _finding(PHONE, match)


# --- Postcode ---------------------------------------------------------------------------------

_POSTCODE_AREAS = _words(
    """
    AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN
    DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L
    LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA
    SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV
    YO ZE
    """
)
# Anchored on the district's first digit; the one or two area letters before it are read back.
_POSTCODE_RE = re.compile(
    r"\d(?<=[A-Z]\d)(?P<district>[A-Z\d]?)[ \u00a0]{0,2}(?P<inward>\d[ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)
_A9A_LETTERS = set("ABCDEFGHJKPSTUW")
_AA9A_LETTERS = set("ABEHMNPRVWXY")
_ORDINAL_RE = re.compile(r"1st|2nd|3rd|[04-9]th")


def _area_start(text: str, digit: int) -> int | None:
    """Start of the one- or two-letter area code ending just before `digit`, if it is one."""
    start = digit - 1
    if start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
        start -= 1
    return start if _starts_word(text, start) else None


def _is_postcode(area: str, district: str, inward: str) -> bool:
    if area.upper() not in _POSTCODE_AREAS:
        return False
    if district[-1:].isalpha():
        allowed = _A9A_LETTERS if len(area) == 1 else _AA9A_LETTERS
        if district[-1].upper() not in allowed:
            return False
    # "M404dn" is a model number: typed postcodes are all capitals or all lower case.
    if area.isupper() and inward[1:].islower():
        return False
    # "Bay B2 2nd bed", "s42 3rd enquiry": a lower-case ordinal is prose, not an inward code.
    return not _ORDINAL_RE.fullmatch(inward)


def _find_postcodes(text: str) -> Iterator[Finding]:
    for match in _POSTCODE_RE.finditer(text):
        start = _area_start(text, match.start())
        if start is None:
            continue
        area = text[start : match.start()]
        if _is_postcode(area, match.group("district"), match.group("inward")):
            yield Finding(POSTCODE, start, match.end(), text[start : match.end()])


# --- Name -------------------------------------------------------------------------------------

_UPPER = r"[A-ZÀ-ÖØ-ÞĀ-ž]"
_LOWER = r"[a-zß-öø-ÿĀ-ž]"
# Smith, O'Neill, McDonald, D'Souza, Łukasiewicz; never part of a longer word.
_NAME_PART = rf"{_UPPER}(?:['’]{_UPPER})?{_LOWER}+(?:{_UPPER}{_LOWER}+)?(?![\w])"
_PARTICLE = r"(?:van|von|de|der|den|da|di|du|del|della|le|la|al|el|bin|ibn)"
_SURNAME = rf"(?:{_PARTICLE}[ ]+){{0,2}}{_NAME_PART}(?:-{_NAME_PART})?"
_NAME_RE = re.compile(
    r"(?:Mrs|Mr|Ms|Miss|Mx|Dr|Prof)\b\.?[ \u00a0]+"
    r"(?:[A-Z]\.[ \u00a0]?|[A-Z][ \u00a0]+){0,3}"
    rf"(?P<surname>{_SURNAME})(?:[ \u00a0]+(?P<second>{_SURNAME}))?"
)
# "Dr Foster Unit", "Dr Gray's Hospital": a title in the name of a place, not a person.
_PLACE_WORDS = _words(
    """
    Building Center Centre Clinic Court Foundation Hospital House Hub Lane Lodge Practice Road
    Service Services Street Surgery Team Trust Unit Ward Wing
    """
)
_AFTER_NAME_RE = re.compile(r"(?:['’]s)?[ \u00a0]+([A-Z][a-z]+)")


# "Mr B. He was seen...": a pseudonymous initial then the next sentence; "Ms Teams": software.
_NOT_SURNAMES = _words(
    """
    After Although An And As At Because Before Both But During Excel He Her His How However
    In It Its Later No Not On Once Our Outlook She Since So Teams That The Their Then There
    They This Today We What When Where While Who Why Word Yesterday You
    """
)


def _is_name(text: str, match: re.Match[str]) -> bool:
    return (
        _starts_word(text, match.start())
        and match.group("surname") not in _NOT_SURNAMES
        and not _names_a_place(text, match)
    )


def _names_a_place(text: str, match: re.Match[str]) -> bool:
    if match.group("second") in _PLACE_WORDS:
        return True
    following = _AFTER_NAME_RE.match(text, match.end())
    return following is not None and following.group(1) in _PLACE_WORDS


def _find_names(text: str) -> Iterator[Finding]:
    for match in _NAME_RE.finditer(text):
        if _is_name(text, match):
            yield _finding(NAME, match)


# Earlier detectors win overlaps: an email may contain a postcode-like part, and an NHS number
# must not also be reported as a phone number.
_DETECTORS: tuple[Callable[[str], Iterator[Finding]], ...] = (
    _find_emails,
    _find_nhs_numbers,
    _find_ni_numbers,
    _find_dates_of_birth,
    _find_phones,
    _find_postcodes,
    _find_names,
)
