"""Case reference numbers: a number after a cue naming the system or record that holds it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.guard.findings import CASE_REFERENCE, Finding
from privacy.guard.text import _finding, _lowered, _starts_word

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
