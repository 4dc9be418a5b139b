"""Words: tokenising, stop words and a light English stemmer shared by indexing and querying.

The database backend (SQLite FTS5's unicode61 tokenizer) does no stemming, so each record also
carries a `stems` field and each query word is searched as itself OR its stem.
"""

import functools
import re

WORD = re.compile(r"[a-z0-9]+(?:[&'][a-z0-9]+)*")

STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "get",
        "getting",
        "got",
        "had",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "so",
        "some",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "anyone",
        "someone",
        "somebody",
        "anybody",
        "help",
        "helped",
    ]
)
# Kept even though short or listed above: they mean something to practitioners.
NOT_STOP = frozenset({"no"})

_SUFFIXES = (
    ("ational", "ate"),
    ("ization", "ize"),
    ("isation", "ise"),
    ("ements", ""),
    ("ement", ""),
    ("ments", ""),
    ("ment", ""),
    ("ings", ""),
    ("ing", ""),
    ("ness", ""),
    ("ities", ""),
    ("ity", ""),
    ("ions", ""),
    ("ion", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ers", ""),
    ("er", ""),
    ("ed", ""),
    ("es", ""),
    ("ly", ""),
    ("s", ""),
)


def tokens(text):
    """Lower-case words, keeping 'a&e' and "person's" together."""
    return WORD.findall((text or "").lower())


@functools.lru_cache(maxsize=100_000)
def stem(word):
    """A deliberately light stemmer: strips common suffixes, keeps at least four letters."""
    word = word.lower().replace("'", "")
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix):
            base = word[: -len(suffix)] + replacement
            if len(base) >= 4:
                word = base
                break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "ls":
        word = word[:-1]
    if word.endswith("e") and len(word) > 5:
        word = word[:-1]
    return word


def stems_text(*texts):
    """The distinct stems of some texts, space separated, for the `stems` search field."""
    seen = dict.fromkeys(stem(word) for text in texts for word in tokens(text))
    return " ".join(word for word in seen if word)


def is_stop_word(word):
    return word in STOP_WORDS and word not in NOT_STOP
