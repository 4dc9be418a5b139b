"""Postcodes and street addresses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.guard.findings import ADDRESS, POSTCODE, Finding
from privacy.guard.text import _digit_run_starts, _matches_at, _starts_word, _words

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
