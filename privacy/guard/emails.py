"""Email addresses, plain and obfuscated ("jane at example dot com")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.guard.findings import EMAIL, Finding
from privacy.guard.text import _finding, _lowered, _words

_EMAIL_RE = re.compile(
    r"(?<![\w.%+'-])[A-Za-z0-9][\w.%+'-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}\b"
)

_EMAIL_LOCAL_MAX = 64

_EMAIL_DOMAIN_MAX = 255


def _find_emails(text: str) -> Iterator[Finding]:
    # Search a window around each "@"; an address holds one "@", so windows stop at neighbours.
    searched_to = 0
    at = text.find("@")
    while at != -1:
        next_at = text.find("@", at + 1)
        start = max(searched_to, at - _EMAIL_LOCAL_MAX)
        end = min(at + _EMAIL_DOMAIN_MAX, len(text) if next_at == -1 else next_at)
        match = _EMAIL_RE.search(text, start, end)
        if match:
            yield _finding(EMAIL, match)
            searched_to = match.end()
        searched_to = max(searched_to, at + 1)
        at = next_at


# "jane at example dot com", "jane.smith (at) gmail (dot) com", "jane[at]outlook[dot]com",
# "jane @ hotmail.co.uk". Matched on the lower-cased text.
_OBFUSCATED_AT = ("[at]", "(at)", "{at}", "<at>", " at ", "@")

_OBF_DOT = r"(?:[ ]*[\[({<][ ]*dot[ ]*[\])}>][ ]*|[ ]+dot[ ]+|\.)"

_OBF_DOMAIN_RE = re.compile(
    rf"[ ]*(?P<domain>[a-z0-9][a-z0-9-]*(?:{_OBF_DOT}[a-z0-9][a-z0-9-]*){{1,4}})(?![a-z0-9-])"
)

_OBF_LOCAL_RE = re.compile(
    r"(?<![\w.+-])(?P<local>[a-z0-9][a-z0-9._+-]*(?:[ ]+dot[ ]+[a-z0-9][a-z0-9._+-]*){0,2})"
    r"[ ]*\Z"
)

_OBF_SPLIT_RE = re.compile(_OBF_DOT)

_TOP_LEVEL_DOMAINS = _words("com org net uk co gov nhs ac io me info eu biz scot wales london")

_MAIL_PROVIDERS = _words(
    """
    gmail googlemail hotmail outlook live yahoo icloud me aol btinternet sky virginmedia
    protonmail proton mail nhs talktalk ntlworld
    """
)


def _find_obfuscated_emails(text: str) -> Iterator[Finding]:
    lowered = _lowered(text)
    if "at" not in lowered and "@" not in text:
        return
    for separator in _OBFUSCATED_AT:
        at = lowered.find(separator)
        while at != -1:
            after = at + len(separator)
            finding = _obfuscated_email_at(text, lowered, at, after, separator)
            if finding:
                yield finding
            at = lowered.find(separator, after)


def _obfuscated_email_at(
    text: str, lowered: str, at: int, after: int, separator: str
) -> Finding | None:
    if separator == "@" and text[at - 1 : at] != " " and text[after : after + 1] != " ":
        return None  # a plain address: the email detector has it
    domain = _OBF_DOMAIN_RE.match(lowered, after)
    if not domain:
        return None
    labels = _OBF_SPLIT_RE.split(domain.group("domain"))
    if labels[-1] not in _TOP_LEVEL_DOMAINS:
        return None
    obfuscated = "dot" in domain.group("domain")
    if separator == " at " and not (obfuscated or labels[0] in _MAIL_PROVIDERS):
        return None  # "advice at gov.uk" is a website, not an address
    local = _OBF_LOCAL_RE.search(lowered, max(0, at - 64), at + (1 if separator == " at " else 0))
    if not local or local.group("local") in {"me", "us", "them", "him", "her", "you"}:
        return None
    start, end = local.start("local"), domain.end("domain")
    return Finding(EMAIL, start, end, text[start:end])
