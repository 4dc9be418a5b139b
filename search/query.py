"""A search as people type it, turned into units of alternatives (synonyms, stems, spellings).

"how do we find MH hostels" drops the question ("how do we", "find" stays) and becomes units:
("find") AND ("mh" | "mental health") AND ("hostels" | "hostel" | "supported accommodation"...).
Each backend translates the same units: Wagtail query objects, an FTS5 MATCH string, or an
Elasticsearch bool; `search.ranking` then orders the candidates the same way on every backend.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wagtail.search.query import And, Or, Phrase, PlainText, SearchQuery

from .synonyms import synonym_table
from .text import GENERIC_WORDS, QUESTION_PHRASES, is_question_word, is_stop_word, stem, tokens

MAX_PHRASE_WORDS = 6
GENERIC_WEIGHT = 0.4
LOOSE_WEIGHT = 0.5
# In a description of a situation (this many units or more), a word the records never contain
# counts this much once corrected: the description rarely hangs on it, and a wrong correction
# ("shouts" -> "shut") would otherwise weigh as much as its subject.
LONG_QUERY_UNITS = 5
CORRECTION_WEIGHT_IN_LONG_QUERIES = 0.5
# Words naming a kind of record ("review of ...", "bright spots on ..."): a preference, not a
# word every result must contain.
KIND_WORDS = {
    "bright spot": "bright_spot",
    "bright spots": "bright_spot",
    "brightspot": "bright_spot",
    "what worked": "bright_spot",
    "review": "review",
    "reviews": "review",
    "after action review": "review",
    "after action reviews": "review",
    "aar": "review",
    "aars": "review",
    "lessons learned": "review",
    "lessons learnt": "review",
    "lessons": "review",
    "barrier": "barrier",
    "barriers": "barrier",
    "snag": "barrier",
    "snags": "barrier",
}


@dataclass
class Unit:
    """One thing the searcher asked for, and the phrases that mean the same."""

    text: str
    phrases: list[str] = field(default_factory=list)
    weight: float = 1.0

    def variants(self) -> list[str]:
        """Every phrase to match: each as typed and, for single words, its stem."""
        seen: list[str] = []
        for phrase in self.phrases:
            words = [w.replace("'", "") for w in tokens(phrase)]
            if not words:
                continue
            for variant in (" ".join(words), stem(words[0]) if len(words) == 1 else None):
                if variant and variant not in seen:
                    seen.append(variant)
        return seen


@dataclass
class LearningQuery:
    text: str
    units: list[Unit]
    operator: str = "and"
    kinds: list[str] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)  # word as typed -> the index's word
    # The words of each known phrase on their own: never required, they rank records that
    # have the words but not the phrase, and join the units when the search is widened.
    loose: list[Unit] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.units

    @property
    def corrected_text(self) -> str:
        """The query as typed with each correction applied, or "" when nothing was corrected."""
        if not self.corrections:
            return ""
        return " ".join(self.corrections.get(word, word) for word in _words(self.text))

    def words(self) -> list[str]:
        return [word for unit in self.units for v in unit.variants() for word in v.split()]

    def with_operator(self, operator: str) -> "LearningQuery":
        units = self.units + self.loose if operator == "or" else self.units
        loose = [] if operator == "or" else self.loose
        return LearningQuery(self.text, units, operator, self.kinds, self.corrections, loose)

    def ranking_units(self) -> list[Unit]:
        return self.units + self.loose

    def to_wagtail(self) -> SearchQuery:
        """The same query as Wagtail search query objects (used by every Wagtail backend)."""
        parts: list[SearchQuery] = []
        for unit in self.units:
            alternatives = [
                Phrase(variant) if " " in variant else PlainText(variant)
                for variant in unit.variants()
            ]
            parts.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
        if len(parts) == 1:
            return parts[0]
        return And(parts) if self.operator == "and" else Or(parts)

    def to_fts5(self) -> str:
        """An FTS5 MATCH expression over the title and body columns."""
        joiner = " AND " if self.operator == "and" else " OR "
        parts = []
        for unit in self.units:
            variants = [f'"{variant}"' for variant in unit.variants()]
            parts.append("(" + " OR ".join(variants) + ")")
        return "{title body} : (" + joiner.join(parts) + ")"


def _words(text: str) -> list[str]:
    """Tokens with apostrophes folded ("won't" -> "wont") and possessives dropped."""
    words: list[str] = []
    for word in tokens(text):
        if word.endswith("'s"):
            word = word[:-2]
        words.append(word.replace("'", ""))
    return words


def _drop_question(words: list[str]) -> list[str]:
    """The words without question openings ("how do we", "has anyone") wherever they occur."""
    kept: list[str] = []
    position = 0
    while position < len(words):
        for phrase in QUESTION_PHRASES:
            size = len(phrase.split())
            if " ".join(words[position : position + size]) == phrase:
                position += size
                break
        else:
            kept.append(words[position])
            position += 1
    return kept


def _kinds(words: list[str]) -> tuple[list[str], list[str]]:
    """(record kinds named in the words, the words without those names)."""
    kinds: list[str] = []
    kept: list[str] = []
    position = 0
    while position < len(words):
        for size in (3, 2, 1):
            phrase = " ".join(words[position : position + size])
            if phrase in KIND_WORDS:
                if KIND_WORDS[phrase] not in kinds:
                    kinds.append(KIND_WORDS[phrase])
                position += size
                break
        else:
            kept.append(words[position])
            position += 1
    return kinds, kept


def parse(
    text: str,
    synonyms: dict[str, Any] | None = None,
    speller: Callable[[str], str | None] | None = None,
) -> LearningQuery:
    """Split `text` into units: drop question scaffolding and stop words, join known phrases
    and add their synonyms; with `speller` (word -> correction or None), words the index has
    never seen are also searched as their correction."""
    table = synonym_table() if synonyms is None else synonyms
    typed = _words(text)
    words = _drop_question(typed) or typed
    kinds, rest = _kinds(words)
    # A kind word on its own ("reviews") is still what was asked for.
    words = rest if any(not is_question_word(w) for w in rest) else words
    # "commissioner" finds the synonyms of "commissioners": single words also match by stem.
    by_stem = {stem(key): key for key in table if " " not in key}
    units = []
    position = 0
    while position < len(words):
        for size in range(min(MAX_PHRASE_WORDS, len(words) - position), 0, -1):
            phrase = " ".join(words[position : position + size])
            key = phrase if phrase in table else by_stem.get(stem(phrase)) if size == 1 else None
            if key:
                units.append(Unit(phrase, [phrase, *table[key]]))
                position += size
                break
        else:
            word = words[position]
            weight = GENERIC_WEIGHT if word in GENERIC_WORDS else 1.0
            units.append(Unit(word, [word], weight))
            position += 1
    meaningful = [u for u in units if " " in u.text or not is_question_word(u.text)]
    if not meaningful:
        meaningful = [u for u in units if " " in u.text or not is_stop_word(u.text)] or units
    corrections = {}
    if speller is not None:
        for unit in meaningful:
            if " " in unit.text or len(unit.phrases) > 1:
                continue
            correction = speller(unit.text)
            if correction and len(meaningful) >= LONG_QUERY_UNITS:
                unit.weight *= CORRECTION_WEIGHT_IN_LONG_QUERIES
            if correction:
                corrections[unit.text] = correction
                unit.phrases.append(correction)
                unit.phrases.extend(table.get(correction, []))
    single = {unit.text for unit in meaningful if " " not in unit.text}
    loose = []
    for unit in meaningful:
        if " " not in unit.text:
            continue
        for word in unit.text.split():
            if not is_question_word(word) and word not in single:
                single.add(word)
                weight = GENERIC_WEIGHT if word in GENERIC_WORDS else LOOSE_WEIGHT
                loose.append(Unit(word, [word], weight))
    return LearningQuery(text, meaningful, kinds=kinds, corrections=corrections, loose=loose)
