"""Word statistics of the learning records, for ranking and spelling suggestions: document
frequencies of stems and of words as written (`CorpusStats`), and keeping a build in a file
(settings.SEARCH_STATS_FILE) so the first search of a new process need not build them again.
`search.ranking.corpus_stats` decides when to build, load or store them.
"""

import difflib
import json
import math
import os
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from .models import LearningRecord
from .text import stem

# A stored build is used by a new process while the records' count and newest id are unchanged
# and it is younger than this (edits to existing records change the statistics very little).
STATS_FILE_TTL = 6 * 3600


@dataclass
class CorpusStats:
    """Document frequencies of stems and of words as written, over the records (or a sample)."""

    documents: int = 0
    stem_df: dict[str, int] = field(default_factory=dict)
    word_df: dict[str, int] = field(default_factory=dict)
    by_initial: dict[str, list[str]] = field(default_factory=dict)

    def idf(self, df: int) -> float:
        n = max(self.documents, 1)
        df = min(df, n)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def knows(self, word: str) -> bool:
        return word in self.word_df or stem(word) in self.stem_df

    def correction(self, word: str) -> str | None:
        """The records' nearest word to one they never contain, or None."""
        if len(word) < 4 or not word.isalpha() or self.knows(word):
            return None
        candidates = [
            known for known in self.by_initial.get(word[0], ()) if abs(len(known) - len(word)) <= 2
        ]
        close = difflib.get_close_matches(word, candidates, n=5, cutoff=0.75)
        if not close:
            return None
        matcher = difflib.SequenceMatcher(a=word)

        def closeness(known: str) -> tuple[float, int]:
            matcher.set_seq2(known)
            return (round(matcher.ratio(), 2), self.word_df.get(known, 0))

        return max(close, key=closeness)


def stats_identity(newest: int) -> dict[str, Any]:
    """What a stored build must match: this database, its newest record and its record count."""
    return {
        "database": str(connection.settings_dict["NAME"]),
        "newest": newest,
        "records": LearningRecord.objects.count(),
    }


def stats_path() -> Path | None:
    path = getattr(settings, "SEARCH_STATS_FILE", None)
    return Path(path) if path else None


def load_stats(newest: int) -> CorpusStats | None:
    """The stored build, if it was made from the records as they are now; else None."""
    path = stats_path()
    if path is None or not path.exists():
        return None
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    fresh = time.time() - stored.get("built", 0) < STATS_FILE_TTL
    if not fresh or stored.get("identity") != stats_identity(newest):
        return None
    return CorpusStats(**stored["stats"])


def store_stats(newest: int, stats: CorpusStats) -> None:
    """Keep a build for the next process (written whole, then renamed into place)."""
    path = stats_path()
    if path is None:
        return
    payload = {"identity": stats_identity(newest), "built": time.time(), "stats": asdict(stats)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as output:
            json.dump(payload, output)
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only disk only costs the next process a rebuild
