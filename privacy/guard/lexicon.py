"""Is a capitalised word a name, judged by the words it is not?

A name is a word that is in no dictionary: "Fenella Grimshaw" in a heading, a table cell or link
text has no title and no verb around it, but neither word is English, a service, a place or the
domain vocabulary, so together they are a person. The English words come from
privacy/data/english_words.txt (lower-case SCOWL words, see its header); places are the UK towns,
cities and areas (privacy/data/uk_places.txt), which are in no English dictionary either.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from privacy.guard.text import _words

_ENGLISH_FILE = Path(__file__).resolve().parents[1] / "data" / "english_words.txt"
_INFLECTIONS = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "'s", "’s")


def _english_words() -> frozenset[str]:
    with _ENGLISH_FILE.open(encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if not line.startswith("#"))


ENGLISH_WORDS = _english_words()

_PLACES_FILE = _ENGLISH_FILE.with_name("uk_places.txt")


def _uk_places() -> frozenset[str]:
    with _PLACES_FILE.open(encoding="utf-8") as lines:
        return frozenset(
            word for line in lines if not line.startswith("#") for word in line.split()
        )


# UK places, which are in no dictionary either: as a pair ("Milton Keynes", "Tower Hamlets",
# "Hammersmith Fulham") they must not read as a name.
UK_PLACES = _uk_places()


# Medicines and case-record systems a learning record names, in no dictionary either.
PRODUCTS = frozenset(
    word.lower()
    for word in _words(
        """
    Buvidal Espranor Subutex Suboxone Prenoxad Nyxoid Naloxone Methadone Physeptone Pregabalin
    Gabapentin Diazepam Olanzapine Quetiapine Sertraline Mirtazapine Zopiclone Fentanyl Tramadol
    Nitazene Nitazenes Xylazine Clozapine Aripiprazole Lorazepam Chlordiazepoxide Librium
    Mosaic Liquidlogic SystmOne Servelec Civica Capita Northgate Azeus Lagan Carefirst Eclipse
    Rio Emis Nhsmail Egress Docusign Salesforce Airtable Mailchimp Zoom Whatsapp Jobcentre
    """
    )
)


def is_english(word: str) -> bool:
    """True when `word`, in any case, is an English word or an inflection of one."""
    lowered = word.lower().replace("’", "'")
    if lowered in ENGLISH_WORDS:
        return True
    return any(
        lowered.endswith(ending) and lowered[: -len(ending)] in ENGLISH_WORDS
        for ending in _INFLECTIONS
    )


# Speed: the same capitalised words come back in every record (headings, services, places).
@lru_cache(maxsize=8192)
def is_unlisted_name(word: str) -> bool:
    """True when `word` reads as a name because it is no English word, place or acronym.

    "Okonjo", "OKONJO", "O'Driscoll", "Smith-Jones", "McAllister-Reid": capitals are folded
    first; an apostrophe or a double-barrel makes a surname whatever its parts are, unless the
    whole or every part is English ("Non-Executive", "Co-Op" are not names).
    """
    if len(word) < 3 or word.title() in UK_PLACES or word.lower() in PRODUCTS:
        return False
    if word.isupper() and (len(word) < 4 or not any(vowel in word for vowel in "AEIOUY")):
        return False  # "NHS", "ESA", "CMHT": an acronym
    parts = word.split("-")
    if len(parts) > 1:
        return not is_english(word) and any(not is_english(part) for part in parts)
    if "'" in word or "’" in word:
        head, _, tail = word.replace("’", "'").partition("'")
        # O'Brien, D'Souza; not "Mungo's" or "O'Clock"
        return len(head) == 1 and len(tail) > 1 and not is_english(tail)
    return not is_english(word)
