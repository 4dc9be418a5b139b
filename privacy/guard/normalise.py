"""One normalisation step before every check, with offsets mapped back to what was typed.

`common.markdown.reader_text` renders Markdown to what a reader sees (entities unescaped, NFKC,
zero-width and bidi characters dropped) and keeps an offset map; `scan_as_typed` runs the
detectors on that text and turns each span found there into the exact span of the typed text, so
a message quotes the person's own words ("07700 9*00*123" as typed).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from common.markdown import reader_text
from privacy.guard.emails import _find_obfuscated_emails
from privacy.guard.findings import Finding

# Markup at the edge of a mapped span belongs to the Markdown, not the identifier.
_TRAILING_MARKUP = frozenset("*_~`<>[]|( \n")
_LEADING_MARKUP = frozenset("*_~`<>[]|) \n")


def scan_as_typed(text: str, scan_plain: Callable[[str], list[Finding]]) -> list[Finding]:
    """`scan_plain` on the reader's text of `text`, with every finding pointing at `text`."""
    reader = reader_text(text, hidden=True)
    findings = scan_plain(reader.text)
    if reader.text is text or reader.text == text:
        return findings
    mapped: dict[tuple[int, int], Finding] = {}
    for finding in findings:
        start, end = reader.source_span(finding.start, finding.end)
        while end > start and text[end - 1] in _TRAILING_MARKUP:
            end -= 1
        while start < end and text[start] in _LEADING_MARKUP:
            start += 1
        start, end = _with_emphasis_closed(text, start, end)
        mapped.setdefault((start, end), Finding(finding.kind, start, end, text[start:end]))
    for finding in _typed_obfuscated_emails(text):
        if not any(f.start < finding.end and finding.start < f.end for f in mapped.values()):
            mapped[(finding.start, finding.end)] = finding
    return sorted(mapped.values(), key=lambda finding: finding.start)


_EMPHASIS = "*_~`"


def _with_emphasis_closed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened over emphasis that opens or closes inside it: "Mr **Smith**", not
    "Mr **Smith", so the message quotes a whole piece of what was typed."""
    for marker in _EMPHASIS:
        if marker not in text[start:end]:
            continue
        while end < len(text) and text[end] == marker:
            end += 1
        while start > 0 and text[start - 1] == marker:
            start -= 1
    # "<b>Dave</b> Smith", "Dave <em>Smith</em>": a tag closed (or opened) inside the span takes
    # its partner just outside it.
    if "</" in text[start:end]:
        opening = _OPEN_TAG_BEFORE_RE.search(text, max(0, start - _TAG_WINDOW), start)
        if opening and f"</{opening.group(1).lower()}" in text[start:end].lower():
            start = opening.start()
    if "<" in text[start:end]:
        closing = _CLOSE_TAG_RE.match(text, end)
        if closing and f"<{closing.group(1).lower()}" in text[start:end].lower():
            end = closing.end()
    return start, end


_OPEN_TAG_BEFORE_RE = re.compile(r"<([a-z][a-z0-9]*)\b[^<>]*>\Z", re.IGNORECASE)
_CLOSE_TAG_RE = re.compile(r"</([a-z][a-z0-9]*)[ ]*>", re.IGNORECASE)
_TAG_WINDOW = 200


def _typed_obfuscated_emails(text: str) -> list[Finding]:
    # Readers see "jane[at]outlook[dot]com" as typed, but the reader text drops the brackets
    # (they are link syntax), so these are read from what was typed.
    lowered = text.lower()
    if "[at]" not in lowered and "[dot]" not in lowered:
        return []
    return list(_find_obfuscated_emails(text))
