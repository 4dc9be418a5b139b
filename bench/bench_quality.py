"""Search quality: mean nDCG@10 over the judged queries (tests/search/judgments.json).

Runs in a child process against a new database (var/bench_quality.sqlite3) holding only the
judged corpus (tests/search/corpus.jsonl), imported through the importer.
"""

import json
import sys
from pathlib import Path

from bench import run_child

ROOT = Path(__file__).resolve().parent.parent
DB_PATH = ROOT / "var" / "bench_quality.sqlite3"


def child():
    import django

    django.setup()
    from django.core.management import call_command

    from people.models import User
    from search.evaluation import CORPUS, evaluate
    from search.interchange import import_lines

    call_command("migrate", verbosity=0)
    with open(CORPUS, encoding="utf-8") as handle:
        import_lines(handle)
    user = User.objects.create(username="bench-quality")
    mean, scores = evaluate(user)
    print(json.dumps({"mean": mean, "scores": scores}))


def run():
    DB_PATH.unlink(missing_ok=True)
    data = run_child("bench.bench_quality", DB_PATH)
    scores = data["scores"]
    worst = sorted(scores, key=lambda item: item[1])[:5]
    return {
        "title": "Search quality",
        "rows": [
            {
                "measure": f"Mean nDCG@10 over {len(scores)} judged queries (SQLite)",
                "result": f"{data['mean']:.2f}",
                "target": ">= 0.85 (the test's floor)",
            },
            {
                "measure": "Queries with nDCG@10 of 1.00",
                "result": f"{sum(1 for _, score in scores if score >= 0.995)} of {len(scores)}",
                "target": "",
            },
        ],
        "notes": (
            "The judged corpus (tests/search/corpus.jsonl, 60 records) imported into a new "
            "database; graded judgments in tests/search/judgments.json; ranking through "
            "`search.service.search_learning`. Lowest: "
            + "; ".join(f"“{query}” {score:.2f}" for query, score in worst)
            + ". See docs/search.md."
        ),
    }


if __name__ == "__main__":
    if sys.argv[1:] == ["child"]:
        child()
    else:
        print(json.dumps(run(), indent=2))
