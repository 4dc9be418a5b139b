"""User text is Markdown; what reaches a page is sanitised HTML, and what reaches plain text is the
text a reader sees.

nh3 (a binding to the Rust Ammonia sanitiser) cleans the rendered HTML. We do not use bleach: it
is no longer maintained and gets no security fixes.

`markdown_to_text` is the one Markdown-to-plain-text function (search, calendars, emails, cards,
the privacy guard). It is a single fast pass rather than a full render, so the privacy guard can
afford it on every keystroke-sized save and keep a map from each character it reads back to what
the writer typed (`reader_text`).
"""

from __future__ import annotations

import bisect
import functools
import html
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import unquote

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener"

# Headings start at h2: the page owns its single h1.
_EXTENSIONS = ["markdown.extensions.tables", "markdown.extensions.sane_lists"]


def sanitise_html(html_text: str) -> str:
    return nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render_markdown(text: str) -> str:
    """Markdown to sanitised HTML, safe to mark safe in a template."""
    if not text:
        return ""
    rendered = markdown_lib.markdown(text, extensions=_EXTENSIONS, output_format="html")
    rendered = rendered.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return sanitise_html(rendered)


# --- Markdown (or rich-text HTML) to the text a reader sees ------------------------------------


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Elements whose tags vanish inside a line ("07700 9<b>00</b>123" reads as one number); any other
# known element breaks the line. Unknown "tags" (`<Dave Smith, 07700 900123>`) are text: the
# angle brackets become spaces and what sits between them is kept.
_INLINE_TAGS = _names(
    """a abbr b bdi bdo big cite code data del dfn em font i ins kbd mark q s samp small span
    strike strong sub sup time tt u var wbr"""
)
_BLOCK_TAGS = _names(
    """address article aside blockquote body br caption center col colgroup dd details dialog
    div dl dt embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hr html
    iframe img input label legend li link main marquee math meta nav noscript object ol option
    p picture pre rp rt ruby section select source summary svg table tbody td template textarea
    tfoot th thead title tr ul video audio button canvas"""
)
_HIDDEN_CONTENT_TAGS = frozenset({"script", "style"})
_KNOWN_TAGS = _INLINE_TAGS | _BLOCK_TAGS | _HIDDEN_CONTENT_TAGS

_DASHES = dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-")

_TOKEN_RE = re.compile(
    r"(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<tag></?(?P<tagname>[A-Za-z][A-Za-z0-9]*)(?P<attrs>(?:[\s/][^<>]*)?)>)"
    r"|(?P<link>\]\((?P<url>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?)"
    r"[ \t]*\))"
    r"|(?P<escape>\\[!-/:-@\[-`{-~])"
    r"|(?P<entity>&(?:\#[0-9]{1,7};?|\#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?))"
    r"|(?P<percent>%[0-9A-Fa-f]{2})"
    r"|(?P<drop>\*+|~~+|`+)"
    r"|(?P<under>_+)"
    r"|(?P<bracket>[\[\]<>|])"
    r"|(?P<newline>\r?\n(?:[ \t]*\r?\n)*[ \t]*)"
    r"|(?P<other>[^\x00-\x7f]+)",
    re.DOTALL,
)
# Characters that make no difference to a reader's eye: zero-width, bidi controls, variation
# selectors, tag characters and combining marks that only decorate (keycaps, overlines).
_INVISIBLE_RANGES = (
    (0x0300, 0x036F),
    (0x20D0, 0x20FF),
    (0xFE00, 0xFE0F),
    (0xFE20, 0xFE2F),
    (0xE0000, 0xE007F),
)
# A new line that starts a block (a list item, a heading, a quote, a table row, a blank line)
# keeps its break; any other line break is a soft wrap that readers see as a space.
_BLOCK_START_RE = re.compile(r"[-+*>#|]|\d+[.)][ \t]")
# "|" and ">" (table cells, quotes) read as spaces; they are swapped within the plain text around
# them rather than read as tokens, being the commonest markup.
_NEEDS_WORK_ASCII_RE = re.compile(r"[<&\\*_~`\[\]%\n]")
_AS_SPACES = str.maketrans("|>", "  ")


def _is_invisible(char: str) -> bool:
    code = ord(char)
    if any(low <= code <= high for low, high in _INVISIBLE_RANGES):
        return True
    return unicodedata.category(char) == "Cf"


@functools.lru_cache(maxsize=4096)
def _reader_char(char: str) -> str:
    """One character as a reader sees it: invisible ones vanish, compatibility forms fold."""
    if char in _DASHES:
        return "-"
    if _is_invisible(char):
        return ""
    folded = unicodedata.normalize("NFKC", char)
    if folded == char:
        return char
    return "".join("-" if c in _DASHES else c for c in folded if not _is_invisible(c))


def _reads_as_typed(code: int) -> bool:
    char = chr(code)
    return (
        char not in _DASHES
        and not _is_invisible(char)
        and unicodedata.normalize("NFKC", char) == char
    )


def _needs_work_ranges() -> str:
    """Non-ASCII characters as class ranges, less the common ones a reader sees as typed ("£",
    "é", curly quotes): text pasted from a word processor is full of them."""
    as_typed = [
        code
        for low, high in ((0x80, 0x24F), (0x2010, 0x206F), (0x20A0, 0x20BF))
        for code in range(low, high + 1)
        if _reads_as_typed(code)
    ]
    ranges, start = [], 0x80
    for code in as_typed:
        if code > start:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
        start = code + 1
    ranges.append(f"{re.escape(chr(start))}-\U0010ffff")
    return "".join(ranges)


_NEEDS_WORK_RE = re.compile(rf"[<&\\*_~`\[\]%\n{_needs_work_ranges()}]")


@dataclass
class ReaderText:
    """What a reader sees of `source`, with each character traced back to where it was typed.

    `text` is the visible text; with `hidden=True`, what a reader cannot see but the record still
    holds (link targets, HTML attributes and comments) follows it, after a blank line.
    """

    source: str
    text: str = ""
    # Parallel lists: a stretch of `text` starting at out_starts[i] stands for
    # source[src_starts[i]:src_ends[i]]; `literal` stretches map character for character.
    out_starts: list[int] = field(default_factory=list)
    src_starts: list[int] = field(default_factory=list)
    src_ends: list[int] = field(default_factory=list)
    literal: list[bool] = field(default_factory=list)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of `source` that produced `text[start:end]`."""
        if not self.out_starts:
            return start, end
        return self._source_position(start, False), self._source_position(end - 1, True)

    def _source_position(self, position: int, end: bool) -> int:
        index = max(0, bisect.bisect_right(self.out_starts, position) - 1)
        if self.literal[index]:
            offset = self.src_starts[index] + position - self.out_starts[index]
            return min(offset + 1, self.src_ends[index]) if end else offset
        return self.src_ends[index] if end else self.src_starts[index]


class _Builder:
    def __init__(self, reader: ReaderText):
        self.reader = reader
        self.parts: list[str] = []
        self.length = 0
        self.literal_end = -1  # where in the source the last literal stretch ends

    def add(self, value: str, start: int, end: int, literal: bool = False) -> None:
        if not value:
            return
        size = len(value)
        # One character for one ("|" read as a space, a full-width digit folded) maps position
        # for position, like text typed as it reads.
        if literal or size == end - start:
            if self.literal_end == start:
                self.reader.src_ends[-1] = end  # one stretch typed as it reads
            else:
                self._open(start, end, True)
            self.literal_end = end
        else:
            self._open(start, end, False)
            self.literal_end = -1
        self.parts.append(value)
        self.length += size

    def _open(self, start: int, end: int, literal: bool) -> None:
        reader = self.reader
        reader.out_starts.append(self.length)
        reader.src_starts.append(start)
        reader.src_ends.append(end)
        reader.literal.append(literal)


def _add_plain(builder: _Builder, source: str, start: int, end: int) -> None:
    text = source[start:end]
    if "|" in text or ">" in text:
        text = text.translate(_AS_SPACES)
    builder.add(text, start, end, literal=True)


def _read(source: str, start: int, end: int, builder: _Builder, hidden: list, mode: str) -> None:
    """Append what a reader sees of source[start:end]; collect hidden spans into `hidden`."""
    position = start
    search_from = start
    # ASCII text needs the shorter character class (much the commonest case, and a third faster).
    needs_work = _NEEDS_WORK_ASCII_RE if source.isascii() else _NEEDS_WORK_RE
    while position < end:
        special = needs_work.search(source, search_from, end)
        if special is None:
            _add_plain(builder, source, position, end)
            return
        match = _TOKEN_RE.match(source, special.start(), end)
        if match is None:  # "&" or "%" that is not an entity or an escape: plain text
            search_from = special.end()
            continue
        token_start, token_end = match.span()
        if token_start > position:
            _add_plain(builder, source, position, token_start)
        position = search_from = token_end
        kind = match.lastgroup
        if kind == "tagname" or kind == "attrs":
            kind = "tag"
        if kind == "tag":
            name = match.group("tagname").lower()
            if name not in _KNOWN_TAGS:
                builder.add(" ", token_start, token_start + 1)  # "<" of plain text
                position = search_from = token_start + 1
                continue
            attrs_start, attrs_end = match.span("attrs")
            if attrs_end > attrs_start and mode != "display":
                hidden.append((attrs_start, attrs_end))
            if name in _HIDDEN_CONTENT_TAGS and not match.group().startswith("</"):
                closing = source.lower().find(f"</{name}", token_end, end)
                content_end = end if closing == -1 else closing
                if mode != "display":
                    hidden.append((token_end, content_end))
                position = search_from = content_end
            elif name not in _INLINE_TAGS:
                builder.add(" ", token_start, token_end)
        elif kind == "comment":
            if mode != "display":
                hidden.append((token_start + 4, token_end))
        elif kind in ("link", "url"):
            url_start, url_end = match.span("url")
            if url_end > url_start and mode != "display":
                hidden.append((url_start, url_end))
        elif kind == "escape":
            builder.add(match.group()[1], token_start, token_end)
        elif kind == "entity":
            decoded = html.unescape(match.group())
            if decoded == match.group():
                builder.add(decoded, token_start, token_end, literal=True)
            else:
                builder.add("".join(_reader_char(c) for c in decoded), token_start, token_end)
        elif kind == "percent":
            decoded = unquote(match.group()) if mode == "url" else match.group()
            builder.add(decoded, token_start, token_end, literal=decoded == match.group())
        elif kind == "under":
            before = source[token_start - 1] if token_start > start else " "
            after = source[token_end] if token_end < end else " "
            if before.isalnum() and after.isalnum():  # snake_case and jo_bloggs stay as typed
                builder.add(match.group(), token_start, token_end, literal=True)
        elif kind == "bracket":
            if match.group() in "<>|":
                builder.add(" ", token_start, token_end)
        elif kind == "newline":
            if match.group().count("\n") > 1:
                builder.add("\n\n", token_start, token_end)
            else:
                keep = token_end >= end or _BLOCK_START_RE.match(source, token_end, end)
                builder.add("\n" if keep else " ", token_start, token_end)
        elif kind == "other":
            for index, char in enumerate(match.group(), token_start):
                folded = _reader_char(char)
                builder.add(folded, index, index + 1, literal=folded == char)


def reader_text(source: str, *, hidden: bool = False) -> ReaderText:
    """The text a reader sees of Markdown or rich-text HTML, traceable back to `source`.

    Markdown emphasis, code and link syntax vanish, HTML tags vanish (inline ones without a
    trace, so `07700 9<b>00</b>123` is one number), entities are decoded, Unicode is folded with
    NFKC, and zero-width and bidi control characters are dropped. Angle brackets that are not a
    known HTML tag are plain text: `<Dave Smith>` reads as "Dave Smith".
    """
    reader = ReaderText(source)
    if not source or not (_NEEDS_WORK_RE.search(source) or "|" in source or ">" in source):
        reader.text = source or ""
        return reader
    builder = _Builder(reader)
    spans: list[tuple[int, int]] = []
    _read(source, 0, len(source), builder, spans, "scan" if hidden else "display")
    for span_start, span_end in spans:
        builder.add("\n\n", span_start, span_start)
        _read(source, span_start, span_end, builder, [], "url")
    reader.text = "".join(builder.parts)
    return reader


_BLOCK_MARKER_RE = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|[-+][ \t]+|\d+[.)][ \t]+)", re.MULTILINE)
_TABLE_RULE_RE = re.compile(r"^[ \t:|-]*-{3,}[ \t:|-]*$\n?", re.MULTILINE)
_SPACES_RE = re.compile(r"[ \t]+")
_BLANK_LINES_RE = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown string as a reader sees it, for search, snippets, calendars and
    emails. Nothing is HTML-escaped: `Fish & chips` stays `Fish & chips`."""
    if not text:
        return ""
    visible = reader_text(text).text
    visible = _TABLE_RULE_RE.sub("", visible)
    visible = _BLOCK_MARKER_RE.sub("", visible)
    visible = _SPACES_RE.sub(" ", visible)
    visible = _BLANK_LINES_RE.sub("\n\n", visible)
    return "\n".join(line.strip() for line in visible.split("\n")).strip()
