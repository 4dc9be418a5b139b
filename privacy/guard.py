"""Find direct identifiers in free text before it becomes a learning record.

Pure Python on purpose: forms, model validators, importers and benchmarks all share it, and none of
them should need Django settings to scan a string. See docs/privacy.md for what is (and is not)
detected.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from common.markdown import reader_text
from privacy.names import (
    AMBIGUOUS_GIVEN_NAMES,
    GIVEN_NAMES,
    NAMED_ORGANISATIONS,
    SURNAMES,
)

NHS_NUMBER = "nhs_number"
PHONE = "phone"
EMAIL = "email"
POSTCODE = "postcode"
ADDRESS = "address"
NI_NUMBER = "ni_number"
DATE_OF_BIRTH = "date_of_birth"
NAME = "name"
CASE_REFERENCE = "case_reference"

KINDS = (
    NHS_NUMBER, PHONE, EMAIL, POSTCODE, ADDRESS, NI_NUMBER, DATE_OF_BIRTH, NAME, CASE_REFERENCE,
)  # fmt: skip

LABELS = {
    NHS_NUMBER: "NHS number",
    PHONE: "phone number",
    EMAIL: "email address",
    POSTCODE: "postcode",
    ADDRESS: "street address",
    NI_NUMBER: "National Insurance number",
    DATE_OF_BIRTH: "date of birth",
    NAME: "name",
    CASE_REFERENCE: "case reference number",
}

_ADVICE = {
    NHS_NUMBER: "Refer to the person by their role or a pseudonym instead.",
    PHONE: "Name the service or role that was phoned instead (e.g. 'rang the housing team').",
    EMAIL: "Name the service or role instead (e.g. 'emailed the duty social worker').",
    ADDRESS: (
        "Leave out where the person lives; say 'a flat in the area' or name the service instead."
    ),
    NI_NUMBER: "Leave it out; describe the benefit or process involved instead.",
    DATE_OF_BIRTH: "Give an age band instead (e.g. 'in their 40s').",
    NAME: "Use a role ('the person', 'their support worker') or the participant's pseudonym.",
    CASE_REFERENCE: (
        "Leave it out: say which system or service holds the record (e.g. 'the council's case "
        "record') instead."
    ),
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
    """Return the identifiers in `text`, sorted by start and never overlapping.

    `text` is what the person typed (Markdown, or rich-text HTML). It is read as a reader sees it
    first (`common.markdown.reader_text`): emphasis and link syntax, tags, entities, zero-width
    and bidi characters vanish, and Unicode is folded with NFKC. Link targets, attributes and
    comments are read too. Each finding's span and text point back at what was typed, so
    "07700 9*00*123" is reported as typed.
    """
    if not text:
        return []
    reader = reader_text(text, hidden=True)
    findings = find_identifiers_in_plain_text(reader.text)
    if reader.text is text or reader.text == text:
        return findings
    typed = _typed_obfuscated_emails(text)
    mapped: dict[tuple[int, int], Finding] = {}
    for finding in findings:
        start, end = reader.source_span(finding.start, finding.end)
        while end > start and text[end - 1] in _TRAILING_MARKUP:
            end -= 1
        while start < end and text[start] in _LEADING_MARKUP:
            start += 1
        mapped.setdefault((start, end), Finding(finding.kind, start, end, text[start:end]))
    for finding in typed:
        if not any(f.start < finding.end and finding.start < f.end for f in mapped.values()):
            mapped[(finding.start, finding.end)] = finding
    return sorted(mapped.values(), key=lambda finding: finding.start)


def _typed_obfuscated_emails(text: str) -> list[Finding]:
    # Readers see "jane[at]outlook[dot]com" as typed, but the reader text drops the brackets
    # (they are link syntax), so these are read from what was typed.
    lowered = text.lower()
    if "[at]" not in lowered and "[dot]" not in lowered:
        return []
    return list(_find_obfuscated_emails(text))


def find_identifiers_in_plain_text(text: str) -> list[Finding]:
    """The detectors on text already normalised (or known to hold no markup)."""
    if not text:
        return []
    accepted: list[Finding] = []  # kept sorted by start
    starts: list[int] = []
    # Worked out afresh for each check, then shared by the detectors.
    for per_text in (_digit_run_starts, _lowered, _capital_words):
        per_text.cached = (text, per_text.compute(text))
    for detect in _DETECTORS:
        for finding in detect(text):
            index = bisect.bisect_left(starts, finding.start)
            if not _overlaps_neighbours(finding, accepted, index):
                accepted.insert(index, finding)
                starts.insert(index, finding.start)
    return accepted


# Markup at the edge of a mapped span belongs to the Markdown, not the identifier.
_TRAILING_MARKUP = frozenset("*_~`<>[]|( \n")
_LEADING_MARKUP = frozenset("*_~`<>[]|) \n")


def contains_identifiers(text: str) -> bool:
    return bool(find_identifiers(text))


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


# Speed: scanning 20 KB for a digit costs as much as the rest of a detector, so the text is
# scanned for runs of digits once, and the NHS, NI, phone, postcode and address patterns are
# tried only where a run starts (their look-behinds still read the text before it).
_DIGIT_RUN_RE = re.compile(r"\d+")


class _PerText:
    """What several detectors read from one text, worked out once per check.

    One tuple is swapped in whole, so a thread never reads another thread's text's values.
    """

    def __init__(self, compute: Callable[[str], object]):
        self.compute = compute
        self.cached: tuple[str | None, object] = (None, None)

    def __call__(self, text: str):
        cached_text, value = self.cached
        if cached_text is not text:
            value = self.compute(text)
            self.cached = (text, value)
        return value


_digit_run_starts = _PerText(lambda text: [match.start() for match in _DIGIT_RUN_RE.finditer(text)])


def _matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match]:
    """`pattern.finditer(text)` for a pattern that can only start at one of `starts`."""
    searched_to = 0
    for start in starts:
        if start >= searched_to:
            match = pattern.match(text, start)
            if match:
                searched_to = match.end()
                yield match


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
    r"\d{2}(?:[ \u00a0-]{0,2}\d{3}[ \u00a0-]{0,2}|\.\d{3}\.)\d{4}"
    r"(?!\w|[ \u00a0-]\d|[.,]\d)"
)
# "+44 (0) 191 498 0123": ten digits after a phone prefix are a phone number, whatever the check
# digit says.
_PHONE_PREFIX_BEFORE_RE = re.compile(r"(?:\+44|0044|\(0\))[ \u00a0-]?\Z")


def _find_nhs_numbers(text: str) -> Iterator[Finding]:
    for match in _matches_at(_NHS_RE, text, _digit_run_starts(text)):
        start = match.start()
        if is_valid_nhs_number(_digits(match.group())) and not _PHONE_PREFIX_BEFORE_RE.search(
            text, max(0, start - 6), start
        ):
            yield _finding(NHS_NUMBER, match)


def _digits(value: str) -> str:
    return "".join(char for char in value if char.isdigit())


# --- National Insurance number ----------------------------------------------------------------

# Anchored on the first digit; the two prefix letters before it are read back in Python.
# Six digits in any grouping ("12 34 56", "123 456", "12-34-56") then the suffix letter, or no
# suffix at all ("NINO: AB 12 34 56", only after an NI cue: see _NI_CUE_BEFORE_RE).
_NI_RE = re.compile(
    r"\d(?:(?<=[A-Z]{2}\d)|(?<=[A-Z]{2}[ \u00a0-]\d))"
    r"(?:[ \u00a0-]?\d){5}(?:[ \u00a0-]?(?P<suffix>[A-D])\b|(?![ \u00a0-]?\d|\w))",
    re.IGNORECASE,
)
_NI_BAD_FIRST = set("DFIQUV")
_NI_BAD_SECOND = set("DFIOQUV")
_NI_BAD_PREFIXES = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}
# HMRC's published example number: flagged anyway, because writers who paste it are testing the
# guard or using it as a placeholder for a real one.
_NI_EXAMPLE_PREFIX = "QQ"
# Without the suffix letter, two letters and six digits are as often a claim or grant reference,
# so they count only straight after "NI", "N.I.", "NINO", "National Insurance" or "Nat Ins",
# with up to three of these words between ("NI number is", "N.I. no.", "NINO given as").
_NI_FILLER = (
    r"(?:number|num|no|nr|is|was|given|quoted|recorded|listed|as|of|on|the|his|her|their"
    r"|card|reads|shows)"
)
_NI_CUE_BEFORE_RE = re.compile(
    r"(?<![\w.])(?:n\.?i\b\.?|nino\b|national[ ]+insurance\b|nat\.?[ ]*ins\b\.?)"
    rf"(?:[ \t,:#=(–—-]+{_NI_FILLER}\b\.?){{0,3}}[ \t,:#=(–—-]*\Z",
    re.IGNORECASE,
)
_NI_CUE_WINDOW = 48


def _is_ni_prefix(prefix: str) -> bool:
    prefix = prefix.upper()
    if prefix == _NI_EXAMPLE_PREFIX:
        return True
    return (
        prefix[0] not in _NI_BAD_FIRST
        and prefix[1] not in _NI_BAD_SECOND
        and prefix not in _NI_BAD_PREFIXES
    )


def _after_letters(text: str) -> Iterator[int]:
    """Digit runs straight after a letter, or after a letter and a space or hyphen."""
    for start in _digit_run_starts(text):
        if start > 1 and (
            text[start - 1].isalpha()
            or (text[start - 1] in " \u00a0-" and text[start - 2].isalpha())
        ):
            yield start


def _find_ni_numbers(text: str) -> Iterator[Finding]:
    for match in _matches_at(_NI_RE, text, _after_letters(text)):
        start = match.start() - (2 if text[match.start() - 1].isalpha() else 3)
        prefix, suffix = text[start : start + 2], match.group("suffix")
        if not (_starts_word(text, start) and _is_ni_prefix(prefix)):
            continue
        if suffix and _same_case(prefix + suffix):
            yield Finding(NI_NUMBER, start, match.end(), text[start : match.end()])
        elif _same_case(prefix) and _NI_CUE_BEFORE_RE.search(
            text, max(0, start - _NI_CUE_WINDOW), start
        ):
            # "NINO: AB 12 34 56", or "NI AB 12 34 56 c" where the letter is not a suffix.
            end = match.start("suffix") if suffix else match.end()
            number = text[start:end].rstrip(" \u00a0-")
            yield Finding(NI_NUMBER, start, start + len(number), number)


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
# Numbers separated by "/", "." or "-" (spaces allowed around them, as hurried typing has), or
# by single spaces; ISO order; or with the month in words.
_NUM_SEP = r"(?:[ ]?[/.-][ ]?|[ ])"
_DATE = (
    rf"(?:{_DAY}{_NUM_SEP}(?:0?[1-9]|1[0-2]){_NUM_SEP}(?:\d{{4}}|\d{{2}})"
    r"|(?:19|20)\d{2}[/.-](?:0?[1-9]|1[0-2])[/.-](?:0?[1-9]|[12]\d|3[01])"
    rf"|{_DAY}{_ORDINAL}(?:[ ]+of)?[ ]+{_MONTH},?[ ]+(?:\d{{4}}|'?\d{{2}})"
    rf"|{_DAY}-{_MONTH}-(?:\d{{4}}|\d{{2}})"
    rf"|{_MONTH}[ ]+{_DAY}{_ORDINAL},?[ ]+\d{{4}})(?![\d/.-]\d)\b"
)
# Words that may sit between a cue and its date ("date of birth was recorded as ...").
_DOB_FILLER = r"(?:is|was|on|of|the|given|as|recorded|listed|stated|noted|confirmed|shown|in)"
# Cues: "DOB", "D.O.B.", "date of birth" (group "dob"), "born", or a lower-case "b." (group "b").
# Matched on the lower-cased text (a case-blind scan is twice as slow); "b." is checked against
# the typed text, where it must be lower case.
# Anchored on the "b" every cue holds (a rare letter, found as fast as a plain string); the
# "d.o." of "d.o.b" is read back with fixed-width look-behinds, one per spelling.
_DOB_SPELLINGS = [f"d{after_d}o{after_o}b" for after_d in ("", ".", " ", ". ")
                  for after_o in ("", ".", " ", ". ")]  # fmt: skip
_DOB_CUE_RE = re.compile(
    r"b(?:(?P<dob>(?:"
    + "|".join(f"(?<={re.escape(spelling)})" for spelling in _DOB_SPELLINGS)
    + r")\b\.?|irth\b(?<=date[ ]of[ ]birth))|orn\b|(?P<b>\.))"
)
_DOB_START_RE = re.compile(r"d\.?[ ]?o\.?[ ]?\Z")
# After "DOB" or "born": punctuation, a line break ("DOB:\n03/04/1987"), "in <Place>", up to
# three filler words, then the date.
_AFTER_CUE_RE = re.compile(
    r"(?:[ ]?/[ ]?age\b)?[ \t]*[:=(–—-]?[ \t]*(?:\r?\n[ \t]*)?"
    r"(?:in[ ]+(?-i:[A-Z])[\w'-]+(?:[ ]+(?-i:[A-Z])[\w'-]+)?,?[ ]+)?"
    rf"(?P<filler>(?:{_DOB_FILLER}[ ]+){{0,3}})(?P<date>{_DATE})",
    re.IGNORECASE,
)
_AFTER_B_RE = re.compile(rf"[ \t]*(?P<date>{_DATE})", re.IGNORECASE)
# "03/04/1987 (DOB)": the date just before a cue that ends its phrase.
_BEFORE_CUE_RE = re.compile(rf"(?P<date>{_DATE})[ \t]*[(\[–—-]?[ \t]*\Z", re.IGNORECASE)
# "DOB:" introduces a date that follows; a cue closed by a bracket or a full stop labels one
# just before.
_CUE_ENDS_RE = re.compile(r"[ \t]*(?:[)\].;,\n]|\Z)")
_BEFORE_CUE_WINDOW = 40


def _find_dates_of_birth(text: str) -> Iterator[Finding]:
    lowered = _lowered(text)
    for cue in _DOB_CUE_RE.finditer(lowered):
        cue_start = cue.start()
        is_dob = cue.group("dob") is not None  # "DOB", "d.o.b.", "date of birth"
        if is_dob:
            if lowered.startswith("birth", cue_start):
                cue_start -= len("date of ")
            else:
                spelled = _DOB_START_RE.search(lowered, max(0, cue_start - 6), cue_start)
                cue_start = spelled.start() if spelled else cue_start
        if not _starts_word(text, cue_start) or (cue.group("b") and text[cue_start] != "b"):
            continue
        if cue.group("b"):
            match = _AFTER_B_RE.match(text, cue.end())
        else:
            match = _AFTER_CUE_RE.match(text, cue.end())
            # "DOB confirmed on 12/05/2024": a cue then "on" dates the check, not the birth.
            if match and is_dob and "on" in match.group("filler").lower().split():
                continue
        if match:
            yield _finding(DATE_OF_BIRTH, match, "date")
        elif is_dob and _CUE_ENDS_RE.match(text, cue.end()):
            before = _BEFORE_CUE_RE.search(text, max(0, cue_start - _BEFORE_CUE_WINDOW), cue_start)
            if before and _starts_word(text, before.start("date")):
                yield _finding(DATE_OF_BIRTH, before, "date")


# --- Phone number -----------------------------------------------------------------------------

_SEP = r"[ \u00a0-]?"
# Digits after the trunk 0: ten for most numbers, nine for some 01 areas and 0800 freephone.
_PHONE_BODY = (
    rf"(?:\d{{2}}{_SEP}\d{{4}}{_SEP}\d{{4}}"
    rf"|\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{4}}"
    rf"|\d{{3}}{_SEP}\d{{4}}{_SEP}\d{{3}}"
    rf"|\d{{3}}{_SEP}\d{{7}}"
    rf"|\d{{5}}{_SEP}\d{{5}}"
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


def _phone_starts(text: str) -> Iterator[int]:
    for start in _digit_run_starts(text):
        if start and text[start - 1] in "+(":
            yield start - 1  # "+44 ...", "(0191) ..."
        if text[start] == "0":
            yield start  # also "(0114 496 0123)", where the bracket is not the number's


def _find_phones(text: str) -> Iterator[Finding]:
    for match in _matches_at(_PHONE_RE, text, _phone_starts(text)):
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
    r"\d(?<=[A-Z]\d)(?P<district>[A-Z\d]?)(?P<sep>-|[ \u00a0]{0,2})"
    r"(?P<inward>\d[ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)
_A9A_LETTERS = set("ABCDEFGHJKPSTUW")
_AA9A_LETTERS = set("ABEHMNPRVWXY")
# Lower-case inward codes that read as an ordinal or a unit ("2nd", "8th", "2hr", "6ft").
_PROSE_INWARD_RE = re.compile(r"1st|2nd|3rd|[04-9]th|\d(?:hr|ft|lb|yr|pt)")
_WORD_AFTER_RE = re.compile(r"[ \u00a0]+[A-Za-z]")
_POSTCODE_CUE_RE = re.compile(r"post[ ]?code|address", re.IGNORECASE)
_POSTCODE_CUE_WINDOW = 40


def _area_start(text: str, digit: int) -> int | None:
    """Start of the one- or two-letter area code ending just before `digit`, if it is one."""
    start = digit - 1
    if start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
        start -= 1
    return start if _starts_word(text, start) else None


def _is_postcode(text: str, start: int, match: re.Match[str]) -> bool:
    area = text[start : match.start()]
    district, inward = match.group("district"), match.group("inward")
    if area.upper() not in _POSTCODE_AREAS:
        return False
    if district[-1:].isalpha():
        allowed = _A9A_LETTERS if len(area) == 1 else _AA9A_LETTERS
        if district[-1].upper() not in allowed:
            return False
    if not inward[1:].islower():
        return True
    # "M404dn" is a model number: capitals then an unspaced lower-case inward code.
    if area.isupper() and not match.group("sep"):
        return False
    # "Bay B2 2nd", "the m1 2hr delay": an ordinal or unit is prose after capitals, or before a
    # word, unless the text says it is a postcode ("b33 8th was the hostel postcode").
    return not (
        _PROSE_INWARD_RE.fullmatch(inward)
        and (not area.islower() or _WORD_AFTER_RE.match(text, match.end()))
        and not _POSTCODE_CUE_RE.search(
            text,
            max(0, start - _POSTCODE_CUE_WINDOW),
            match.end() + _POSTCODE_CUE_WINDOW,
        )
    )


def _find_postcodes(text: str) -> Iterator[Finding]:
    starts = (start for start in _digit_run_starts(text) if start and text[start - 1].isalpha())
    for match in _matches_at(_POSTCODE_RE, text, starts):
        start = _area_start(text, match.start())
        if start is not None and _is_postcode(text, start, match):
            yield Finding(POSTCODE, start, match.end(), text[start : match.end()])


# --- Street address ---------------------------------------------------------------------------

_STREET_TYPES = _words(
    """
    Street St Road Rd Avenue Ave Lane Close Drive Way Crescent Court Terrace Gardens Place Grove
    Park Square Hill Walk Row Mews Parade Green Rise View Vale Wharf
    """
)
# Typed all in lower case, only the street types that are not also everyday words ("a 10
# minute walk", "in their view", "sleeping in the park").
_LOWER_STREET_TYPES = _words("street st road rd avenue ave lane crescent terrace mews grove")


def _alternation(words: frozenset[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_ADDRESS_WORD_SEP = r"[ \u00a0]+"
# Anchored on the house number's first digit: "14", "3a", "11B", "12-14"; not inside a word, a
# longer number, a decimal, a time or money. Then one to three capitalised words ("St Mary's",
# "The", "HIGH" in capitals) and a street type in any case, or one to three lower-case words and
# a street type from the short list.
_ADDRESS_RE = re.compile(
    r"\d(?<![\w£$€.,:/–-]\d)(?P<number>\d{0,3}[A-Za-z]?(?:[-–/]\d{1,4}[A-Za-z]?)?)"
    rf"{_ADDRESS_WORD_SEP}(?:"
    rf"(?P<words>(?:[A-Z][A-Za-z'’-]*\.?{_ADDRESS_WORD_SEP}){{1,3}})"
    rf"(?P<type>(?i:{_alternation(_STREET_TYPES)}))"
    rf"|(?P<lwords>(?:[a-z][a-z'’-]*{_ADDRESS_WORD_SEP}){{1,3}})"
    rf"(?P<ltype>(?i:{_alternation(_LOWER_STREET_TYPES)}))"
    r")(?!\w|-\w)"
)
_STREET_TYPE_WORDS = frozenset(word.lower() for word in _STREET_TYPES)
# "Flat 3, 14 High Street", "Apt 2 12 Dean St", "Flat 5 Ashby View": the flat joins the span.
_FLAT_BEFORE_RE = re.compile(
    r"(?<!\w)(?:flat|apartment|apt|unit|studio)\.?[ \u00a0]*"
    r"(?:\d{1,4}[a-z]?,?[ \u00a0]+)?\Z",
    re.IGNORECASE,
)
_FLAT_WINDOW = 24
# A number after one of these words counts something else: "Ward 7 Elm Court", "Phase 2 Way
# Forward", "bus 56 Grey Street", "Level 2 Car Park".
_WORD_BEFORE_NUMBER_RE = re.compile(r"([A-Za-z]+)\.?[ \u00a0]*\Z")
_NOT_HOUSE_NUMBER_CUES = _words(
    """
    age aged annex appendix band bay bed block box bus category cell chapter class cohort day
    door fig figure floor gate grade group item j junction landing lesson level line module p
    para paragraph part phase pg platform pod point priority q question room route rm s sec
    section session stage step table tab team tier v version ward week wing wk year yr zone
    """
)
# The first word after the number is a unit, a count or a month: "a 5 Mile Walk", "2 bed
# terrace", "On 3 May Park Lane hostel closed".
_NOT_STREET_FIRST_WORDS = _words(
    """
    bed beds bedroom bedroomed day days feet foot hour hours hr hrs metre metres meter meters
    mile miles min mins minute minutes month months people per percent person storey storeys
    time times week weeks x yard yards year years yr yrs
    jan january feb february mar march apr april may jun june jul july aug august sep sept
    september oct october nov november dec december
    """
)
# Lower-case words that put the number in a sentence, not an address: "2 nights on the street",
# "3 times down the road", "crossed 2 busy road junctions".
_NOT_LOWER_STREET_WORDS = _words(
    """
    a across along an and are around at back be been busy by different down each every for from
    her his in into is its main my near new no not of off on onto or other our over past quiet
    round same side that the their these this those through to up via was way were with your
    """
)
# A capitalised word and a street type that together name something else.
_NOT_STREETS = frozenset(
    name.lower()
    for name in (
        "Appeal Court",
        "Coroner's Court",
        "Coroners Court",
        "County Court",
        "Crown Court",
        "Family Court",
        "Food Court",
        "High Court",
        "Magistrates Court",
        "Magistrates' Court",
        "Squash Court",
        "Tennis Court",
        "Youth Court",
        "Flash Drive",
        "Google Drive",
        "Hard Drive",
        "Recruitment Drive",
        "Test Drive",
        "USB Drive",
        "Car Park",
        "Country Park",
        "Play Park",
        "Skate Park",
        "Theme Park",
        "Water Park",
        "Safe Place",
        "Street View",
        "Pride Parade",
        "Fast Lane",
        "Memory Lane",
        "Charity Walk",
        "Health Walk",
        "Sponsored Walk",
        "Milky Way",
        "Times Square",
        "Roof Terrace",
        "Bowling Green",
    )
)


def _is_year(number: str) -> bool:
    # "In 2019 Station Road surgery merged": a year, not a house number.
    return len(number) == 4 and number.isdigit() and 1800 <= int(number) <= 2099


def _address_end(match: re.Match[str]) -> int | None:
    """End of the address in `match`, or None when the words are not a street name."""
    end = match.end()
    if match.group("words") is not None:
        words, street_type = match.group("words").split(), match.group("type")
        # "14 Park Road green spaces": a lower-case type after a capitalised one is prose; the
        # street ends at the capitalised one.
        if street_type.islower() and len(words) > 1 and words[-1].lower() in _STREET_TYPE_WORDS:
            street_type = words.pop()
            end = match.start("words") + len(match.group("words").rstrip())
    else:
        words, street_type = match.group("lwords").split(), match.group("ltype")
        if _NOT_LOWER_STREET_WORDS.intersection(words):
            return None
    if words[0].lower() in _NOT_STREET_FIRST_WORDS:
        return None
    if f"{words[-1].rstrip('.')} {street_type}".lower() in _NOT_STREETS:
        return None
    return end


def _find_addresses(text: str) -> Iterator[Finding]:
    for match in _matches_at(_ADDRESS_RE, text, _digit_run_starts(text)):
        start = match.start()
        if _is_year(text[start : match.end("number")]):
            continue
        end = _address_end(match)
        if end is None:
            continue
        window = max(0, start - _FLAT_WINDOW)
        flat = _FLAT_BEFORE_RE.search(text, window, start)
        if flat:
            start = flat.start()
        else:
            before = _WORD_BEFORE_NUMBER_RE.search(text, window, start)
            if before and before.group(1).lower() in _NOT_HOUSE_NUMBER_CUES:
                continue
        yield Finding(ADDRESS, start, end, text[start:end])


# --- Name -------------------------------------------------------------------------------------

_UPPER = r"[A-ZÀ-ÖØ-ÞĀ-ž]"
_LOWER = r"[a-zß-öø-ÿĀ-ž]"
# Smith, O'Neill, McDonald, D'Souza, Łukasiewicz, or in capitals as systems print them (SMITH,
# O'NEILL); never part of a longer word.
_NAME_PART = (
    rf"(?:{_UPPER}(?:['’]{_UPPER})?{_LOWER}+(?:{_UPPER}{_LOWER}+)?"
    r"|[A-Z](?:['’][A-Z])?[A-Z]{2,})(?![\w])"
)
_PARTICLE = r"(?:van|von|de|der|den|da|di|du|del|della|le|la|al|el|bin|ibn)"
_SURNAME = rf"(?:{_PARTICLE}[ ]+){{0,2}}{_NAME_PART}(?:-{_NAME_PART})?"
# Titles as written, in capitals ("MR SMITH" from a pasted record) or typed in lower case
# ("spoke to mr Patel"); "miss" is left out in lower case, where it is nearly always the verb.
_NAME_RE = re.compile(
    r"(?P<title>Mrs|Mr|Ms|Miss|Mx|Dr|Prof|Cllr|Revd|Rev|MRS|MR|MS|MISS|MX|DR"
    r"|mrs|mr|ms|dr)\b(?:\.[ \u00a0]*|[ \u00a0]+)"
    r"(?:[A-Z]\.[ \u00a0]?|[A-Z][ \u00a0]+){0,3}"
    rf"(?P<surname>{_SURNAME})(?:[ \u00a0]+(?P<second>{_SURNAME}))?"
)
# "Dr Foster Unit", "Dr Gray's Hospital": a title in the name of a place (or a programme, "Mrs
# Brown's Boys"), not a person.
_PLACE_WORDS = _words(
    """
    Boys Building Center Centre Clinic Court Foundation Hospital House Hub Intelligence Lane
    Lodge Practice Road Service Services Street Surgery Team Trust Unit Ward Wing
    """
)
_AFTER_NAME_RE = re.compile(r"(?:['’]s)?[ \u00a0]+([A-Z][a-z]+)")


# "Mr B. He was seen...": a pseudonymous initial then the next sentence; "Ms Teams": software;
# "Dr Appointment": a heading; "Mr Men", "Dr Martens": characters and brands.
_NOT_SURNAMES = _words(
    """
    After Also Although An And As At Because Before Both But Could Despite Did Does During
    Eventually Excel Finally Following For From Had Has He Her His How However If In
    Initially Is It Its Later Meanwhile Next No Not Now On Once Our Outlook Overall Please
    Previously Sadly She Should Since So That The Their Then There They This To Today
    Unfortunately Was We Were What When Where While Who Why With Without Word Would
    Yesterday You
    Access Edge Forms Office OneDrive OneNote Planner PowerPoint SharePoint Teams
    Appointment Appointments Appt Appts Assessment Call Clinic Clinics Contact Dev Development
    Input Letter Letters Meeting Note Notes Nurse Nurses Receptionist Referral Referrals Report
    Review Reviews Rota Round Scan Service Services Society Surgery Team Unit Visit Visits
    Barnardo Bean Blobby Doubtfire Kipling Martens Men Motivator Muscle Oetker Pepper Potato
    Scholl Sheen Tumble Whippy
    """
)
# Capitals that are abbreviations, not surnames ("Mr ESA", "MS TEAMS", "DR AMHP").
_NOT_CAPS_SURNAMES = _words(
    """
    AAR ABI ACE ADHD AIDS AMHP ASC ASD CAMHS COPD DOB DOLS ECG EEG EHCP EMIS ESA IAPT ICB IDVA
    ICU IMCA IMHA ISVA LPA MAPPA MARAC MASH MRI NFA NINO PCSO PIP RIO SEN SENCO
    """
)
_VOWELS = frozenset("AEIOUY")
_NUMBER_BEFORE_RE = re.compile(r"\d[ \u00a0]?\Z")


def _is_name(text: str, match: re.Match[str]) -> bool:
    title, surname = match.group("title"), match.group("surname")
    if not _starts_word(text, match.start()) or _names_a_place(text, match):
        return False
    if surname.title() in _NOT_SURNAMES or text.endswith("Little ", 0, match.start()):
        return False
    # "200 ms Latency": a lower-case unit after a number, not a title.
    if title.islower() and _NUMBER_BEFORE_RE.search(text, max(0, match.start() - 3), match.start()):
        return False
    if surname.isupper():
        # Capitals only after a title typed as one: lower-case "ms CPU" is a unit.
        return (
            not title.islower()
            and _VOWELS.intersection(surname) != set()
            and surname not in _NOT_CAPS_SURNAMES
        )
    # "MS Society", "DR Congo": a title in capitals only introduces a surname in capitals.
    return not title.isupper()


def _names_a_place(text: str, match: re.Match[str]) -> bool:
    if match.group("second") in _PLACE_WORDS:
        return True
    following = _AFTER_NAME_RE.match(text, match.end())
    return following is not None and following.group(1) in _PLACE_WORDS


# Speed: like the digit runs, the capitalised words are found once per check and the name
# patterns tried only at those that can start one.
_CAPITAL_WORD_RE = re.compile(rf"{_UPPER}(?<![\w].)[\w'’-]*")
_capital_words = _PerText(
    lambda text: [(match.start(), match.group()) for match in _CAPITAL_WORD_RE.finditer(text)]
)
_TITLE_WORDS = _words("Mrs Mr Ms Miss Mx Dr Prof Cllr Revd Rev MRS MR MS MISS MX DR")
_LOWER_TITLES = ("mrs", "mr", "ms", "dr")


def _title_starts(text: str) -> list[int]:
    starts = [start for start, word in _capital_words(text) if word in _TITLE_WORDS]
    for title in _LOWER_TITLES:  # "spoke to mr Patel"
        at = text.find(title)
        while at != -1:
            if _starts_word(text, at):
                starts.append(at)
            at = text.find(title, at + 1)
    return sorted(set(starts))


def _find_names(text: str) -> Iterator[Finding]:
    for match in _matches_at(_NAME_RE, text, _title_starts(text)):
        if not _is_name(text, match):
            continue
        second = match.group("second")
        if second and match.group("title").isupper() and not second.isupper():
            # "MR SMITH Said": the name ends where the capitals do.
            end = match.end("surname")
            yield Finding(NAME, match.start(), end, text[match.start() : end])
        else:
            yield _finding(NAME, match)


# Names without a title: a given name from `privacy.names` then a surname ("Dave Smith",
# "Mary-Jane O'Brien", "AISHA KHAN"); an initial then a listed surname ("J. Smith"); a surname
# first ("SMITH, Dave"); or any capitalised word after a label that says it is a name
# ("Client name: Dave", "known as Dazza").
# One pass finds both a capitalised word and an initial ("J." or "J") before another capital.
_GIVEN_CANDIDATE_RE = re.compile(
    rf"{_UPPER}(?<![\w'’.-].)(?P<word>{_LOWER}+(?:-{_UPPER}{_LOWER}+)?|[A-Z]+(?:-[A-Z]+)?)?"
    r"(?=\.?[ \u00a0]*[A-Z])"
)
_AFTER_GIVEN_RE = re.compile(
    r"[ \u00a0]+(?:(?P<middle>[A-Z]\.?|[A-Z][a-z]+|[A-Z]{2,})[ \u00a0]+)?"
    rf"(?P<surname>{_SURNAME})"
)
_AFTER_GIVEN_NO_MIDDLE_RE = re.compile(rf"[ \u00a0]+(?P<middle>)(?P<surname>{_SURNAME})")
_INITIALS_RE = re.compile(
    r"[A-Z](?<![\w.'’-].)"
    r"(?:\.[ \u00a0]?(?:[A-Z]\.[ \u00a0]?){0,2}|[ \u00a0](?=[A-Z](?:['’][A-Z])?[a-z]))"
    rf"(?P<surname>{_NAME_PART}(?:-{_NAME_PART})?)"
)
# Anchored on the comma; the surname before it is read back.
_SURNAME_FIRST_RE = re.compile(rf",(?<=[A-Za-z],)[ \u00a0]+(?P<given>{_UPPER}{_LOWER}+)\b")
_SURNAME_BEFORE_COMMA_RE = re.compile(
    r"(?<![\w'’-])(?P<surname>[A-Z](?:['’][A-Z])?[A-Za-z]+(?:-[A-Z][A-Za-z]+)?)\Z"
)
# Cues found with str.find on the lower-cased text (a case-insensitive regex alternation would
# try every position); each is then checked against the original text.
_NAME_CUES = ("name", "known as", "also called", "aka", "a.k.a", "née", "nee")
_NAME_CUE_QUALIFIER_RE = re.compile(
    r"(?:first|full|last|sur|fore|given|maiden|christian|family|patient'?s?|client'?s?|person'?s|his|her|their|my"
    r"|tenant'?s?|resident'?s?|service[ ]user'?s?)[ ]?\Z",
    re.IGNORECASE,
)
_NAME_AFTER_CUE_RE = re.compile(
    r"\.?[ \t]*(?:[:=(–—-][ \t]*|is[ ]+|was[ ]+)?['‘“\"]?"
    rf"(?P<name>{_UPPER}{_LOWER}+(?:-{_UPPER}{_LOWER}+)?|[A-Z]{{2,}})"
    rf"(?:[ \u00a0]+(?P<more>{_UPPER}{_LOWER}+(?:-{_UPPER}{_LOWER}+)?|[A-Z]{{2,}}))?"
)


_NAME_WORDS = frozenset(("surname", "forename", "nickname", "firstname", "lastname", "fullname"))


def _is_name_cue(text: str, at: int, cue: str) -> bool:
    end = at + len(cue)
    if end < len(text) and (text[end].isalnum() or text[end] == "_"):
        return False
    if cue != "name":
        return _starts_word(text, at)
    if _starts_word(text, at):  # "first name", "client's name"; a bare "name" is too loose
        return bool(_NAME_CUE_QUALIFIER_RE.search(text, max(0, at - 16), at))
    word_start = at
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    return text[word_start:end].lower() in _NAME_WORDS


def _name_label_matches(text: str) -> Iterator[re.Match[str]]:
    lowered = _lowered(text)
    for cue in _NAME_CUES:
        at = lowered.find(cue)
        while at != -1:
            if _is_name_cue(text, at, cue):
                match = _NAME_AFTER_CUE_RE.match(text, at + len(cue))
                if match:
                    yield match
            at = lowered.find(cue, at + 1)


# Words that follow a name but belong to a place, a team or a thing named after a person.
_NAMED_THING_WORDS = _words(
    """
    Academy Ambulance Appeal Avenue Award Awards Bank Boulevard Bridge Building Campus Centre
    Center Chambers Chapel Church Clinic Close College Cottage Court Crescent Day Drive Estate
    Foundation Fund Gardens Green Grove Hall Hill Home Hospice Hospital House Hub Infirmary
    Institute Lane Lecture Library Line Lodge Mews Mission Park Parade Partnership Place Practice
    Prize Programme Project Rise Road Row School Scheme Service Services Square Station Street
    Suite Surgery Team Terrace Trust Unit University Vale View Walk Ward Way Wharf Wing Women Men
    Castle Arms Inn Tavern
    Centres Hospitals Houses Schools Streets Roads Wards Units Teams
    """
)
# Capitalised words that are not surnames, however a given name sits before them.
_NOT_SURNAME_WORDS = _NOT_SURNAMES | _words(
    """
    About Across Again Against Ahead All Along Am Among Any Anyone Anything Are Around Away Back
    Be Been Being Below Between Beyond By Can Cannot Did Do Doing Done Down Each Either Else
    Even Ever Every Few First Further Get Gets Go Goes Going Got Had Has Have Having Here Hers
    Him Himself I Into Just Last Less Like Made Make Many May Me Might More Most Much Must My
    Near Never New None Nor Of Off Often Old One Only Or Other Out Over Own Per Rather Really
    Said Same Says See Seen Several So Some Still Such Than Them Themselves These Those Though
    Through Thus Too Took Under Until Up Upon Us Very Via Was Well Went Which Whom Whose Will
    Within Yes Yet Your Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
    March April June July August September October November December Council NHS Police Housing
    Health Care Mental Adult Adults Social Children Probation Hostel Shelter Crisis Mind Options
    Support Recovery Outreach Drug Alcohol Community Ambulance Park Street Road Lane Avenue
    Participant Person People Client Clients Patient Patients Worker Workers Officer Nurse Doctor
    Manager Lead Coordinator Navigator Practitioner Practitioners Partnership Plus Project
    English British Welsh Scottish Irish Polish Romanian Somali Kurdish Muslim Christian
    Jewish Sikh Hindu Catholic Day Night Week Month Year Today Tomorrow Yesterday
    """
)
_NOT_GIVEN_WORDS = _NOT_SURNAME_WORDS | _words("Dear Hi Hello Thanks Regards From To Cc")


_SURNAMES_LOWER = frozenset(name.lower() for name in SURNAMES)


def _is_listed_surname(word: str) -> bool:
    return word.split("-")[0].lower() in _SURNAMES_LOWER


def _is_surname_word(word: str) -> bool:
    return bool(word) and word.title() not in _NOT_SURNAME_WORDS and word not in _NOT_CAPS_SURNAMES


def _is_given_name(word: str) -> bool:
    return any(part.title() in GIVEN_NAMES for part in word.split("-")) or word in GIVEN_NAMES


# "St John", "the Florence Nightingale", "Queen Elizabeth", "King George": a place or a charity.
_PLACE_BEFORE_NAME_RE = re.compile(
    r"(?<![\w])(?:St\.?|Saint|The|the|Queen|King|Prince|Princess|Royal)[ \u00a0]+\Z"
)


def _is_clear_given_name(word: str) -> bool:
    word = word.rstrip(".")
    if len(word) == 1 or (len(word) == 3 and word[1] == "."):  # an initial: "K", "J.R"
        return True
    return _is_given_name(word.title()) and word.title() not in AMBIGUOUS_GIVEN_NAMES


def _is_named_thing(text: str, start: int, end: int) -> bool:
    """True when the words at text[start:end] name a place, a service or an organisation."""
    words = text[start:end].split()
    if text[start:end].lower() in NAMED_ORGANISATIONS:
        return True
    # "Imran Hall", "K. Green": a surname that is also a place word, after a clear given name.
    if words[-1] in _NAMED_THING_WORDS and not (
        _is_listed_surname(words[-1]) and _is_clear_given_name(words[0])
    ):
        return True
    following = _AFTER_NAME_RE.match(text, end)
    if following and following.group(1) in _NAMED_THING_WORDS:
        return True
    after = text[end : end + 12].lstrip(" \u00a0").lower()
    if after.split(" ", 1)[0].rstrip(".,;:") in {"ward", "unit", "house", "centre", "wing"}:
        return True
    return bool(_PLACE_BEFORE_NAME_RE.search(text, max(0, start - 10), start))


_GIVEN_NAME_FORMS = frozenset(
    form
    for name in GIVEN_NAMES | AMBIGUOUS_GIVEN_NAMES
    for form in (name, name.upper(), name.title())
)


def _could_be_given_name(word: str) -> bool:
    if len(word) == 1 or word in _GIVEN_NAME_FORMS:
        return True  # an initial, or "Dave", "DAVE"
    return "-" in word and any(part in GIVEN_NAMES for part in word.title().split("-"))


def _find_full_names(text: str) -> Iterator[Finding]:
    starts = [start for start, word in _capital_words(text) if _could_be_given_name(word)]
    for candidate in _matches_at(_GIVEN_CANDIDATE_RE, text, starts):
        if candidate.group("word") is None:
            initial = _INITIALS_RE.match(text, candidate.start())
            if initial and _is_initial_name(text, initial):
                yield _finding(NAME, initial)
            continue
        if text[candidate.end()] not in " \u00a0":
            continue
        given = candidate.group().title()
        ambiguous = given in AMBIGUOUS_GIVEN_NAMES
        if not ambiguous and (given in _NOT_GIVEN_WORDS or not _is_given_name(given)):
            continue
        rest = _AFTER_GIVEN_RE.match(text, candidate.end())
        if rest and rest.group("middle") and not _is_middle_name(rest):
            rest = _AFTER_GIVEN_NO_MIDDLE_RE.match(text, candidate.end())
        if not rest:
            continue
        surname = rest.group("surname")
        if candidate.group().isupper() != surname.isupper():
            continue
        if not _is_surname_word(surname.split("-")[0]):
            continue
        if ambiguous and not _is_listed_surname(surname):
            continue
        start, end = candidate.start(), rest.end()
        if _is_named_thing(text, start, end):
            continue
        yield Finding(NAME, start, end, text[start:end])


def _is_middle_name(rest: re.Match[str]) -> bool:
    middle = rest.group("middle").rstrip(".")
    surname = rest.group("surname")
    if surname.title() in _NAMED_THING_WORDS or not _is_surname_word(surname.split("-")[0]):
        return False
    return len(middle) == 1 or middle.title() in GIVEN_NAMES or middle.title() in SURNAMES


def _is_initial_name(text: str, match: re.Match[str]) -> bool:
    surname = match.group("surname")
    initials = text[match.start() : match.start("surname")]
    if not _is_listed_surname(surname):
        # "K. Okonjo", or "F Ashworth" where the words around say it is a person.
        if not _is_person_word(surname) or match.group()[0] in "AI":
            return False
        if "." not in initials and not (
            _person_cue_before(text, match.start()) or _person_cue_after(text, match.end())
        ):
            return False
    if "." not in initials and match.group()[0] in "AI":
        return False  # "A Ward round", "I Hughes"... an article or a pronoun, not an initial
    return not _is_named_thing(text, match.start(), match.end())


def _find_surname_first(text: str) -> Iterator[Finding]:
    for match in _SURNAME_FIRST_RE.finditer(text):
        given = match.group("given")
        if not (_is_given_name(given) or given in AMBIGUOUS_GIVEN_NAMES):
            continue
        before = _SURNAME_BEFORE_COMMA_RE.search(text, max(0, match.start() - 40), match.start())
        if not before:
            continue
        surname = before.group("surname")
        if not (surname.isupper() and len(surname) > 1) and not _is_listed_surname(surname):
            continue
        if surname.isupper() and surname in _NOT_CAPS_SURNAMES:
            continue
        start, end = before.start(), match.end()
        yield Finding(NAME, start, end, text[start:end])


def _find_labelled_names(text: str) -> Iterator[Finding]:
    for match in _name_label_matches(text):
        name = match.group("name")
        if name.title() in _NOT_SURNAME_WORDS or name in _NOT_CAPS_SURNAMES:
            continue
        end = match.end("name")
        more = match.group("more")
        if more and _is_surname_word(more):
            end = match.end("more")
        start = match.start("name")
        if _is_named_thing(text, start, end):
            continue
        yield Finding(NAME, start, end, text[start:end])


# --- Names in person context ------------------------------------------------------------------

# A given name alone ("met with Sarah", "Sarah's GP", "her son, Jordan") or a name whose words are
# on no list ("Tobias Fairweather was discharged") counts when the words around it say it is a
# person: a relation or role before it, a verb people do after it, or a possessive before
# something only a person has. A name whose surname is on the list needs no context.
_NAME_WORD = (
    rf"{_UPPER}(?:['’]{_UPPER})?{_LOWER}+(?:{_UPPER}{_LOWER}+)?(?:-{_UPPER}{_LOWER}+)?"
    r"|[A-Z](?:['’][A-Z])?[A-Z]+(?:-[A-Z]+)?"
)
# Starts on the capital, so the regex engine skips to candidates; the word-start check follows.
_NAME_RUN_RE = re.compile(
    rf"{_UPPER}(?<![\w'’.&-].)"
    rf"(?:(?:['’]{_UPPER})?{_LOWER}+(?:{_UPPER}{_LOWER}+)?(?:-{_UPPER}{_LOWER}+)?"
    r"|(?:['’][A-Z])?[A-Z]+(?:-[A-Z]+)?)"
    rf"(?:[ \u00a0](?:{_NAME_WORD})){{0,2}}(?![\w])"
)
_VOCABULARY_FILE = Path(__file__).resolve().parent.parent / "taxonomy" / "data" / "vocabulary.json"


def _vocabulary_words() -> frozenset[str]:
    try:
        vocabulary = json.loads(_VOCABULARY_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    words = set(re.findall(r"[A-Z][a-z]+", json.dumps(vocabulary)))
    return frozenset(words - GIVEN_NAMES - SURNAMES)


# Capitalised words that are never a person's name: sentence openers, pronouns, services,
# groups of people, family words used as names ("Mum said"), places and the domain vocabulary.
_NOT_PERSON_WORDS = (
    _NOT_GIVEN_WORDS
    | _NAMED_THING_WORDS
    | _vocabulary_words()
    | _words(
        """
        A Also Although And Anybody Anyone As At Because Before Both But Each Either Everybody
        Everyone Everything He Her His However I If In It Its Later Neither No Nobody None Not
        Nothing Now Once Our She Somebody Someone Something Sometimes That The Their Then There
        They This We What When Where Which While Who Why You Yours After Sadly Eventually Luckily
        Thankfully Unfortunately Instead Perhaps Maybe Mum Mam Dad Nan Gran Grandad Grandma Granny
        Auntie Sis Bro Baby Staff Commissioners Practitioners Services Families Family Residents
        Participants Doctors Nurses Officers Managers Volunteers Agencies Partners Panel Board
        Forum Hostel Shelter Mind Crisis Centrepoint Turning Point Change Grow Live Lives Changing
        Humankind Samaritans Refuge Oasis Emmaus Depaul Framework Thames Reach Barnardo Cyrenians
        Salvation Army Age Citizens Advice Jobcentre Probation Police Council Ambulance Fire GP
        Skylight Issue Big Aid Women Men Children Young Society Association Group Network
        Connections Futures Fulfilling Housing Options Credit Universal Benefit Benefits Payment
        Independence Personal First Act Care Reform Team Around Matter Every Making North South
        East West Upper Lower Great Little Central Royal Town Village Civic County City Market
        Castle Metro Station Riverside Quayside Tyne Tyneside Wear Durham Newcastle Gateshead
        Sunderland London Leeds Manchester Birmingham Liverpool Bristol Sheffield Glasgow
        Edinburgh Cardiff Belfast England Scotland Wales Ireland Britain Europe UK Easter
        Christmas Ramadan Eid Diwali Hanukkah New Year Bank Holiday Covid Brexit Zoom Teams
        WhatsApp Facebook Google Microsoft Amazon Uber Tesco Asda Lidl Aldi Boots Greggs
        Discharge Discharged Referral Review Assessment Plan Protocol Pathway Hub Service St Saint
        Mr Mrs Ms Miss Mx Dr Prof Cllr Rev Revd Sir Dame Lord Lady Landlord Landlady Tenant
        Tenants Neighbour Neighbours Friend Friends Partner Carer Carers Son Daughter Brother
        Sister Mother Father Husband Wife Boyfriend Girlfriend Uncle Aunt Cousin Grandmother
        Grandfather Client Clients Nobody Files Folder Phase Section Level Bay Regulation Article
        Duty Tenancy Attendance Accommodation Funding Paperwork Research Evidence Data Demand
        Debt Obligation Responsibility
        """
    )
)
# Surnames that are also everyday words, places or colours: on their own they are no evidence.
_EVERYDAY_SURNAMES = _words(
    """
    Ball Banks Bell Bird Bishop Black Bond Brown Bull Burns Chambers Church Cook Cross Day Dean
    Field Ford Fox Frost Gill Gray Green Hall Hart Hill Holland Hope House Hunt Hunter King Knight
    Lamb Lane Long Lord Marsh Mills Moss Page Park Parsons Payne Price Read Rice Rose Savage Sharp
    Shepherd Stone Swift Wall Ward Waters Wells West White Winter Wood Woods Young Little Farmer
    Heath Norton Oliver Tyler Birch Finch Hope Ford Grant Mason Lewis Jordan
    """
)
# Staff roles are left out on purpose: "Nurse Patel refuses referrals" gets the blameless-language
# hint (privacy/labels.py), which asks for the service instead, not a refusal.
_RELATION_WORDS = _words(
    """
    son daughter partner wife husband mum mam mother dad father brother sister friend neighbour
    carer nephew niece grandson granddaughter grandmother grandfather gran nan grandad grandma
    aunt auntie uncle cousin boyfriend girlfriend fiancé fiancée fiance fiancee ex ex-partner
    stepson stepdaughter stepdad stepmum stepfather stepmother child baby twin sibling flatmate
    housemate lodger landlord landlady client patient tenant resident
    met told asked accompanied helped thanked introduced escorted interviewed reassured
    welcomed warned encouraged persuaded accompanying
    """
)
# Only words that take a person: "supported by", "rang" and "visited" take services and places
# as often.
_TWO_WORD_CUES = frozenset(
    (
        "met with", "spoke to", "spoke with", "talked to", "talked with", "speaking to",
        "speaking with", "addressed to", "name of", "sat with", "stayed with", "lives with",
        "living with", "staying with", "seen by", "signed by", "copied to", "written by",
    )
)  # fmt: skip
# Verbs only people do: "Attendance went up", "Tenancy kept", "Funding arrived" are prose.
_PERSON_VERBS = _words(
    """
    said says told tells explained explains felt feels disclosed refused declined wanted wants
    cried shouted laughed smiled asked agreed admitted thinks thought knew knows hoped hopes
    worried struggled struggles self-referred described signed wrote died overdosed relapsed
    disengaged slept rang phoned texted attended apologised complained
    """
)
_AUXILIARIES = _words("was is had has wasn't isn't hadn't hasn't")
# States only a person is in after "was"/"had been" ("Accommodation was found" is prose).
_PERSON_STATES = _words(
    """
    evicted admitted arrested sanctioned barred housed sectioned sleeping staying living homeless
    unwell scared frightened pregnant drinking assaulted attacked injured hospitalised detained
    street-homeless bereaved discharged
    """
)
# After two or three capitalised words ("Anouk Grimshaw moved", "... had been barred"), which
# read as a name far more often than one word does, more verbs and states count.
_NAME_VERBS = _PERSON_VERBS | _words(
    """
    lives lived missed arrived stayed moved went came left returned collapsed kept needed needs
    became walked tried spent
    """
)
_NAME_STATES = _PERSON_STATES | _words(
    "released found seen moved told asked given offered referred placed taken known missing been"
)
# What only a person has: "Sarah's GP", "Tobias's tenancy" (not "Catalyst's support line").
_PERSON_OWNS = _words(
    """
    gp mum mam mother dad father partner wife husband son daughter children kids baby family
    sister brother carer friend key tenancy flat room benefits claim medication meds
    prescription appointment appointments diagnosis story journey consent mobile birthday
    funeral death relapse overdose behaviour eviction arrears debts drinking drug drugs dog
    sentence licence solicitor landlord ex girlfriend boyfriend worker officer health
    """
)
_AFTER_WORD_RE = re.compile(r"[ \u00a0]+([a-z][a-z'’-]*)(?:[ \u00a0]+([a-z][a-z'’-]*))?")
_POSSESSIVE_RE = re.compile(
    r"['’]s?[ \u00a0]+(?:(?:support|social|case|mental|probation)[ ])?([A-Za-z]+)"
)


def _is_person_word(word: str) -> bool:
    base = word.split("-")[0].title()
    return base not in _NOT_PERSON_WORDS and word not in _NOT_CAPS_SURNAMES and len(word) > 1


_LABEL_WORDS = _words("client patient tenant resident user person re to from cc")


def _label_before(text: str, start: int) -> bool:
    words = text[max(0, start - 20) : start].split()
    return bool(words) and words[-1].endswith(":") and words[-1][:-1].lower() in _LABEL_WORDS


def _person_cue_before(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start]
    if not before[-1:].isspace():
        return False
    words = before.split()
    if not words:
        return False
    last = words[-1].lower()
    if last.endswith(":"):  # "Client: Tobias", "RE: Sarah"
        return last.rstrip(":") in _LABEL_WORDS
    last = last.rstrip(",")
    if last in _RELATION_WORDS:
        return True
    return len(words) > 1 and f"{words[-2].lower()} {last}" in _TWO_WORD_CUES


def _person_cue_after(text: str, end: int, words: int = 1) -> bool:
    possessive = _POSSESSIVE_RE.match(text, end)
    if possessive:
        return possessive.group(1).lower() in _PERSON_OWNS
    after = _AFTER_WORD_RE.match(text, end)
    if not after:
        return False
    first, second = after.group(1), after.group(2)
    verbs, states = (_PERSON_VERBS, _PERSON_STATES) if words == 1 else (_NAME_VERBS, _NAME_STATES)
    if first in verbs:
        return True
    return first in _AUXILIARIES and second in states


# "called Sam in this review", "Sam (not her real name)", "pseudonym Sam": a name the writer
# made up is not an identifier, wherever it appears in the text.
_PSEUDONYM_RES = (
    re.compile(
        rf"(?:pseudonym|alias|known[ ]here[ ]as)[ :]+(?P<name>{_UPPER}{_LOWER}+)"
        rf"|called[ ]+(?P<called>{_UPPER}{_LOWER}+)[ ,]+(?:in|for)[ ]+th(?:is|e)[ ]",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?P<name>{_UPPER}{_LOWER}+)[ ,]*\(?(?:not[ ](?:his|her|their)[ ]real[ ]name"
        r"|a[ ]pseudonym|an[ ]alias|name[ ]changed)",
        re.IGNORECASE,
    ),
)
_PSEUDONYM_CUES = ("pseudonym", "alias", "real name", "called", "known here", "name changed")


def _declared_pseudonyms(text: str) -> set[str]:
    lowered = _lowered(text)
    if not any(cue in lowered for cue in _PSEUDONYM_CUES):
        return set()
    return {
        match.group("name") or match.group("called")
        for pattern in _PSEUDONYM_RES
        for match in pattern.finditer(text)
    }


def _find_context_names(text: str) -> Iterator[Finding]:
    pseudonyms = _declared_pseudonyms(text)
    # Most capitalised words open a sentence or name a service: no run starts there.
    starts = [start for start, word in _capital_words(text) if word not in _NOT_PERSON_WORDS]
    for run in _matches_at(_NAME_RUN_RE, text, starts):
        group = run.group()
        if " " in group or "\u00a0" in group:
            if all(word in _NOT_PERSON_WORDS for word in group.split()):
                continue  # "Universal Credit", "Change Grow Live"
            span = _name_in_run(text, run, pseudonyms)
            if span is None:
                continue
            start, end = span
        else:
            start, end = run.span()
            if not _is_lone_name(text, group, start, end, pseudonyms):
                continue
        if _LABEL_NUMBER_RE.match(text, end) or _is_named_thing(text, start, end):
            continue  # "Phase 2", "Bay 12": a label before a number
        yield Finding(NAME, start, end, text[start:end])


# Staff named by role ("Nurse Patel", "Social worker Sarah") get the blameless-language hint
# (barriers/forms.py), which asks for the team or process instead, not a refusal.
_STAFF_ROLE_WORDS = _words(
    """
    nurse doctor worker keyworker caseworker manager officer consultant psychiatrist receptionist
    sergeant inspector councillor gp pc
    """
)


def _after_staff_role(text: str, start: int) -> bool:
    words = text[max(0, start - 20) : start].split()
    return bool(words) and words[-1].lower().rstrip(".") in _STAFF_ROLE_WORDS


def _is_lone_name(text: str, word: str, start: int, end: int, pseudonyms: set[str]) -> bool:
    """One capitalised word: a listed given name, or any name in a person's context."""
    if word.isupper():
        # A word in capitals is an abbreviation more often than a name, but for a label.
        return _is_person_word(word) and _label_before(text, start)
    if not _is_person_word(word) or word in pseudonyms:
        return False
    if _after_staff_role(text, start):
        return False  # "Social worker Sarah": the blameless-language hint asks for the service
    if start == 0 and end == len(text):
        return False  # a field holding one word only: an alias the person chose, not a name
    if _looks_plural(word) and word not in GIVEN_NAMES:
        return False  # "Files kept", "Doctors said"
    # A given name from the list alone ("Sarah", not "Grace") is a person wherever it is.
    return (
        _is_clear_given_name(word)
        or _person_cue_after(text, end)
        or _person_cue_before(text, start)
    )


def _name_in_run(text: str, run: re.Match[str], pseudonyms: set[str]) -> tuple[int, int] | None:
    """The span of a name in two or three capitalised words, if it is one."""
    words = run.group().split()
    start = run.start()
    # "When Tobias arrived": sentence openers and other non-names fall away from the front.
    while words and not _is_person_word(words[0]):
        start = text.index(words[1], start + len(words[0])) if len(words) > 1 else run.end()
        words.pop(0)
    if not words:
        return None
    # "Sarah Monday", "Tobias Fairweather Court": the name ends before a non-name word.
    for index, word in enumerate(words[1:], 1):
        if not _is_person_word(word):
            words = words[:index]
            break
    end = text.index(words[-1], start) + len(words[-1])
    if len(words) == 1:
        return (start, end) if _is_lone_name(text, words[0], start, end, pseudonyms) else None
    last = words[-1].split("-")[0].title()
    listed_surname = (
        last in SURNAMES or words[-1].title() in SURNAMES
    ) and last not in _EVERYDAY_SURNAMES
    if (
        listed_surname
        or _person_cue_before(text, start)
        or _person_cue_after(text, end, len(words))
    ):
        return start, end
    return None


_LABEL_NUMBER_RE = re.compile(r"[ \u00a0]*\d")


def _looks_plural(word: str) -> bool:
    # Names end in -as, -us, -is, -os, -ss (Tobias, Marcus, Iris, Ross); plural nouns do not.
    return word.endswith("s") and not word.endswith(("as", "us", "is", "os", "ss"))


# --- Obfuscated email -------------------------------------------------------------------------

# "jane at example dot com", "jane.smith (at) gmail (dot) com", "jane[at]outlook[dot]com",
# "jane @ hotmail.co.uk". Matched on the lower-cased text.
_OBFUSCATED_AT = ("[at]", "(at)", "{at}", "<at>", " at ", "@")
_OBF_DOT = r"(?:[ ]*[\[({<][ ]*dot[ ]*[\])}>][ ]*|[ ]+dot[ ]+|\.)"
_OBF_DOMAIN_RE = re.compile(
    rf"[ ]*(?P<domain>[a-z0-9][a-z0-9-]*(?:{_OBF_DOT}[a-z0-9][a-z0-9-]*){{1,4}})(?![a-z0-9-])"
)
_OBF_LOCAL_RE = re.compile(
    r"(?<![\w.+-])(?P<local>[a-z0-9][a-z0-9._+-]*(?:[ ]+dot[ ]+[a-z0-9][a-z0-9._+-]*){0,2})"
    r"[ ]*\Z"
)
_OBF_SPLIT_RE = re.compile(_OBF_DOT)
_TOP_LEVEL_DOMAINS = _words("com org net uk co gov nhs ac io me info eu biz scot wales london")
_MAIL_PROVIDERS = _words(
    """
    gmail googlemail hotmail outlook live yahoo icloud me aol btinternet sky virginmedia
    protonmail proton mail nhs talktalk ntlworld
    """
)


def _find_obfuscated_emails(text: str) -> Iterator[Finding]:
    lowered = _lowered(text)
    if "at" not in lowered and "@" not in text:
        return
    for separator in _OBFUSCATED_AT:
        at = lowered.find(separator)
        while at != -1:
            after = at + len(separator)
            finding = _obfuscated_email_at(text, lowered, at, after, separator)
            if finding:
                yield finding
            at = lowered.find(separator, after)


def _obfuscated_email_at(
    text: str, lowered: str, at: int, after: int, separator: str
) -> Finding | None:
    if separator == "@" and text[at - 1 : at] != " " and text[after : after + 1] != " ":
        return None  # a plain address: the email detector has it
    domain = _OBF_DOMAIN_RE.match(lowered, after)
    if not domain:
        return None
    labels = _OBF_SPLIT_RE.split(domain.group("domain"))
    if labels[-1] not in _TOP_LEVEL_DOMAINS:
        return None
    obfuscated = "dot" in domain.group("domain")
    if separator == " at " and not (obfuscated or labels[0] in _MAIL_PROVIDERS):
        return None  # "advice at gov.uk" is a website, not an address
    local = _OBF_LOCAL_RE.search(lowered, max(0, at - 64), at + (1 if separator == " at " else 0))
    if not local or local.group("local") in {"me", "us", "them", "him", "her", "you"}:
        return None
    start, end = local.start("local"), domain.end("domain")
    return Finding(EMAIL, start, end, text[start:end])


# --- Case reference number --------------------------------------------------------------------

# A number that opens a person's record in another system, after a cue naming it. Found with
# str.find on the lower-cased text, like the name cues.
# System names count alone ("Mosaic 1234567"); general words need id/no/number/ref after them.
_CASE_SYSTEMS = ("mosaic", "emis", "systmone", "pnc", "nomis", "mrn", "liquidlogic", "lcs")
_CASE_WORDS = ("case", "crime", "client", "patient", "hospital", "person", "prison", "police",
               "rio", "cro", "log")  # fmt: skip
_CASE_NUMBER_RE = re.compile(
    r"[a-z]*\.?[ \t]*(?:(?:id|no|number|ref|reference|is|was|of)\b\.?[ \t]*){0,3}[:#=(–—-]?[ \t]*"
    r"(?P<number>[A-Z0-9](?:[A-Z0-9]|[/-](?=[A-Z0-9])){3,24})(?![\w/-])",
    re.IGNORECASE,
)


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters change length when lower-cased
        lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    return lowered


_lowered = _PerText(_lower_same_length)


_CASE_WORD_TAIL_RE = re.compile(
    r"[ ]?(?:ref(?:erence)?|no|number|id|identifier|record)\b", re.IGNORECASE
)


def _find_case_references(text: str) -> Iterator[Finding]:
    lowered = _lowered(text)
    for cue in _CASE_SYSTEMS + _CASE_WORDS:
        at = lowered.find(cue)
        while at != -1:
            end = at + len(cue)
            if cue in _CASE_WORDS:
                tail = _CASE_WORD_TAIL_RE.match(text, end)
                end = tail.end() if tail else -1
            if end != -1 and _starts_word(text, at):
                match = _CASE_NUMBER_RE.match(text, end)
                if match and sum(char.isdigit() for char in match.group("number")) >= 3:
                    yield _finding(CASE_REFERENCE, match, "number")
            at = lowered.find(cue, at + 1)


# Earlier detectors win overlaps: an email may contain a postcode-like part, and an NHS number
# must not also be reported as a phone number.
_DETECTORS: tuple[Callable[[str], Iterator[Finding]], ...] = (
    _find_emails,
    _find_nhs_numbers,
    _find_ni_numbers,
    _find_dates_of_birth,
    _find_phones,
    _find_postcodes,
    _find_addresses,
    _find_names,
    _find_case_references,
    _find_labelled_names,
    _find_surname_first,
    _find_full_names,
    _find_obfuscated_emails,
    _find_context_names,
)
