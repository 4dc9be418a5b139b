"""Pages side by side with a bare Wagtail page, then load and memory, on a production-like server.

For each size (BENCH_PAGES_SIZES, default "10000,100000" learning records from `generate_learning`
on top of `seed_demo`, in var/bench_pages_<n>.sqlite3, kept between runs) this starts gunicorn
(2 workers, `bench.pages_settings` = the production settings, DEBUG off, SQLite) on a free port on
127.0.0.1 and measures, with wrk (8 connections, BENCH_PAGES_SECONDS=8 s per page), a bare Wagtail
page and a static file as the floor, then every main page signed in and signed out. The bare page is
measured again between every few pages and each page is compared with the median of those, so a
busy neighbour on the shared machine slows floor and page alike.

After the pages at the largest size, the load test (bench/load.py: 50 signed-in users for 2
minutes; BENCH_LOAD=0 skips it) runs against the same server, then each worker's resident memory
is read from /proc.

The server is behind no TLS proxy here, so requests carry `X-Forwarded-Proto: https` as the proxy
would (production redirects plain HTTP and sends cookies only over HTTPS).
"""

import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import load
from bench.pages_server import ROOT, WORKERS, Server, database_path, fetch_status, server_env

SIZES = [int(s) for s in os.environ.get("BENCH_PAGES_SIZES", "10000,100000").split(",") if s]
# The targets: the ratio to the bare page at area size (10k) and region size (100k).
RATIO_TARGETS = {10_000: "1.0", 100_000: "0.8"}
SECONDS = int(os.environ.get("BENCH_PAGES_SECONDS", "8"))
CONNECTIONS = 8
RUN_LOAD = os.environ.get("BENCH_LOAD", "1") != "0"
# The bare page is measured again after this many pages.
BARE_EVERY = 3
WRK_SCRIPT = Path(__file__).with_name("wrk_report.lua")
SESSION_COOKIE = "__Host-sessionid"


# Measuring ----------------------------------------------------------------------------------


def headers_for(who, data):
    headers = {"X-Forwarded-Proto": "https"}
    if who == "token":
        headers["Authorization"] = f"Bearer {data['token']}"
    elif who:
        headers["Cookie"] = f"{SESSION_COOKIE}={data['sessions'][who]}"
    return headers


def hammer(url, headers):
    """req/s, p50 and p95 (ms) and error count for one URL: wrk, or threads when wrk is missing."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return load.hammer(url, headers, connections=CONNECTIONS, seconds=SECONDS)
    # wrk's default 2 s timeout would count a slow page as an error and leave it out of the
    # percentiles; 30 s is gunicorn's worker timeout.
    command = [
        wrk,
        "-t2",
        f"-c{CONNECTIONS}",
        f"-d{SECONDS}s",
        "--timeout",
        "30s",
        "-s",
        str(WRK_SCRIPT),
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    report = json.loads(next(line for line in output if line.startswith("{")))
    return {
        "rps": report["requests"] / (report["duration_us"] / 1e6),
        "p50": report["p50_us"] / 1000,
        "p95": report["p95_us"] / 1000,
        "errors": report["errors"],
    }


def warm_up(server, targets, data):
    """Every page once per worker, and searches in parallel until each worker has answered fast
    (a new process's first search builds its word statistics, which takes seconds)."""
    for _label, path, who in targets:
        for _ in range(WORKERS * 2):
            fetch_status(server.base + path, headers_for(who, data))
    search = server.base + "/search/?q=housing"
    headers = headers_for("practitioner", data)
    for _ in range(10):
        started = time.monotonic()
        load.hammer(search, headers, connections=WORKERS * 2, seconds=1)
        if time.monotonic() - started < 3:
            break


def measure_size(size, secret_key):
    env = server_env(size, secret_key)
    env.update(DJANGO_SETTINGS_MODULE="config.settings.dev", BENCH_PAGES_SIZE=str(size))
    print(f"  seeding {size:,} records (kept in {database_path(size).name}) ...", flush=True)
    seeded = subprocess.run(
        [sys.executable, "-m", "bench.pages_seed"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if seeded.returncode:
        raise RuntimeError(seeded.stderr[-3000:])
    data = json.loads(seeded.stdout.strip().splitlines()[-1])
    server = Server(size, secret_key)
    try:
        targets = [("static file", "/static/css/site.css", None)]
        for label, path, who in data["pages"]:
            targets.append((f"{label}, signed in", path, who))
            targets.append((f"{label}, signed out", path, None))
        bare = ("bare Wagtail page, signed in", data["bare"], "practitioner")
        statuses = {}
        for label, path, who in [bare, *targets]:
            statuses[label] = fetch_status(server.base + path, headers_for(who, data))
        warm_up(server, [bare, *targets], data)
        print(f"  measuring {len(targets)} pages at {size:,} records ...", flush=True)
        bare_runs, results = [], []
        for number, (label, path, who) in enumerate(targets):
            if number % BARE_EVERY == 0:
                bare_runs.append(hammer(server.base + bare[1], headers_for(bare[2], data)))
            result = hammer(server.base + path, headers_for(who, data))
            results.append({"label": label, "status": statuses[label], **result})
        bare_runs.append(hammer(server.base + bare[1], headers_for(bare[2], data)))
        bare_signed_out = hammer(server.base + bare[1], headers_for(None, data))
        floor = statistics.median(run["rps"] for run in bare_runs)
        for result in results:
            result["ratio"] = result["rps"] / floor
        measured = {
            "size": size,
            "records": data["records"],
            "bare": bare_runs,
            "bare_status": statuses[bare[0]],
            "bare_signed_out": bare_signed_out,
            "floor": floor,
            "results": results,
        }
        if RUN_LOAD and size == max(SIZES):
            print("  load test: 50 users for 2 minutes ...", flush=True)
            measured["load"] = load.run_load(server.base, data)
            measured["rss"] = server.worker_rss_mb()
        elif not RUN_LOAD and size == max(SIZES):
            measured["rss"] = server.worker_rss_mb()
        measured["server_errors"] = server.errors()[-2000:]
        return measured
    finally:
        server.stop()


# Reporting ----------------------------------------------------------------------------------


def page_table(measured):
    lines = [
        f"At {measured['records']:,} records: bare Wagtail page (signed in) "
        f"{measured['floor']:.0f} req/s median of {len(measured['bare'])} interleaved runs "
        f"({min(r['rps'] for r in measured['bare']):.0f}-"
        f"{max(r['rps'] for r in measured['bare']):.0f}), "
        f"p50 {statistics.median(r['p50'] for r in measured['bare']):.0f} ms; "
        "signed out it is a redirect to sign-in at "
        f"{measured['bare_signed_out']['rps']:.0f} req/s.",
        "",
        "| page | status | req/s | p50 | p95 | ratio to bare |",
        "|---|---|---|---|---|---|",
    ]
    for r in measured["results"]:
        errors = f" ({r['errors']} errors)" if r["errors"] else ""
        lines.append(
            f"| {r['label']} | {r['status']} | {r['rps']:.0f}{errors} | {r['p50']:.0f} ms | "
            f"{r['p95']:.0f} ms | {r['ratio']:.2f} |"
        )
    return "\n".join(lines)


def signed_in_ratios(measured):
    return [
        r["ratio"]
        for r in measured["results"]
        if r["label"].endswith("signed in") or r["label"].startswith("API")
    ]


def run():
    secret_key = secrets.token_urlsafe(64)
    load_before = os.getloadavg()
    runs = [measure_size(size, secret_key) for size in SIZES]
    load_after = os.getloadavg()
    rows, notes = [], []
    for size, measured in zip(SIZES, runs, strict=True):
        target = RATIO_TARGETS.get(size, "0.8")
        ratios = signed_in_ratios(measured)
        worst = min(
            (r for r in measured["results"] if r["ratio"] in ratios), key=lambda r: r["ratio"]
        )
        rows.append(
            {
                "measure": f"Bare Wagtail page at {measured['records']:,} records (the floor)",
                "result": f"{measured['floor']:.0f} req/s",
                "target": "",
            }
        )
        rows.append(
            {
                "measure": "Lowest signed-in page ratio to bare at "
                f"{measured['records']:,} records",
                "result": f"{worst['ratio']:.2f} ({worst['label']})",
                "target": f">= {target}",
            }
        )
        notes.append(page_table(measured))
    last = runs[-1]
    if "load" in last:
        result = last["load"]
        rows += [
            {
                "measure": f"Load: {result['users']} signed-in users for {result['seconds']} s, "
                f"{result['requests']:,} requests",
                "result": f"{result['errors']} errors",
                "target": "0 errors",
            },
            {
                "measure": "Load: p50 / p95 / max response time",
                "result": f"{result['p50']:.0f} / {result['p95']:.0f} / {result['max']:.0f} ms",
                "target": "p95 < 300 ms",
            },
        ]
        notes.append(load.describe(result))
    if last.get("rss"):
        rows.append(
            {
                "measure": "Resident memory per gunicorn worker"
                + (" after the load test" if "load" in last else ""),
                "result": ", ".join(f"{mb:.0f} MB" for mb in last["rss"]),
                "target": "< 200 MB",
            }
        )
    notes.append(
        "Load average (1, 5, 15 min) on the machine when the run started "
        f"{' / '.join(f'{x:.1f}' for x in load_before)} and when it ended "
        f"{' / '.join(f'{x:.1f}' for x in load_after)} (2 cores: above 2, other work was "
        "competing for them). "
        f"gunicorn {WORKERS} sync workers, `bench.pages_settings` (production settings, DEBUG "
        "off), SQLite, on 127.0.0.1; wrk -t2 with "
        f"{CONNECTIONS} connections for {SECONDS} s per page on the same 2-core machine, which "
        "other engineers' work shared during the run (absolute figures are noisy; the ratios "
        "compare with the bare page measured between every few pages of the same run). "
        "The bare page is a plain `wagtailcore.Page` rendered by a template like the one "
        "`wagtail start` makes, served through this project's middleware (sessions, the "
        "sign-in gates), so the floor includes that cost. Signed in means a "
        "practitioner's session (the journey: the case learning team with its second factor; "
        "insights: a leader; the API: a personal token). Every page was fetched once per worker "
        "before timing (each worker also answers one search as it starts: config/wsgi.py). "
        "Timed pages repeat one URL for one person, so after the first request they are served "
        "from the shared fragment cache (common.fragments), as a page is between two writes; "
        "the load test mixes in writes, each of which starts new data versions of the topics "
        "it wrote. "
        "Data: `seed_demo` plus `generate_learning` (seed 16)."
    )
    return {"title": "Pages, load and memory", "rows": rows, "notes": "\n\n".join(notes)}


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
