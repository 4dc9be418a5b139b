"""Gentle writing hints for labels that place a system's failures inside the person.

Hints never block a submission. The terms are copied from the shared vocabulary
(`labels_to_avoid`) so this module has no run-time dependency on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LABELS_TO_AVOID = (
    "non-engager",
    "service-resistant",
    "hard to reach",
    "frequent flyer",
    "revolving door",
    "challenging",
    "manipulative",
)

REFRAME = "Describe what happened to the person and what the service did, not what the person 'is'."

_SUGGESTIONS = {
    "non-engager": "say which service the person could not use, and what got in the way.",
    "service-resistant": "say what was offered, how, and what made it hard to accept.",
    "hard to reach": "say which services found the person hard to reach and what was tried.",
    "frequent flyer": "say how often the person needed help and what was missing in between.",
    "revolving door": "describe the pattern of leaving and returning, and where support dropped.",
    "challenging": "describe what happened and what the person may have needed at the time.",
    "manipulative": "describe what the person did and what need it may have been meeting.",
}


@dataclass(frozen=True)
class LabelHint:
    """A label to avoid, found at `text[start:end]`; `message` suggests a reframe."""

    term: str
    start: int
    end: int
    text: str

    @property
    def suggestion(self) -> str:
        return f"{REFRAME} For example, {_SUGGESTIONS.get(self.term, '')}".strip()

    @property
    def message(self) -> str:
        return f"Writing hint: ‘{self.text}’ — {self.suggestion}"


def _term_pattern(term: str) -> str:
    # "non-engager" also matches "non engager", "nonengager" and plurals.
    words = re.split(r"[\s-]+", term)
    return r"[\s-]?".join(re.escape(word) for word in words) + "s?"


_LABELS_RE = re.compile(
    r"\b(?:" + "|".join(f"({_term_pattern(term)})" for term in LABELS_TO_AVOID) + r")\b",
    re.IGNORECASE,
)


def find_label_hints(text: str) -> list[LabelHint]:
    """Return a hint for every label to avoid in `text`, in order of appearance."""
    if not text:
        return []
    return [
        LabelHint(LABELS_TO_AVOID[match.lastindex - 1], match.start(), match.end(), match.group())
        for match in _LABELS_RE.finditer(text)
    ]
