"""Search on a real OpenSearch node: bulk indexing rate, faceted search p50/p95 and nDCG@10.

Runs in a child process against its own database (var/bench_engine.sqlite3) with SEARCH_ENGINE
set to opensearch3 and the index prefix bench_; starts a node with searchnode/control.py when
none answers at SEARCH_URL (and stops it afterwards). The records are the same as the Search
section's (`generate_learning`, seed 8), so the database figures there sit beside these. The
first run generates and imports them; the indexing rate is measured every run by queueing every
record in the outbox and sending it (documents built, bulk requests, the node's indexing).

Above GENERATED records (BENCH_ENGINE_COUNT=1000000), the first run generates GENERATED and
copies them in SQL, with new ids, sources and external ids and the same text and vocabulary
links, up to the count: importing 1,000,000 generated records takes hours of CPU on this machine,
copying them a minute. Matches and facet counts grow tenfold as they would; the text repeats, so
those figures are for speed, not for ranking.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

from bench import run_child
from bench.bench_search import COUNT as SEARCH_COUNT
from bench.bench_search import QUERIES, REPEATS, percentile

ROOT = Path(__file__).resolve().parent.parent
# Records indexed: BENCH_ENGINE_COUNT (default: the Search section's size, so the database
# figures there sit beside these). Each size has its own database, generated on first use.
COUNT = int(os.environ.get("BENCH_ENGINE_COUNT", SEARCH_COUNT))
DB_PATH = (
    ROOT
    / "var"
    / ("bench_engine.sqlite3" if COUNT == SEARCH_COUNT else f"bench_engine_{COUNT}.sqlite3")
)
QUALITY_DB_PATH = ROOT / "var" / "bench_engine_quality.sqlite3"
# Records generated and imported; more than this are copies of them (see the docstring).
GENERATED = 100_000
ENGINE = {"SEARCH_ENGINE": "opensearch3", "SEARCH_INDEX_PREFIX": "bench_"}


def refresh():
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    backend.es.indices.refresh(index=f"{backend.index_prefix}*")


def reset_indexes():
    from wagtail.search.backends import get_search_backend

    get_search_backend().empty_indexes()


def copy_records(count):
    """Copies of the records (new ids, sources and external ids; the same text and vocabulary
    links), as many whole copies as reach `count`, in one transaction of INSERT ... SELECT."""
    from django.db import connection, transaction

    from search.models import LearningRecord

    table = LearningRecord._meta.db_table
    columns = [
        field.column for field in LearningRecord._meta.concrete_fields if not field.primary_key
    ]
    originals = LearningRecord.objects.order_by("-pk").values_list("pk", flat=True).first()
    copies = -(-count // LearningRecord.objects.count()) - 1
    made = {"source_id": "source_id + {k} * 1000000000", "external_id": "external_id || '-copy{k}'"}
    links = [
        (
            field.remote_field.through._meta.db_table,
            field.m2m_column_name(),
            field.m2m_reverse_name(),
        )
        for field in LearningRecord._meta.many_to_many
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for k in range(1, copies + 1):
            selected = ", ".join(made.get(column, column).format(k=k) for column in columns)
            cursor.execute(
                f"INSERT INTO {table} (id, {', '.join(columns)}) "  # noqa: S608 - model metadata
                f"SELECT id + {k * originals}, {selected} FROM {table} WHERE id <= %s",
                [originals],
            )
            for through, record, other in links:
                cursor.execute(
                    f"INSERT INTO {through} ({record}, {other}) "  # noqa: S608 - model metadata
                    f"SELECT {record} + {k * originals}, {other} FROM {through} "
                    f"WHERE {record} <= %s",
                    [originals],
                )


def node_cpu_seconds():
    """CPU seconds used so far by the node this machine started (None for a node elsewhere)."""
    from searchnode import control

    pid = control.running_pid(1)
    if pid is None:
        return None
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child():
    """Scale figures; prints one JSON line."""
    import django

    django.setup()
    from django.core.management import call_command

    from people.models import User
    from search.engine import outbox
    from search.generator import write_file
    from search.interchange import import_file
    from search.models import IndexChange, LearningRecord
    from search.service import search_learning

    call_command("migrate", verbosity=0)
    outbox.send_soon = lambda: None  # the benchmark sends the outbox itself, timed
    if LearningRecord.objects.count() < min(COUNT, GENERATED):
        path = ROOT / "var" / "bench_engine.jsonl"
        write_file(path, min(COUNT, GENERATED), seed=8)
        with open(path, encoding="utf-8") as handle:
            import_file(handle)  # streamed: the records never sit in memory
        path.unlink()
    if LearningRecord.objects.count() < COUNT:
        copy_records(COUNT)
    IndexChange.objects.all().delete()
    reset_indexes()
    # Queued in id order, as an import queues the records it writes.
    ids = list(LearningRecord.objects.order_by("pk").values_list("pk", flat=True))
    outbox.record(LearningRecord, ids)
    node_before = node_cpu_seconds()
    started, cpu = time.monotonic(), time.process_time()
    result = outbox.send_due()
    indexing_seconds, cpu = time.monotonic() - started, time.process_time() - cpu
    node_cpu = None if node_before is None else node_cpu_seconds() - node_before
    if result.failed:
        raise SystemExit(f"indexing failed: {result.error}")
    refresh()
    # Let the node settle after the bulk load (merges), as a live index would be, then one
    # untimed pass over the queries (the first search of each warms the node's caches).
    from wagtail.search.backends import get_search_backend

    engine = get_search_backend()
    index = engine.get_index_for_model(LearningRecord).name
    engine.es.indices.forcemerge(index=index, max_num_segments=1, request_timeout=600)
    user, _ = User.objects.get_or_create(username="bench-engine")
    for query, filters in QUERIES:
        search_learning(user, query, filters, page_size=20)
    timings, counts, engine_timings, cpu = [], [], [], 0.0
    requests = _engine_requests()  # searchq3: the raw engine request, timed in the same run
    for _ in range(REPEATS):
        for query, filters in QUERIES:
            started, started_cpu = time.perf_counter(), time.process_time()
            page = search_learning(user, query, filters, page_size=20)
            timings.append((time.perf_counter() - started) * 1000)
            cpu += time.process_time() - started_cpu
            counts.append(page.count)
            started = time.perf_counter()
            requests[query, repr(filters)]()
            engine_timings.append((time.perf_counter() - started) * 1000)
    print(
        json.dumps(
            {
                "records": len(ids),
                "indexing_seconds": indexing_seconds,
                "python_cpu": cpu,
                "node_cpu": node_cpu,
                "load": os.getloadavg()[0],
                "bulk_size": outbox.BULK_SIZE,
                "senders": outbox.SENDERS,
                "p50": statistics.median(timings),
                "p95": percentile(timings, 0.95),
                "median_matches": statistics.median(counts),
                "engine_p95": percentile(engine_timings, 0.95),
                "cpu_ms": cpu * 1000 / len(timings),
            }
        )
    )


def engine_searches():
    """(query, filters, DSL search) of the first engine request `search_learning` sends for each
    of the bench's queries (the candidates with their ranking fields and the facet
    aggregations), and the backend that sends them."""
    from search.backends import get_learning_backend
    from search.query import parse
    from search.ranking import corpus_stats
    from search.service import CANDIDATES, criteria_from

    backend, stats = get_learning_backend(), corpus_stats()
    searches = [
        (
            query,
            filters,
            backend.page_and_facets_search(
                criteria_from(filters),
                parse(query, speller=stats.correction),
                sort="relevance",
                offset=0,
                limit=CANDIDATES,
                with_fields=True,
            ),
        )
        for query, filters in QUERIES
    ]
    return backend, searches


def _engine_requests():
    """{(query, filters): a call sending that request, nothing else}."""
    backend, searches = engine_searches()
    return {
        (query, repr(filters)): (lambda body=body: backend._run(body))
        for query, filters, body in searches
    }


def quality_child():
    """nDCG@10 on the node over the judged corpus; prints one JSON line."""
    import django

    django.setup()
    from django.core.management import call_command

    from people.models import User
    from search.engine import outbox
    from search.evaluation import CORPUS, evaluate
    from search.interchange import import_lines

    call_command("migrate", verbosity=0)
    reset_indexes()
    with open(CORPUS, encoding="utf-8") as handle:
        import_lines(handle)
    outbox.send_due()
    refresh()
    user, _ = User.objects.get_or_create(username="bench-engine-quality")
    mean, _scores = evaluate(user)
    print(json.dumps({"ndcg": mean}))


def run():
    sys.path.insert(0, str(ROOT))
    from searchnode import control

    started_here = control.health() is None
    if started_here:
        control.start()
    environment = {**os.environ}
    try:
        os.environ.update(ENGINE)
        data = run_child("bench.bench_engine", DB_PATH)
        os.environ["BENCH_ENGINE_PART"] = "quality"
        QUALITY_DB_PATH.unlink(missing_ok=True)  # a new database: the corpus imports once
        quality = run_child("bench.bench_engine", QUALITY_DB_PATH)
    finally:
        os.environ.clear()
        os.environ.update(environment)
        if started_here:
            control.stop()
    rate = data["records"] / data["indexing_seconds"]
    node = f", node {data['node_cpu']:.0f} s CPU" if data.get("node_cpu") is not None else ""
    return {
        "title": "Search on an OpenSearch node",
        "rows": [
            {
                "measure": f"Bulk indexing ({data['records']:,} records, outbox to node)",
                "result": (
                    f"{rate:,.0f} records/s ({data['indexing_seconds']:.0f} s wall; "
                    f"Python {data['python_cpu']:.0f} s CPU{node})"
                ),
                "target": ">= 2,000 records/s",
            },
            {
                "measure": f"Faceted search p50 ({data['records']:,} records, one node)",
                "result": f"{data['p50']:.0f} ms",
                "target": "",
            },
            {
                "measure": "Faceted search p95 (ranked page + 10 facets with counts)",
                "result": f"{data['p95']:.0f} ms",
                "target": "< 100 ms",
            },
            {
                "measure": "Faceted search p95 / the raw engine request's p95, same run",
                "result": f"{data['p95'] / data['engine_p95']:.1f}x ({data['engine_p95']:.0f} ms; "
                f"{data['cpu_ms']:.0f} ms CPU a search)",
                "target": "<= 2x",
            },
            {
                "measure": "nDCG@10 on the judged set (node)",
                "result": f"{quality['ndcg']:.3f}",
                "target": "at least the database backend's",
            },
        ],
        "notes": (
            "OpenSearch 3.8 in one JVM (searchnode/, 1 GB heap), one shard, no replica, on the "
            "same machine as the benchmark. The same queries and records as the Search section "
            f"(its database figures are the comparison), {REPEATS} runs, median matches per "
            f"query {data['median_matches']:,.0f}; times are `search.service.search_learning` "
            "end to end (one engine request: the ranked page with the facet aggregations), "
            "after a force merge and one untimed pass over the queries. Indexing: every "
            "record queued in the outbox in id order, then `send_due` (documents built from the "
            f"database, bulk requests of {data['bulk_size']:,}, {data['senders']} in flight); CPU "
            "seconds of the benchmark's Python process and of the node say where the time "
            "goes on a shared "
            f"machine (load average {data['load']:.1f} at the end). BENCH_ENGINE_COUNT sets the "
            "size (1,000,000 records: the subsection below)."
        ),
    }


if __name__ == "__main__":
    if sys.argv[1:] == ["child"] and os.environ.get("BENCH_ENGINE_PART") == "quality":
        quality_child()
    elif sys.argv[1:] == ["child"]:
        child()
    else:
        print(json.dumps(run(), indent=2))
