"""Search quality: nDCG@k of the search service over a judged query set."""

import json
import math
from pathlib import Path

JUDGMENTS = Path(__file__).resolve().parent.parent / "tests" / "search" / "judgments.json"
CORPUS = JUDGMENTS.with_name("corpus.jsonl")


def dcg(grades):
    return sum((2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(grades))


def ndcg_at(ranked_ids, relevant, k=10):
    """nDCG@k for one query: `relevant` maps ids to grades (missing ids grade 0)."""
    ideal = dcg(sorted(relevant.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([relevant.get(record_id, 0) for record_id in ranked_ids[:k]]) / ideal


def evaluate(user, judgments_path=JUDGMENTS, k=10):
    """(mean nDCG@k, [(query, score)]) using `search.service.search_learning`."""
    from .service import search_learning

    queries = json.loads(Path(judgments_path).read_text(encoding="utf-8"))["queries"]
    scores = []
    for item in queries:
        page = search_learning(user, item["query"], page_size=k)
        ranked = [result.id for result in page.results]
        scores.append((item["query"], ndcg_at(ranked, item["relevant"], k)))
    mean = sum(score for _, score in scores) / len(scores)
    return mean, scores
