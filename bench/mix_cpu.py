"""CPU per request of each action of the load test's mix, in one process (#16).

Replays `bench.load.MIX` through Django's test client on a copy of a pages benchmark database
(50 practitioners' sessions in turn, from an empty fragment cache) and prints, per action, the
process CPU (`time.process_time`) and queries per request, split into a URL's first visit in the
run ("cold") and later ones ("warm": a later visit may still miss the fragment cache after a
write). `--profile FILE` also writes a cProfile of the counted requests. The machine is shared:
compare two runs of the same seed (e.g. before and after a change), not absolute figures.

    .venv/bin/python -m bench.mix_cpu var/bench_pages_10000.sqlite3 --requests 600
"""

import argparse
import collections
import cProfile
import os
import random
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import load
from bench.fragment_hit_rate import _url, mix_paths

ROOT = Path(__file__).resolve().parent.parent


def replay(requests, seed, spots, profile=None):
    import django

    django.setup()
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from common import fragments
    from people.models import User

    call_command("collectstatic", interactive=False, verbosity=0)  # the pages' static URLs
    clients = []
    for user in User.objects.filter(username__startswith="bench-load-").order_by("username"):
        client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
        client.force_login(user)
        clients.append(client)
    paths = mix_paths(spots)
    caches[fragments.CACHE].clear()
    rng = random.Random(seed)  # noqa: S311 (a benchmark's choices)
    actions, weights = zip(*load.MIX, strict=True)
    seen = set()
    cpu = collections.defaultdict(list)
    queries = collections.defaultdict(list)
    profiler = cProfile.Profile() if profile else None
    for number in range(requests):
        client = clients[number % len(clients)]
        action = rng.choices(actions, weights)[0]
        started = time.process_time()
        if profiler:
            profiler.enable()
        with CaptureQueriesContext(connection) as captured:
            url = _act(client, action, paths, rng)
        if profiler:
            profiler.disable()
        kind = "warm" if url in seen else "cold"
        seen.add(url)
        cpu[action, kind].append(time.process_time() - started)
        queries[action, kind].append(len(captured.captured_queries))
    if profiler:
        profiler.dump_stats(profile)
    return actions, cpu, queries


def _act(client, action, paths, rng):
    """One action of the mix (a form is its GET and its POST); the URL it used."""
    if action == "submit a bright spot":
        url = "/bright-spots/submit/"
        client.get(url)
        response = client.post(url, load.bright_spot_form(rng.randint(1, 10**9)))
    elif action == "barrier met again":
        url = f"/barriers/{rng.choice(paths['barriers'])}/met-again/"
        client.get(url)
        response = client.post(url, load.met_again_form(rng.randint(1, 10**9)))
    else:
        url = _url(action, paths, rng)
        response = client.get(url)
    if response.status_code not in (200, 302):
        sys.exit(f"{action}: {url} answered {response.status_code}")
    return url


def report(actions, cpu, queries):
    total = sum(sum(times) for times in cpu.values())
    count = sum(len(times) for times in cpu.values())
    lines = [f"{count} requests, {total:.1f} s CPU, {1000 * total / count:.1f} ms a request"]
    for action in dict.fromkeys(actions):
        for kind in ("cold", "warm"):
            times = cpu.get((action, kind))
            if times:
                mean = 1000 * sum(times) / len(times)
                lines.append(
                    f"{action:22s} {kind} {len(times):4d} x {mean:6.1f} ms"
                    f" ({100 * sum(times) / total:4.1f}% of the CPU),"
                    f" {sum(queries[action, kind]) / len(times):5.1f} queries"
                )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database", help="a pages benchmark database (copied, never written)")
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--spots", type=int, default=500, help="Bright Spots read at random")
    parser.add_argument("--profile", help="write a cProfile of the counted requests here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "db.sqlite3"
        shutil.copyfile(args.database, copy)
        os.environ.update(
            DJANGO_SETTINGS_MODULE="bench.pages_settings",
            DATABASE_URL=f"sqlite:///{copy}",
            FRAGMENT_CACHE_DIR=str(Path(scratch) / "fragments"),
            SECRET_KEY=secrets.token_urlsafe(64),
            ALLOWED_HOSTS="127.0.0.1",
            CSRF_TRUSTED_ORIGINS="https://127.0.0.1",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        )
        result = replay(args.requests, args.seed, args.spots, args.profile)
    print(report(*result))  # noqa: T201


if __name__ == "__main__":
    main()
