"""Dates of birth: a date in any common UK layout next to a cue that says it is a birth date."""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.guard.findings import DATE_OF_BIRTH, Finding
from privacy.guard.text import _finding, _lowered, _starts_word

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

# Straight after a cue, a date may also be eight or six digits run together ("DOB 01021980"), a
# month and year ("born March 1980") or a year alone ("born 1980", "YOB 1980", "born '80").
_CUED_DATE = (
    rf"(?:{_DATE}"
    r"|(?:(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)?\d{2}"
    rf"|{_MONTH},?[ ]+(?:19|20)\d{{2}}"
    r"|(?P<year>(?:19|20)\d{2}|'\d{2}))(?![\d/.-]\d)\b)"
)
# A year alone after "born" or "b." is a birth year only when a person working with services can
# have been born then: "the service was born in 2019" dates a service.
_LAST_BIRTH_YEAR_ALONE = 2009

# Words that may sit between a cue and its date ("date of birth was recorded as ...").
_DOB_FILLER = r"(?:is|was|on|of|the|given|as|recorded|listed|stated|noted|confirmed|shown|in)"

# Cues: "DOB", "D.O.B.", "YOB", "date of birth", "date-of-birth", "year of birth", "birth date",
# "birthdate", "birthday" (group "dob"), "born", or a lower-case "b." (group "b").
# Matched on the lower-cased text (a case-blind scan is twice as slow); "b." is checked against
# the typed text, where it must be lower case.
# Anchored on the "b" every cue holds (a rare letter, found as fast as a plain string); the
# "d.o." of "d.o.b" is read back with fixed-width look-behinds, one per spelling.
_DOB_SPELLINGS = [f"d{after_d}o{after_o}b" for after_d in ("", ".", " ", ". ")
                  for after_o in ("", ".", " ", ". ")]  # fmt: skip

_DOB_CUE_RE = re.compile(
    r"b(?:(?P<dob>(?:"
    + "|".join(f"(?<={re.escape(spelling)})" for spelling in _DOB_SPELLINGS)
    + r"|(?<=yob))\b\.?|irth\b(?<=(?:date|year)[ -]of[ -]birth)|irth(?:[ -]?date|day)\b)"
    r"|orn\b|(?P<b>\.))"
)

_DOB_START_RE = re.compile(r"d\.?[ ]?o\.?[ ]?\Z")

# After "DOB" or "born": a format hint ("(dd/mm/yyyy)"), punctuation, a line break
# ("DOB:\n03/04/1987"), "in <Place>", up to three filler words, then the date.
_AFTER_CUE_RE = re.compile(
    r"(?:[ ]?/[ ]?age\b)?(?:[ ]?\((?:dd|mm|yy|yyyy|[/. -])+\))?"
    r"[ \t]*[:=(–—-]?[ \t]*(?:\r?\n[ \t]*)?"
    rf"(?:in[ ]+(?!{_MONTH})(?-i:[A-Z])[\w'-]+(?:[ ]+(?-i:[A-Z])[\w'-]+)?,?[ ]+)?"
    rf"(?P<filler>(?:{_DOB_FILLER}[ ]+){{0,3}})(?P<date>{_CUED_DATE})",
    re.IGNORECASE,
)

_AFTER_B_RE = re.compile(rf"[ \t]*(?P<date>{_CUED_DATE})", re.IGNORECASE)

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
            if lowered.startswith("of", cue_start - 3):  # "date of birth", "year of birth"
                cue_start -= len("date of ")
            elif lowered.startswith("yo", cue_start - 2):
                cue_start -= 2
            elif not lowered.startswith("birth", cue_start):
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
        if match and not is_dob and _too_late_to_be_born_alone(match.group("year")):
            continue
        if match:
            yield _finding(DATE_OF_BIRTH, match, "date")
        elif is_dob and _CUE_ENDS_RE.match(text, cue.end()):
            before = _BEFORE_CUE_RE.search(text, max(0, cue_start - _BEFORE_CUE_WINDOW), cue_start)
            if before and _starts_word(text, before.start("date")):
                yield _finding(DATE_OF_BIRTH, before, "date")


def _too_late_to_be_born_alone(year: str | None) -> bool:
    return year is not None and year.isdigit() and int(year) > _LAST_BIRTH_YEAR_ALONE
