"""Insights dashboard panels on PostgreSQL with a large generated barrier log.

Runs in a child process so it can use its own database (`brightspots_bench`, created if missing,
migrated, and filled by `generate_barriers` when empty) whatever the other bench modules use.
Size: BENCH_BARRIERS (default 50,000) and BENCH_OCCURRENCES (default 1,000,000).
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/brightspots_bench"
)
BARRIERS = int(os.environ.get("BENCH_BARRIERS", "50000"))
OCCURRENCES = int(os.environ.get("BENCH_OCCURRENCES", "1000000"))
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
# Issue #16: every panel under 100 ms p95 at 1,000,000 occurrences.
TARGET_MS = 100


def ensure_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def explain(connection, build, filters):
    """(queries, server ms): build the panel once capturing its SQL, then sum each query's
    Execution Time under EXPLAIN ANALYZE. Timed inside PostgreSQL, so less sensitive to a busy
    machine than wall time (though EXPLAIN's own timing adds a little)."""
    captured = []

    def capture(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        build(filters)
    total = 0.0
    with connection.cursor() as cursor:
        for sql, params in captured:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            total += plan[0]["Execution Time"]
    return len(captured), total


def measure():
    """In the child process: prepare the database, then time every panel."""
    ensure_database(DATABASE_URL)
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count

    from barriers.forms import InsightsFilterForm
    from barriers.insights import Filters
    from barriers.models import Barrier, Occurrence
    from barriers.panels import PANELS
    from taxonomy.models import BarrierTheme

    call_command("migrate", verbosity=0)
    if not Occurrence.objects.exists():
        call_command(
            "generate_barriers",
            barriers=BARRIERS,
            occurrences=OCCURRENCES,
            stdout=sys.stderr,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    size = {"barriers": Barrier.objects.count(), "occurrences": Occurrence.objects.count()}
    theme = BarrierTheme.objects.order_by("pk").first()
    # The busiest area: area filters read occurrences rather than the monthly roll-up.
    area = (
        Occurrence.objects.exclude(area=None)
        .values("area")
        .annotate(n=Count("*"))
        .order_by("-n")
        .first()["area"]
    )
    scenarios = {
        "last 12 months": InsightsFilterForm({}).filters(),
        "last 12 months, one theme": InsightsFilterForm({"theme": theme.pk}).filters(),
        "last 12 months, busiest area": InsightsFilterForm({"area": area}).filters(),
    }
    results = []
    for scenario, kwargs in scenarios.items():
        for slug, build in PANELS.items():
            build(Filters(**kwargs))  # warm the cache once, as a dashboard in use would be
            timings = []
            for _ in range(RUNS):
                started = time.perf_counter()
                build(Filters(**kwargs))
                timings.append((time.perf_counter() - started) * 1000)
            queries, server = explain(connection, build, Filters(**kwargs))
            timings.sort()
            p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
            results.append(
                {
                    "panel": slug,
                    "scenario": scenario,
                    "p50": statistics.median(timings),
                    "p95": p95,
                    "queries": queries,
                    "server": server,
                }
            )
    return {"size": size, "results": results, "runs": RUNS, "load": os.getloadavg()[0]}


def run():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    completed = subprocess.run(  # noqa: S603 - our own interpreter and file
        [sys.executable, __file__],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        return {
            "title": "Insights dashboard (PostgreSQL)",
            "rows": [{"measure": "benchmark", "result": "failed", "target": ""}],
            "notes": "```\n" + completed.stderr[-2000:] + "\n```",
        }
    data = json.loads(completed.stdout.strip().splitlines()[-1])
    rows = [
        {
            "measure": f"{row['panel']} ({row['scenario']})",
            "result": f"p50 {row['p50']:.0f} ms, p95 {row['p95']:.0f} ms; "
            f"{row['queries']} queries, {row['server']:.0f} ms in PostgreSQL",
            "target": f"< {TARGET_MS} ms",
        }
        for row in data["results"]
    ]
    size = data["size"]
    return {
        "title": "Insights dashboard (PostgreSQL)",
        "rows": rows,
        "notes": (
            f"Dataset: {size['barriers']:,} barriers, {size['occurrences']:,} occurrences "
            f"(`generate_barriers`, 3 years of history, heavy-tailed recurrence) in the "
            f"`{DATABASE_URL.rsplit('/', 1)[-1]}` database. Each panel built {data['runs']} "
            "times after one warm-up, with the default filters (last 12 whole months), with "
            "one theme selected, and with the busiest area selected; times include the ORM and "
            "building the chart and tables. The last figure sums each query's execution time "
            "under EXPLAIN ANALYZE (one more build): measured inside PostgreSQL, so less "
            "sensitive to a busy machine. Load average "
            f"at the end of the run: {data['load']:.1f} on this machine (shared with other "
            "work while measured, so these are upper bounds)."
        ),
    }


if __name__ == "__main__":
    print(json.dumps(measure()))  # noqa: T201 - the parent process reads this line
