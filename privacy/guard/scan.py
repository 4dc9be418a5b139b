"""The guard's public scan: normalise what was typed, run every detector, map findings back."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator

from privacy.guard.dates import _find_dates_of_birth
from privacy.guard.emails import _find_emails, _find_obfuscated_emails
from privacy.guard.findings import Finding
from privacy.guard.names_context import _find_context_names
from privacy.guard.names_full import _find_full_names, _find_labelled_names, _find_surname_first
from privacy.guard.names_titled import _find_names
from privacy.guard.normalise import scan_as_typed
from privacy.guard.numbers import _find_nhs_numbers, _find_ni_numbers, _find_phones
from privacy.guard.places import _find_addresses, _find_postcodes
from privacy.guard.references import _find_case_references
from privacy.guard.text import _capital_words, _digit_run_starts, _lowered, _overlaps_neighbours


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
    return scan_as_typed(text, find_identifiers_in_plain_text)


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


def contains_identifiers(text: str) -> bool:
    return bool(find_identifiers(text))


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
