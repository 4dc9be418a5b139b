"""NHS numbers (with the modulus 11 check), National Insurance numbers and UK phone numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.guard.findings import NHS_NUMBER, NI_NUMBER, PHONE, Finding
from privacy.guard.text import _digit_run_starts, _digits, _finding, _matches_at, _starts_word


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
