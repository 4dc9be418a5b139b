"""Shared text helpers for the detectors: word starts, and what several detectors read from one
text (digit runs, the lower-cased text, capitalised words), worked out once per check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from privacy.guard.findings import Finding


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


def _digits(value: str) -> str:
    return "".join(char for char in value if char.isdigit())


_UPPER = r"[A-ZÀ-ÖØ-ÞĀ-ž]"

_LOWER = r"[a-zß-öø-ÿĀ-ž]"

# Speed: like the digit runs, the capitalised words are found once per check and the name
# patterns tried only at those that can start one.
_CAPITAL_WORD_RE = re.compile(rf"{_UPPER}(?<![\w].)[\w'’-]*")

_capital_words = _PerText(
    lambda text: [(match.start(), match.group()) for match in _CAPITAL_WORD_RE.finditer(text)]
)


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters change length when lower-cased
        lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    return lowered


_lowered = _PerText(_lower_same_length)
