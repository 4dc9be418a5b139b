"""A search as people type it, turned into units of alternatives (synonyms, stems).

"MH hostels" becomes two units: ("mh" | "mental health") AND ("hostels" | "hostel"). Each backend
translates the same units: Wagtail query objects, an FTS5 MATCH string, or an Elasticsearch bool.
"""

from dataclasses import dataclass, field

from wagtail.search.query import And, Or, Phrase, PlainText

from .synonyms import synonym_table
from .text import is_stop_word, stem, tokens

MAX_PHRASE_WORDS = 5


@dataclass
class Unit:
    """One thing the searcher asked for, and the phrases that mean the same."""

    text: str
    phrases: list = field(default_factory=list)

    def variants(self):
        """Every phrase to match: each as typed and, for single words, its stem."""
        seen = []
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
    units: list
    operator: str = "and"

    @property
    def is_empty(self):
        return not self.units

    def words(self):
        return [word for unit in self.units for v in unit.variants() for word in v.split()]

    def with_operator(self, operator):
        return LearningQuery(self.text, self.units, operator)

    def to_wagtail(self):
        """The same query as Wagtail search query objects (used by every Wagtail backend)."""
        parts = []
        for unit in self.units:
            alternatives = [
                Phrase(variant) if " " in variant else PlainText(variant)
                for variant in unit.variants()
            ]
            parts.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
        if len(parts) == 1:
            return parts[0]
        return And(parts) if self.operator == "and" else Or(parts)

    def to_fts5(self):
        """An FTS5 MATCH expression over the title and body columns."""
        joiner = " AND " if self.operator == "and" else " OR "
        parts = []
        for unit in self.units:
            variants = [f'"{variant}"' for variant in unit.variants()]
            parts.append("(" + " OR ".join(variants) + ")")
        return "{title body} : (" + joiner.join(parts) + ")"


def parse(text, synonyms=None):
    """Split `text` into units, joining known multi-word phrases and dropping stop words."""
    table = synonym_table() if synonyms is None else synonyms
    words = [w.replace("'", "") if "'" in w and not w.endswith("'s") else w for w in tokens(text)]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    units = []
    position = 0
    while position < len(words):
        for size in range(min(MAX_PHRASE_WORDS, len(words) - position), 0, -1):
            phrase = " ".join(words[position : position + size])
            if phrase in table:
                units.append(Unit(phrase, [phrase, *table[phrase]]))
                position += size
                break
        else:
            word = words[position]
            units.append(Unit(word, [word]))
            position += 1
    meaningful = [unit for unit in units if not (" " not in unit.text and is_stop_word(unit.text))]
    return LearningQuery(text, meaningful or units)
