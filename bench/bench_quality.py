"""Search quality: nDCG@10 by kind of query on the judged set's development and test halves,
against a plain BM25 baseline over the same records, and the old regression set.

Each judged corpus is imported through the importer into a new database of its own
(var/bench_quality*.sqlite3). Ranking goes through `search.service.search_learning`.
"""

import json
import os
import sys
from pathlib import Path

from bench import run_child

ROOT = Path(__file__).resolve().parent.parent
DB_PATH = ROOT / "var" / "bench_quality.sqlite3"
REGRESSION_DB_PATH = ROOT / "var" / "bench_quality_regression.sqlite3"


def child():
    import django

    django.setup()
    from django.core.management import call_command

    from people.models import User
    from search import evaluation
    from search.interchange import import_lines
    from search.models import LearningRecord

    regression = os.environ.get("BENCH_QUALITY_SET") == "regression"
    call_command("migrate", verbosity=0)
    corpus = evaluation.CORPUS if regression else evaluation.JUDGED_CORPUS
    with open(corpus, encoding="utf-8") as handle:
        import_lines(handle)
    user = User.objects.create(username="bench-quality")
    ours = evaluation.service_ranking(user)
    baseline = evaluation.PlainBM25(LearningRecord.objects.all()).rank
    halves = (
        {"regression": evaluation.JUDGMENTS}
        if regression
        else {"development": evaluation.DEVELOPMENT, "test": evaluation.TEST}
    )
    result = {"records": LearningRecord.objects.count()}
    for name, path in halves.items():
        result[name] = {
            "search": evaluation.score(ours, path),
            "bm25": evaluation.score(baseline, path),
        }
    print(json.dumps(result))


def _child(database, judged_set):
    database.unlink(missing_ok=True)
    os.environ["BENCH_QUALITY_SET"] = judged_set
    try:
        return run_child("bench.bench_quality", database)
    finally:
        del os.environ["BENCH_QUALITY_SET"]


def run():
    data = _child(DB_PATH, "judged")
    regression = _child(REGRESSION_DB_PATH, "regression")
    rows = []
    for half in ("test", "development"):
        ours, bm25 = data[half]["search"], data[half]["bm25"]
        count = len(ours["scores"])
        rows.append(
            {
                "measure": f"{half.capitalize()} half, {count} queries: nDCG@10 overall",
                "result": f"{ours['mean']:.3f} (BM25 {bm25['mean']:.3f})",
                "target": ">= 0.85, >= BM25 + 0.15" if half == "test" else "",
            }
        )
        for kind, value in ours["kinds"].items():
            kind_count = sum(1 for _q, k, _s in ours["scores"] if k == kind)
            rows.append(
                {
                    "measure": f"{half.capitalize()} half: {kind} ({kind_count})",
                    "result": f"{value:.3f} (BM25 {bm25['kinds'][kind]:.3f})",
                    "target": ">= 0.75" if half == "test" and kind == "question" else "",
                }
            )
    old = regression["regression"]["search"]
    rows.append(
        {
            "measure": f"Regression set ({len(old['scores'])} queries, tuned on)",
            "result": f"{old['mean']:.3f} (BM25 {regression['regression']['bm25']['mean']:.3f})",
            "target": ">= 0.85",
        }
    )
    worst = sorted(data["test"]["search"]["scores"], key=lambda item: item[2])[:5]
    return {
        "title": "Search quality",
        "rows": rows,
        "notes": (
            f"The judged set (tests/search/judged: {data['records']} records, graded 0-3 by "
            "topic) imported into a new SQLite database; the test half is scored, never tuned "
            "on. BM25 is `search.evaluation.PlainBM25` over the same records (words as typed, "
            "no stemming, synonyms or field weights). Lowest test queries: "
            + "; ".join(f"“{query}” {score:.2f}" for query, _kind, score in worst)
            + ". See docs/search.md."
        ),
    }


if __name__ == "__main__":
    if sys.argv[1:] == ["child"]:
        child()
    else:
        print(json.dumps(run(), indent=2))
