"""Names without a title: a listed given name and a surname, an initial and a surname, a surname
first ("SMITH, Dave"), or any name after a label that says it is one ("Client name: Dave").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.guard.findings import NAME, Finding
from privacy.guard.lexicon import is_unlisted_name
from privacy.guard.name_words import (
    _NAME_PART,
    _NAMED_THING_WORDS,
    _NOT_CAPS_SURNAMES,
    _NOT_GIVEN_WORDS,
    _NOT_SURNAME_WORDS,
    _SURNAME,
    _is_given_name,
    _is_listed_surname,
    _is_named_thing,
    _is_surname_word,
)
from privacy.guard.person_cues import _is_person_word, _person_cue_after, _person_cue_before
from privacy.guard.text import (
    _LOWER,
    _UPPER,
    _capital_words,
    _finding,
    _lowered,
    _matches_at,
    _starts_word,
)
from privacy.names import AMBIGUOUS_GIVEN_NAMES, GIVEN_NAMES, SURNAMES

# Names without a title: a given name from `privacy.names` then a surname ("Dave Smith",
# "Mary-Jane O'Brien", "AISHA KHAN"); an initial then a listed surname ("J. Smith"); a surname
# first ("SMITH, Dave"); or any capitalised word after a label that says it is a name
# ("Client name: Dave", "known as Dazza").
# One pass finds both a capitalised word and an initial ("J." or "J") before another capital.
_GIVEN_CANDIDATE_RE = re.compile(
    rf"{_UPPER}(?<![\w'’.-].)(?P<word>{_LOWER}+(?:-{_UPPER}{_LOWER}+)?|[A-Z]+(?:-[A-Z]+)?)?"
    r"(?=\.?[ \u00a0]*[A-Z])"
)

_AFTER_GIVEN_RE = re.compile(
    r"[ \u00a0]+(?:(?P<middle>[A-Z]\.?|[A-Z][a-z]+|[A-Z]{2,})[ \u00a0]+)?"
    rf"(?P<surname>{_SURNAME})"
)

_AFTER_GIVEN_NO_MIDDLE_RE = re.compile(rf"[ \u00a0]+(?P<middle>)(?P<surname>{_SURNAME})")

_INITIALS_RE = re.compile(
    r"[A-Z](?<![\w.'’-].)"
    r"(?:\.[ \u00a0]?(?:[A-Z]\.[ \u00a0]?){0,2}|[ \u00a0](?=[A-Z](?:['’][A-Z])?[a-z]))"
    rf"(?P<surname>{_NAME_PART}(?:-{_NAME_PART})?)"
)

# Anchored on the comma; the surname before it is read back.
_SURNAME_FIRST_RE = re.compile(
    rf",(?<=[A-Za-z],)[ \u00a0]+(?P<given>{_UPPER}{_LOWER}+|[A-Z]{{2,}})(?![\w'’-])"
)

_SURNAME_BEFORE_COMMA_RE = re.compile(
    r"(?<![\w'’-])(?P<surname>[A-Z](?:['’][A-Z])?[A-Za-z]+(?:-[A-Z][A-Za-z]+)?)\Z"
)

# Cues found with str.find on the lower-cased text (a case-insensitive regex alternation would
# try every position); each is then checked against the original text.
_NAME_CUES = ("name", "known as", "also called", "aka", "a.k.a", "née", "nee")

_NAME_CUE_QUALIFIER_RE = re.compile(
    r"(?:first|full|last|sur|fore|given|maiden|christian|family|patient'?s?|client'?s?|person'?s|his|her|their|my"
    r"|tenant'?s?|resident'?s?|service[ ]user'?s?)[ ]?\Z",
    re.IGNORECASE,
)

_NAME_AFTER_CUE_RE = re.compile(
    r"\.?[ \t]*(?:[:=(–—-][ \t]*|is[ ]+|was[ ]+)?['‘“\"]?"
    rf"(?P<name>{_UPPER}{_LOWER}+(?:-{_UPPER}{_LOWER}+)?|[A-Z]{{2,}})"
    rf"(?:[ \u00a0]+(?P<more>{_UPPER}{_LOWER}+(?:-{_UPPER}{_LOWER}+)?|[A-Z]{{2,}}))?"
)

_NAME_WORDS = frozenset(("surname", "forename", "nickname", "firstname", "lastname", "fullname"))


def _is_name_cue(text: str, at: int, cue: str) -> bool:
    end = at + len(cue)
    if end < len(text) and (text[end].isalnum() or text[end] == "_"):
        return False
    if cue != "name":
        return _starts_word(text, at)
    if _starts_word(text, at):  # "first name", "client's name"; a bare "name" is too loose
        return bool(_NAME_CUE_QUALIFIER_RE.search(text, max(0, at - 16), at))
    word_start = at
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    return text[word_start:end].lower() in _NAME_WORDS


def _name_label_matches(text: str) -> Iterator[re.Match[str]]:
    lowered = _lowered(text)
    for cue in _NAME_CUES:
        at = lowered.find(cue)
        while at != -1:
            if _is_name_cue(text, at, cue):
                match = _NAME_AFTER_CUE_RE.match(text, at + len(cue))
                if match:
                    yield match
            at = lowered.find(cue, at + 1)


_GIVEN_NAME_FORMS = frozenset(
    form
    for name in GIVEN_NAMES | AMBIGUOUS_GIVEN_NAMES
    for form in (name, name.upper(), name.title())
)


def _could_be_given_name(word: str) -> bool:
    if len(word) == 1 or word in _GIVEN_NAME_FORMS:
        return True  # an initial, or "Dave", "DAVE"
    return "-" in word and any(part in GIVEN_NAMES for part in word.title().split("-"))


def _find_full_names(text: str) -> Iterator[Finding]:
    starts = [start for start, word in _capital_words(text) if _could_be_given_name(word)]
    for candidate in _matches_at(_GIVEN_CANDIDATE_RE, text, starts):
        if candidate.group("word") is None:
            initial = _INITIALS_RE.match(text, candidate.start())
            if initial and _is_initial_name(text, initial):
                yield _finding(NAME, initial)
            continue
        if text[candidate.end()] not in " \u00a0":
            continue
        given = candidate.group().title()
        ambiguous = given in AMBIGUOUS_GIVEN_NAMES
        if not ambiguous and (given in _NOT_GIVEN_WORDS or not _is_given_name(given)):
            continue
        rest = _AFTER_GIVEN_RE.match(text, candidate.end())
        if rest and rest.group("middle") and not _is_middle_name(rest):
            rest = _AFTER_GIVEN_NO_MIDDLE_RE.match(text, candidate.end())
        if not rest:
            continue
        surname = rest.group("surname")
        if candidate.group().isupper() != surname.isupper():
            continue
        if not _is_surname_word(surname.split("-")[0]):
            continue
        if ambiguous and not _is_listed_surname(surname):
            continue
        start, end = candidate.start(), rest.end()
        if _is_named_thing(text, start, end):
            continue
        yield Finding(NAME, start, end, text[start:end])


def _is_middle_name(rest: re.Match[str]) -> bool:
    middle = rest.group("middle").rstrip(".")
    surname = rest.group("surname")
    if surname.title() in _NAMED_THING_WORDS or not _is_surname_word(surname.split("-")[0]):
        return False
    return len(middle) == 1 or middle.title() in GIVEN_NAMES or middle.title() in SURNAMES


def _is_initial_name(text: str, match: re.Match[str]) -> bool:
    surname = match.group("surname")
    initials = text[match.start() : match.start("surname")]
    if not _is_listed_surname(surname):
        # "K. Okonjo", or "F Ashworth" where the words around say it is a person.
        if not _is_person_word(surname) or match.group()[0] in "AI":
            return False
        if "." not in initials and not (
            _person_cue_before(text, match.start()) or _person_cue_after(text, match.end())
        ):
            return False
    if "." not in initials and match.group()[0] in "AI":
        return False  # "A Ward round", "I Hughes"... an article or a pronoun, not an initial
    return not _is_named_thing(text, match.start(), match.end())


def _find_surname_first(text: str) -> Iterator[Finding]:
    for match in _SURNAME_FIRST_RE.finditer(text):
        given = match.group("given")
        before = _SURNAME_BEFORE_COMMA_RE.search(text, max(0, match.start() - 40), match.start())
        if not before:
            continue
        surname = before.group("surname")
        if given.isupper() and not surname.isupper():
            continue  # "Okonjo, NKECHI": capitals after a capitalised word are a list of labels
        listed_given = _is_given_name(given.title()) or given.title() in AMBIGUOUS_GIVEN_NAMES
        # "OKONJO, Nkechi", "OKONJO, NKECHI": a surname in capitals first, as case files write
        # it, before a given name on no list but no English word either.
        if not listed_given and not (
            surname.isupper()
            and is_unlisted_name(surname)
            and is_unlisted_name(given)
            and not _in_a_list(text, before.start(), match.end())
        ):
            continue
        if not (surname.isupper() and len(surname) > 1) and not _is_listed_surname(surname):
            continue
        if surname.isupper() and surname in _NOT_CAPS_SURNAMES:
            continue
        start, end = before.start(), match.end()
        yield Finding(NAME, start, end, text[start:end])


# "Partners: NACRO, NEPACS, SHELTER": a comma before or after the pair makes it a list.
_LIST_BEFORE_RE = re.compile(r"[,;&][ \u00a0]*\Z|\band[ \u00a0]+\Z")
_LIST_AFTER_RE = re.compile(r"[ \u00a0]*(?:[,;&]|and\b)[ \u00a0]*[A-Z]")


def _in_a_list(text: str, start: int, end: int) -> bool:
    before = _LIST_BEFORE_RE.search(text, max(0, start - 6), start)
    return bool(before or _LIST_AFTER_RE.match(text, end))


def _find_labelled_names(text: str) -> Iterator[Finding]:
    for match in _name_label_matches(text):
        name = match.group("name")
        if name.title() in _NOT_SURNAME_WORDS or name in _NOT_CAPS_SURNAMES:
            continue
        end = match.end("name")
        more = match.group("more")
        if more and _is_surname_word(more):
            end = match.end("more")
        start = match.start("name")
        if _is_named_thing(text, start, end):
            continue
        yield Finding(NAME, start, end, text[start:end])
