"""Names told apart by context: a given name alone, or names on no list where the words around say
it is a person, less the pseudonyms the writer declares.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.guard.findings import NAME, Finding
from privacy.guard.lexicon import is_english, is_unlisted_name
from privacy.guard.name_words import _NAME_WORD, _is_clear_given_name, _is_named_thing
from privacy.guard.person_cues import (
    _EVERYDAY_SURNAMES,
    _NOT_PERSON_WORDS,
    _is_person_word,
    _label_before,
    _person_cue_after,
    _person_cue_before,
)
from privacy.guard.text import _LOWER, _UPPER, _capital_words, _lowered, _matches_at, _words
from privacy.names import GIVEN_NAMES, SURNAMES

# Starts on the capital, so the regex engine skips to candidates; the word-start check follows.
_NAME_RUN_RE = re.compile(
    rf"{_UPPER}(?<![\w'’.&-].)"
    rf"(?:(?:['’]{_UPPER})?{_LOWER}+(?:{_UPPER}{_LOWER}+)?(?:-{_UPPER}{_LOWER}+)?"
    r"|(?:['’][A-Z])?[A-Z]+(?:-[A-Z]+)?)"
    rf"(?:[ \u00a0](?:{_NAME_WORD})){{0,2}}(?![\w])"
)

# "called Sam in this review", "Sam (not her real name)", "pseudonym Sam": a name the writer
# made up is not an identifier, wherever it appears in the text.
_PSEUDONYM_RES = (
    re.compile(
        rf"(?:pseudonym|alias|known[ ]here[ ]as)[ :]+(?P<name>{_UPPER}{_LOWER}+)"
        rf"|called[ ]+(?P<called>{_UPPER}{_LOWER}+)[ ,]+(?:in|for)[ ]+th(?:is|e)[ ]",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?P<name>{_UPPER}{_LOWER}+)[ ,]*\(?(?:not[ ](?:his|her|their)[ ]real[ ]name"
        r"|a[ ]pseudonym|an[ ]alias|name[ ]changed)",
        re.IGNORECASE,
    ),
)

_PSEUDONYM_CUES = ("pseudonym", "alias", "real name", "called", "known here", "name changed")


def _declared_pseudonyms(text: str) -> set[str]:
    lowered = _lowered(text)
    if not any(cue in lowered for cue in _PSEUDONYM_CUES):
        return set()
    return {
        match.group("name") or match.group("called")
        for pattern in _PSEUDONYM_RES
        for match in pattern.finditer(text)
    }


def _find_context_names(text: str) -> Iterator[Finding]:
    pseudonyms = _declared_pseudonyms(text)
    # Most capitalised words open a sentence or name a service: no run starts there.
    starts = [start for start, word in _capital_words(text) if word not in _NOT_PERSON_WORDS]
    for run in _matches_at(_NAME_RUN_RE, text, starts):
        group = run.group()
        if " " in group or "\u00a0" in group:
            if all(word in _NOT_PERSON_WORDS for word in group.split()):
                continue  # "Universal Credit", "Change Grow Live"
            span = _name_in_run(text, run, pseudonyms)
            if span is None:
                continue
            start, end = span
        else:
            start, end = run.span()
            if not _is_lone_name(text, group, start, end, pseudonyms):
                continue
        if _LABEL_NUMBER_RE.match(text, end) or _is_named_thing(text, start, end):
            continue  # "Phase 2", "Bay 12": a label before a number
        yield Finding(NAME, start, end, text[start:end])


# Staff named by role ("Nurse Patel", "Social worker Sarah") get the blameless-language hint
# (barriers/forms.py), which asks for the team or process instead, not a refusal.
_STAFF_ROLE_WORDS = _words(
    """
    nurse doctor worker keyworker caseworker manager officer consultant psychiatrist receptionist
    sergeant inspector councillor gp pc
    """
)


def _after_staff_role(text: str, start: int) -> bool:
    words = text[max(0, start - 20) : start].split()
    return bool(words) and words[-1].lower().rstrip(".") in _STAFF_ROLE_WORDS


def _is_lone_name(text: str, word: str, start: int, end: int, pseudonyms: set[str]) -> bool:
    """One capitalised word: a listed given name, or any name in a person's context."""
    if word.isupper():
        # A word in capitals is an abbreviation more often than a name, but for a label.
        return _is_person_word(word) and _label_before(text, start)
    if not _is_person_word(word) or word in pseudonyms:
        return False
    if _after_staff_role(text, start):
        return False  # "Social worker Sarah": the blameless-language hint asks for the service
    if start == 0 and end == len(text):
        return False  # a field holding one word only: an alias the person chose, not a name
    if _looks_plural(word) and word not in GIVEN_NAMES:
        return False  # "Files kept", "Doctors said"
    # A given name from the list alone ("Sarah", not "Grace") is a person wherever it is.
    return (
        _is_clear_given_name(word)
        or _person_cue_after(text, end)
        or _person_cue_before(text, start)
        or (is_unlisted_name(word) and _visit_verb_before(text, start))
    )


# Verbs that take a person or a place ("visited Nkechi", "visited Gateshead") far more often than
# a service or a thing: a word after one that is no English word and no place is a person.
# "rang", "emailed", "referred" and "offered" take services and medicines ("rang Nepacs",
# "offered Buvidal") as often, so they are not here.
_VISIT_VERBS = _words("visited visiting visit saw seeing housed rehoused supported supporting")


def _visit_verb_before(text: str, start: int) -> bool:
    words = text[max(0, start - 20) : start].split()
    return bool(words) and text[start - 1 : start].isspace() and words[-1].lower() in _VISIT_VERBS


def _name_in_run(text: str, run: re.Match[str], pseudonyms: set[str]) -> tuple[int, int] | None:
    """The span of a name in two or three capitalised words, if it is one."""
    words = run.group().split()
    start = run.start()
    # "When Tobias arrived": sentence openers and other non-names fall away from the front.
    while words and not _is_person_word(words[0]):
        start = text.index(words[1], start + len(words[0])) if len(words) > 1 else run.end()
        words.pop(0)
    if not words:
        return None
    # "Sarah Monday", "Tobias Fairweather Court": the name ends before a non-name word.
    for index, word in enumerate(words[1:], 1):
        if not _is_person_word(word):
            words = words[:index]
            break
    end = text.index(words[-1], start) + len(words[-1])
    if len(words) == 1:
        return (start, end) if _is_lone_name(text, words[0], start, end, pseudonyms) else None
    last = words[-1].split("-")[0].title()
    listed_surname = (
        last in SURNAMES or words[-1].title() in SURNAMES
    ) and last not in _EVERYDAY_SURNAMES
    if (
        listed_surname
        or _person_cue_before(text, start)
        or _person_cue_after(text, end, len(words))
        or _reads_as_name(words)
    ):
        return start, end
    return None


def _reads_as_name(words: list[str]) -> bool:
    """Two or three capitalised words that are no English word, place or service: a name.

    "Fenella Grimshaw" as a heading, a table cell, link text or "NKECHI OKONJO" in capitals; a
    listed given name counts as a first word ("Jessica Okonjo").
    """
    if len({word.isupper() for word in words}) > 1 and not _surname_in_capitals(words):
        return False  # "MARAC Fenella": capitals then a name is a label, not one name
    if len(words) == 2 and _is_surname_shaped(words[1]) and len(words[0]) > 2:
        return True  # "Brogan O'Driscoll", "BROGAN MCALLISTER-REID"
    first_ok = is_unlisted_name(words[0]) or (len(words[0]) > 1 and _is_clear_given_name(words[0]))
    return first_ok and all(is_unlisted_name(word) for word in words[1:])


# O'Driscoll, D'Souza (in any case); McAllister, MacLeod (not in capitals: "MACHINE").
def _surname_in_capitals(words: list[str]) -> bool:
    """ "Nkechi OKONJO": a given name then the surname in capitals, as NHS records print it."""
    return not words[0].isupper() and all(word.isupper() for word in words[1:])


_APOSTROPHE_SURNAME_RE = re.compile(r"[OD]['’][A-Z][A-Za-z]+", re.IGNORECASE)
_MAC_SURNAME_RE = re.compile(r"Ma?c[A-Z][a-z]+")


def _is_surname_shaped(word: str) -> bool:
    """O'Driscoll, D'Souza, McAllister, or a double barrel of names ("Smith-Jones")."""
    if _APOSTROPHE_SURNAME_RE.fullmatch(word) and not is_english(word[2:]):
        return True  # O'Hara, D'SOUZA; not "O'CLOCK"
    if _MAC_SURNAME_RE.match(word) and not is_english(word.split("-")[0]):
        return True
    return "-" in word and is_unlisted_name(word)


_LABEL_NUMBER_RE = re.compile(r"[ \u00a0]*\d")


def _looks_plural(word: str) -> bool:
    # Names end in -as, -us, -is, -os, -ss (Tobias, Marcus, Iris, Ross); plural nouns do not.
    return word.endswith("s") and not word.endswith(("as", "us", "is", "os", "ss"))
