"""Search quality: nDCG@k of the search service over judged query sets, by kind of query.

Two judged sets live under tests/search: the small regression set (corpus.jsonl and
judgments.json, tuned on long ago) and the judged set that measures (judged/: a 340-record
corpus, a development half ranking is tuned on and a test half that is only scored). A plain
BM25 ranking over the same records is the baseline each result is compared with.
"""

import collections
import json
import math
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .text import tokens

TESTS = Path(__file__).resolve().parent.parent / "tests" / "search"
JUDGMENTS = TESTS / "judgments.json"
CORPUS = TESTS / "corpus.jsonl"
JUDGED_CORPUS = TESTS / "judged" / "corpus.jsonl"
DEVELOPMENT = TESTS / "judged" / "dev.json"
TEST = TESTS / "judged" / "test.json"

# A ranking: from a query's text to the external ids it puts first.
Ranking = Callable[[str], list[str]]


def dcg(grades: Iterable[int]) -> float:
    return sum((2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(grades))


def ndcg_at(ranked_ids: list[str], relevant: dict[str, int], k: int = 10) -> float:
    """nDCG@k for one query: `relevant` maps ids to grades (missing ids grade 0)."""
    ideal = dcg(sorted(relevant.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([relevant.get(record_id, 0) for record_id in ranked_ids[:k]]) / ideal


def load_queries(path: str | Path) -> list[dict[str, Any]]:
    return json.loads(Path(path).read_text(encoding="utf-8"))["queries"]


def service_ranking(user: Any, k: int = 10) -> Ranking:
    """A function from query text to the external ids `search_learning` ranks first."""
    from .service import search_learning

    def rank(text: str) -> list[str]:
        return [result.id for result in search_learning(user, text, page_size=k).results]

    return rank


def score(rank: Ranking, judgments_path: str | Path, k: int = 10) -> dict[str, Any]:
    """{"mean", "kinds": {kind: mean}, "scores": [(query, kind, nDCG)]} for one ranking."""
    scores = []
    for item in load_queries(judgments_path):
        ranked = rank(item["query"])
        scores.append((item["query"], item.get("kind", ""), ndcg_at(ranked, item["relevant"], k)))
    by_kind = collections.defaultdict(list)
    for _query, kind, value in scores:
        by_kind[kind].append(value)
    return {
        "mean": sum(value for _q, _k, value in scores) / len(scores),
        "kinds": {kind: sum(values) / len(values) for kind, values in sorted(by_kind.items())},
        "scores": scores,
    }


def evaluate(
    user: Any, judgments_path: str | Path = JUDGMENTS, k: int = 10
) -> tuple[float, list[tuple[str, float]]]:
    """(mean nDCG@k, [(query, score)]) using `search.service.search_learning`."""
    result = score(service_ranking(user, k), judgments_path, k)
    return result["mean"], [(query, value) for query, _kind, value in result["scores"]]


class PlainBM25:
    """Okapi BM25 (k1 1.2, b 0.75) over each record's whole text, words as typed: no stemming,
    synonyms, field weights or query rewriting. The baseline the judged sets compare with."""

    def __init__(self, records: Iterable[Any], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.documents: list[tuple[str, collections.Counter[str], int]] = []
        frequencies: collections.Counter[str] = collections.Counter()
        for record in records:
            words = collections.Counter(
                tokens(" ".join([record.title, record.summary, record.keywords, record.body]))
            )
            self.documents.append((record.external_id, words, sum(words.values())))
            frequencies.update(words.keys())
        count = max(len(self.documents), 1)
        self.average = sum(length for _i, _w, length in self.documents) / count
        self.idf = {
            word: math.log(1 + (count - df + 0.5) / (df + 0.5)) for word, df in frequencies.items()
        }

    def rank(self, text: str, k: int = 10) -> list[str]:
        words = [word for word in tokens(text) if word in self.idf]
        scored = []
        for external_id, counts, length in self.documents:
            total = 0.0
            for word in words:
                tf = counts.get(word)
                if tf:
                    norm = self.k1 * (1 - self.b + self.b * length / self.average)
                    total += self.idf[word] * tf * (self.k1 + 1) / (tf + norm)
            if total:
                scored.append((-total, external_id))
        return [external_id for _s, external_id in sorted(scored)[:k]]
