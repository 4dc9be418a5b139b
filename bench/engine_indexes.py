"""The engine request the learning search sends, timed across several indexes of the same records.

For A/B tests of a mapping or an index setting on the million-record index `bench_engine`
builds: copy that index into the variant (`_reindex` into a new mapping, `_clone` or `_split`
for settings), force-merge both alike, then

    SEARCH_NODE_PORT=9270 DATABASE_URL=sqlite:///var/bench_engine_1000000.sqlite3 \\
    DJANGO_SETTINGS_MODULE=config.settings.dev SEARCH_ENGINE=opensearch3 \\
    SEARCH_URL=http://127.0.0.1:9270 SEARCH_INDEX_PREFIX=bench_ \\
    python -m bench.engine_indexes ROUNDS INDEX [INDEX ...]

The bench's 20 queries x 5 are sent interleaved request by request across the indexes (so load
from other work falls on all of them alike), with the request cache off. An index named
`NAME#noaggs` is NAME sent the request without its facet aggregations, `NAME#bare` without them
and without the exact total. Prints one JSON line per index and round: p50/p95 wall, and the
node's CPU per request (read from /proc around each request: steadier than wall time on a
shared machine); and any request whose total, facet counts or candidates' scores differ from
the first index's.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench.bench_search import REPEATS, percentile


def request_bodies() -> list[tuple[str, dict[str, Any]]]:
    """(query, body) of the first engine request `search_learning` sends for each query."""
    from bench.bench_engine import engine_searches

    _backend, searches = engine_searches()
    return [(query, body.to_dict()) for query, _filters, body in searches]


def variant(body: dict[str, Any], name: str) -> dict[str, Any]:
    if name not in ("noaggs", "bare"):
        return body
    sent = {key: value for key, value in body.items() if key != "aggs"}
    if name == "bare":
        sent["track_total_hits"] = False
    return sent


def outcome(response: dict[str, Any]) -> tuple[Any, ...]:
    """What must not change between indexes: the total, every facet's counts (keys compared as
    strings: a keyword's and a number's), the candidates' scores (the generated records repeat,
    so equal scores tie between copies and ids may differ)."""
    facets = {
        name: sorted((str(bucket["key"]), bucket["doc_count"]) for bucket in agg["buckets"])
        for name, agg in response.get("aggregations", {}).items()
    }
    scores = [round(hit["_score"], 3) for hit in response["hits"]["hits"]]
    return response["hits"]["total"]["value"], facets, scores


def node_cpu() -> float:
    from searchnode import control

    fields = Path(f"/proc/{control.running_pid(1)}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(rounds: int, indexes: list[str]) -> None:
    import django

    django.setup()
    from search.backends import get_learning_backend

    client = get_learning_backend().client
    bodies, reference = request_bodies(), {}
    for number in range(1, rounds + 1):
        timings: dict[str, tuple[list[float], list[float]]] = {i: ([], []) for i in indexes}
        for _ in range(REPEATS):
            for query, body in bodies:
                for index in indexes:
                    name, _, kind = index.partition("#")
                    cpu, started = node_cpu(), time.perf_counter()
                    response = client.search(
                        index=name,
                        body=variant(body, kind),
                        params={"request_cache": "false"},
                        request_timeout=60,
                    )
                    timings[index][0].append((time.perf_counter() - started) * 1000)
                    timings[index][1].append((node_cpu() - cpu) * 1000)
                    if kind:
                        continue
                    seen = reference.setdefault(query, (index, outcome(response)))
                    if seen[1] != outcome(response):
                        print(f"differs: {index} from {seen[0]} on {query!r}", flush=True)
        for index, (walls, cpus) in timings.items():
            figures = {
                "round": number,
                "index": index,
                "p50": round(statistics.median(walls), 1),
                "p95": round(percentile(walls, 0.95), 1),
                "node_cpu_ms": round(statistics.mean(cpus), 1),
                "load": round(os.getloadavg()[0], 2),
            }
            print(json.dumps(figures), flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2:])
