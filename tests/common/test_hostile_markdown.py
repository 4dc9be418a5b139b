"""Hundreds of hostile payloads through the Markdown renderer leave nothing that could run."""

import re
from html.parser import HTMLParser

import pytest

from common.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown
from tests.common.hostile import corpus

SAFE_SCHEMES = {"http", "https", "mailto"}
# nh3 keeps `title` and `lang` on any element (its generic attributes): text, never run.
GENERIC_ATTRIBUTES = {"title", "lang"}


def scheme(url):
    """The URL's scheme as a browser reads it (tabs and newlines dropped), or None if relative."""
    cleaned = re.sub(r"^[\x00-\x20]+|[\x00-\x20]+$", "", re.sub(r"[\t\n\r]", "", url))
    found = re.match(r"([a-z][a-z0-9+.-]*):", cleaned.lower())
    return found.group(1) if found else None


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html):
    parser = Elements()
    parser.feed(html)
    return parser.found


def test_the_corpus_is_large():
    assert len(corpus()) >= 300


@pytest.mark.parametrize("payload", corpus())
def test_payload_renders_to_allowed_markup_only(payload):
    html = render_markdown(payload)
    for tag, attrs in elements(html):
        assert tag in ALLOWED_TAGS, html
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | GENERIC_ATTRIBUTES | {"rel"}
        assert set(attrs) <= allowed, html
        for name in ("href", "src"):
            if name in attrs:
                assert scheme(attrs[name]) in SAFE_SCHEMES | {None}, html
        if tag == "a" and "href" in attrs:
            assert set(attrs["rel"].split()) >= {"nofollow", "noopener"}, html
