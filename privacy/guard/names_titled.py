"""Names after a title: "Mr Smith", "Dr A. Khan", "MRS O'NEILL"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.guard.findings import NAME, Finding
from privacy.guard.name_words import (
    _AFTER_NAME_RE,
    _NOT_CAPS_SURNAMES,
    _NOT_SURNAMES,
    _PLACE_WORDS,
    _SURNAME,
)
from privacy.guard.text import _capital_words, _finding, _matches_at, _starts_word, _words

# Titles as written, in capitals ("MR SMITH" from a pasted record) or typed in lower case
# ("spoke to mr Patel"); "miss" is left out in lower case, where it is nearly always the verb.
_NAME_RE = re.compile(
    r"(?P<title>Mrs|Mr|Ms|Miss|Mx|Dr|Prof|Cllr|Revd|Rev|MRS|MR|MS|MISS|MX|DR"
    r"|mrs|mr|ms|dr)\b(?:\.[ \u00a0]*|[ \u00a0]+)"
    r"(?:[A-Z]\.[ \u00a0]?|[A-Z][ \u00a0]+){0,3}"
    rf"(?P<surname>{_SURNAME})(?:[ \u00a0]+(?P<second>{_SURNAME}))?"
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
