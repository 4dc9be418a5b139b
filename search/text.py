"""Words: tokenising, stop words and the English Snowball stemmer shared by indexing and querying.

The database backend (SQLite FTS5's unicode61 tokenizer) does no stemming, so each record also
carries a `stems` field and each query word is searched as itself OR its stem.
"""

import functools
import re
import threading

import snowballstemmer

from common.stop_words import STOP_WORDS

WORD = re.compile(r"[a-z0-9]+(?:[&'][a-z0-9]+)*")

# Words that carry the question, not its subject ("has anyone got a way round ..."): dropped
# from queries, never from records.
QUESTION_WORDS = frozenset(
    [
        "all",
        "also",
        "am",
        "any",
        "anything",
        "areas",
        "being",
        "cant",
        "couldnt",
        "didnt",
        "does",
        "doesnt",
        "doing",
        "done",
        "dont",
        "else",
        "even",
        "ever",
        "every",
        "go",
        "he",
        "her",
        "hers",
        "him",
        "his",
        "im",
        "isnt",
        "ive",
        "just",
        "kind",
        "know",
        "lot",
        "lots",
        "many",
        "may",
        "might",
        "more",
        "most",
        "much",
        "must",
        "other",
        "others",
        "please",
        "really",
        "shall",
        "she",
        "should",
        "shouldnt",
        "something",
        "still",
        "such",
        "these",
        "those",
        "thing",
        "things",
        "tips",
        "too",
        "us",
        "very",
        "way",
        "ways",
        "wont",
        "wouldnt",
        "youre",
        "theyre",
        "thats",
        "whats",
        "hes",
        "shes",
        "arent",
        "havent",
        "hasnt",
        "ideas",
        "idea",
        "tried",
        "try",
        "trying",
        "example",
        "examples",
        "out",
        "up",
        "back",
        "off",
        "over",
        "down",
    ]
)
# Multi-word openings of a question, removed wherever they occur (longest first).
QUESTION_PHRASES = tuple(
    sorted(
        (
            "how do we", "how do i", "how do you", "how do other areas", "how do others",
            "how can we", "how can i", "how can you", "how should we", "how to", "how are",
            "what works for", "what works when", "what works", "what helps", "what can we do",
            "what can be done", "what do we do", "what do you do", "what should we do",
            "what is there for", "is there a way to", "is there a way", "is there any",
            "is there", "are there any", "are there", "has anyone got", "has anyone tried",
            "has anyone solved", "has anyone", "have you got", "does anyone know",
            "does anyone have", "anyone know", "any ideas", "any tips", "tips for", "advice on",
            "looking for", "a way round", "way round", "ways to", "examples of",
            "good practice", "best practice", "i need", "we need", "can someone", "can anyone",
        ),
        key=lambda phrase: -len(phrase.split()),
    )
)  # fmt: skip
# Words so common in learning records that they rank little on their own.
GENERIC_WORDS = frozenset(
    [
        "people",
        "person",
        "service",
        "services",
        "support",
        "supported",
        "work",
        "working",
        "worker",
        "workers",
        "team",
        "teams",
        "staff",
        "client",
        "clients",
        "someone",
        "agency",
        "agencies",
        "system",
        "help",
        "needs",
        "need",
    ]
)
# Kept even though short or listed above: they mean something to practitioners.
NOT_STOP = frozenset({"no"})

_stemmers = threading.local()


def tokens(text: str | None) -> list[str]:
    """Lower-case words, keeping 'a&e' and "person's" together."""
    return WORD.findall((text or "").lower())


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The English (Porter2) Snowball stem, as Elasticsearch's `stemmer` filter and Wagtail use.

    Words with digits or '&' (a&e, 999, s136) are kept whole.
    """
    word = word.lower().replace("'", "")
    if not word.isalpha():
        return word
    stemmer = getattr(_stemmers, "english", None)
    if stemmer is None:
        # Snowball stemmers keep state while stemming: one per thread.
        stemmer = _stemmers.english = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)


def stems_text(*texts: str | None) -> str:
    """The distinct stems of some texts, space separated, for the `stems` search field."""
    seen = dict.fromkeys(stem(word) for text in texts for word in tokens(text))
    return " ".join(word for word in seen if word)


def is_stop_word(word: str) -> bool:
    return word in STOP_WORDS and word not in NOT_STOP


def is_question_word(word: str) -> bool:
    return is_stop_word(word) or word in QUESTION_WORDS
