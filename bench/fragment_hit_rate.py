"""The shared fragments' hit rate under the load test's mix, in one process (#16).

Replays `bench.load.MIX` (browse, search, a Bright Spot submitted, a barrier met again) through
Django's test client against a copy of a pages benchmark database, once with one data version
for everything replaced after every write and every POST (the code before #16, simulated: every
key uses the `any` version) and once with the versions per topic, each on its own fresh copy.
Prints, per mode, the fragment hit rate, the CPU seconds the requests took and which topics the
writes replaced; the ratio between the modes is what to read on a shared machine.

    .venv/bin/python -m bench.fragment_hit_rate var/bench_pages_10000.sqlite3 --warmup 1500
"""

import argparse
import collections
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import load

ROOT = Path(__file__).resolve().parent.parent


def replay(mode, requests, seed, warmup=0):
    import django

    django.setup()
    from django.core.cache import caches
    from django.test import Client

    from common import fragments
    from people.models import User

    if mode == "global":
        topical = fragments.data_version
        fragments.data_version = lambda topics=(fragments.ANY,): topical((fragments.ANY,))

    replaced = collections.Counter()
    new_version = fragments._new_version
    current = [""]

    def counting_new_version(topics=fragments.EVERYTHING):
        names = ["EVERYTHING"] if topics is fragments.EVERYTHING else sorted(topics)
        replaced.update(f"{current[0]}: {name}" for name in names)
        new_version(topics)

    fragments._new_version = counting_new_version

    looked = collections.Counter()
    get = fragments.get

    def counting_get(key):
        found = get(key)
        looked["hit" if found is not None else "miss"] += 1
        return found

    fragments.get = counting_get

    users = list(User.objects.filter(username__startswith="bench-load-").order_by("username"))
    clients = []
    for user in users:
        client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
        client.force_login(user)
        clients.append(client)
    paths = mix_paths(spots=200)
    caches[fragments.CACHE].clear()
    rng = random.Random(seed)  # noqa: S311 (a benchmark's choices)
    actions, weights = zip(*load.MIX, strict=True)
    # Warm-up: the same mix, not counted, so most pages have been seen once (a steady state).
    for number in range(warmup):
        client = clients[number % len(clients)]
        _act(client, rng.choices(actions, weights)[0], paths, rng, mode, fragments)
    looked.clear()
    replaced.clear()
    by_action = collections.defaultdict(lambda: collections.Counter())
    cpu_by_action = collections.Counter()
    statuses = collections.Counter()
    started = time.process_time()
    for number in range(requests):
        client = clients[number % len(clients)]
        action = current[0] = rng.choices(actions, weights)[0]
        before = looked.copy()
        cpu = time.process_time()
        statuses[_act(client, action, paths, rng, mode, fragments)] += 1
        cpu_by_action[action] += time.process_time() - cpu
        by_action[action].update(looked - before)
        by_action[action]["requests"] += 1
    cpu_total = time.process_time() - started
    return {
        "mode": mode,
        "requests": requests,
        "warmup": warmup,
        "fragment_hits": looked["hit"],
        "fragment_misses": looked["miss"],
        "hit_rate": looked["hit"] / max(1, looked["hit"] + looked["miss"]),
        "cpu_seconds": cpu_total,
        "replaced": dict(replaced),
        "statuses": dict(statuses),
        "by_action": {
            name: {
                **counts,
                "cpu_ms_per_request": 1000 * cpu_by_action[name] / counts["requests"],
            }
            for name, counts in by_action.items()
        },
    }


def mix_paths(spots):
    """What the load test's mix reads (`bench.load.act`'s paths): the Bright Spots index, the
    first `spots` Bright Spots, the newest forum session, 200 barriers, 100 reviews, the
    principles."""
    from barriers.models import Barrier
    from brightspots.models import BrightSpotIndexPage, BrightSpotPage, ForumSessionPage
    from reviews.models import Review
    from taxonomy.models import Principle

    return {
        "index": BrightSpotIndexPage.objects.live().first().url,
        "spots": [p.url for p in BrightSpotPage.objects.live().order_by("pk")[:spots]],
        "forum_session": ForumSessionPage.objects.live().order_by("-pk").first().url,
        "barriers": list(Barrier.objects.order_by("-pk").values_list("pk", flat=True)[:200]),
        "reviews": list(Review.objects.completed().values_list("pk", flat=True)[:100]),
        "principles": list(Principle.objects.values_list("pk", flat=True)),
    }


def _act(client, action, paths, rng, mode, fragments):
    """One action of bench.load's mix; the status of its last response."""
    if action == "submit a bright spot":
        number = rng.randint(1, 10**9)
        client.get("/bright-spots/submit/")
        response = client.post("/bright-spots/submit/", load.bright_spot_form(number))
    elif action == "barrier met again":
        url = f"/barriers/{rng.choice(paths['barriers'])}/met-again/"
        client.get(url)
        response = client.post(url, load.met_again_form(rng.randint(1, 10**9)))
    else:
        response = client.get(_url(action, paths, rng))
        return response.status_code
    if mode == "global":
        # Before #16 every request that may write replaced the one version when it ended.
        fragments._new_version(fragments.EVERYTHING)
    return response.status_code


def _url(action, paths, rng):

    return {
        "home": lambda: "/",
        "bright spots index": lambda: f"{paths['index']}?page={rng.randint(1, 5)}",
        "bright spots filtered": lambda: (
            f"{paths['index']}?principle={rng.choice(paths['principles'])}"
        ),
        "one bright spot": lambda: rng.choice(paths["spots"]),
        "search": lambda: f"/search/?q={rng.choice(load.SEARCHES).replace(' ', '+')}",
        "barrier log": lambda: "/barriers/",
        "one barrier": lambda: f"/barriers/{rng.choice(paths['barriers'])}/",
        "reviews": lambda: "/reviews/",
        "one review": lambda: f"/reviews/{rng.choice(paths['reviews'])}/",
        "forum session": lambda: paths["forum_session"],
    }[action]()


def compare(database, requests, seed, warmup):
    """Both modes, each in a child process on its own copy of `database`."""
    results = []
    for mode in ("global", "topics"):
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / "db.sqlite3"
            shutil.copyfile(database, copy)
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "bench.pages_settings",
                "DATABASE_URL": f"sqlite:///{copy}",
                "FRAGMENT_CACHE_DIR": str(Path(scratch) / "fragments"),
                "SECRET_KEY": secrets.token_urlsafe(64),
                "ALLOWED_HOSTS": "127.0.0.1",
                "CSRF_TRUSTED_ORIGINS": "https://127.0.0.1",
                "PYTHONPATH": str(ROOT),
            }
            child = subprocess.run(
                [sys.executable, "-m", "bench.fragment_hit_rate", "--child", mode, str(copy)]
                + ["--requests", str(requests), "--seed", str(seed), "--warmup", str(warmup)],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            if child.returncode:
                sys.exit(child.stderr)
            out = child.stdout
            results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database", help="a pages benchmark database (copied, never written)")
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=0, help="requests first, not counted")
    parser.add_argument("--child", choices=["global", "topics"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(replay(args.child, args.requests, args.seed, args.warmup)))  # noqa: T201
        return
    results = compare(args.database, args.requests, args.seed, args.warmup)
    print(json.dumps(results, indent=1))  # noqa: T201
    before, after = results
    print(  # noqa: T201
        f"hit rate {before['hit_rate']:.1%} -> {after['hit_rate']:.1%}; CPU "
        f"{before['cpu_seconds']:.1f} s -> {after['cpu_seconds']:.1f} s "
        f"({after['cpu_seconds'] / before['cpu_seconds']:.2f}x) for {args.requests} requests"
    )


if __name__ == "__main__":
    main()
