"""A bounded load test on loopback: signed-in practitioners browsing, searching, submitting a
Bright Spot and logging a barrier met again, each with a pause between pages as a person reads.

Plain threads and http.client (no dependency): each simulated user has its own session, keeps
the cookies the site sets (the CSRF cookie for the forms) and posts the form's own CSRF token.
Used by bench/bench_pages.py; `hammer` is also its fallback when wrk is not installed.
"""

import http.client
import http.cookies
import random
import re
import statistics
import threading
import time
import urllib.parse
from datetime import date

USERS = 50
SECONDS = 120
# Seconds a person reads a page before the next (uniform).
THINK = (1.0, 3.0)
SEARCHES = [
    "housing",
    "hospital discharge",
    "MH",
    "peer mentor",
    "universal credit",
    "naloxone",
    "joint assessment",
    "eviction",
    "interpreter",
    "missed appointments",
]
# What a signed-in person does next, and how often (weights).
MIX = [
    ("home", 15),
    ("bright spots index", 10),
    ("bright spots filtered", 5),
    ("one bright spot", 20),
    ("search", 15),
    ("barrier log", 8),
    ("one barrier", 10),
    ("reviews", 4),
    ("one review", 4),
    ("forum session", 4),
    ("submit a bright spot", 2),
    ("barrier met again", 3),
]
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _run_all(threads):
    """Start every thread, wait for them all; the seconds it took."""
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - started


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Browser:
    """One person's connection and cookies; every request is timed into `timings`."""

    def __init__(self, base, cookies, timings, failures):
        parsed = urllib.parse.urlsplit(base)
        self.host, self.port = parsed.hostname, parsed.port
        self.origin = f"https://{parsed.hostname}:{parsed.port}"
        self.cookies = dict(cookies)
        self.timings = timings
        self.failures = failures
        self.connection = None

    def request(self, method, path, body=None, expect=(200,)):
        headers = {"X-Forwarded-Proto": "https", "Host": f"{self.host}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            body = urllib.parse.urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        started = time.perf_counter()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read().decode("utf-8", errors="replace")
        except (OSError, http.client.HTTPException) as error:
            self.connection = None
            self.timings.append((time.perf_counter() - started) * 1000)
            self.failures.append(f"{method} {path}: {error}")
            return None, ""
        self.timings.append((time.perf_counter() - started) * 1000)
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        if response.status not in expect:
            self.failures.append(f"{method} {path}: {response.status}")
        return response.status, content

    def post_form(self, path, fields):
        """GET the form (for its CSRF token), then POST it; a saved form redirects."""
        status, content = self.request("GET", path)
        match = CSRF_INPUT.search(content)
        if status != 200 or not match:
            return
        self.request("POST", path, {**fields, "csrfmiddlewaretoken": match.group(1)}, (302,))


def act(browser, action, paths, rng):
    if action == "home":
        browser.request("GET", "/")
    elif action == "bright spots index":
        browser.request("GET", f"{paths['index']}?page={rng.randint(1, 5)}")
    elif action == "bright spots filtered":
        browser.request("GET", f"{paths['index']}?principle={rng.choice(paths['principles'])}")
    elif action == "one bright spot":
        browser.request("GET", rng.choice(paths["spots"]))
    elif action == "search":
        browser.request("GET", "/search/?" + urllib.parse.urlencode({"q": rng.choice(SEARCHES)}))
    elif action == "barrier log":
        browser.request("GET", "/barriers/")
    elif action == "one barrier":
        browser.request("GET", f"/barriers/{rng.choice(paths['barriers'])}/")
    elif action == "reviews":
        browser.request("GET", "/reviews/")
    elif action == "one review":
        browser.request("GET", f"/reviews/{rng.choice(paths['reviews'])}/")
    elif action == "forum session":
        browser.request("GET", paths["forum_session"])
    elif action == "submit a bright spot":
        number = rng.randint(1, 10**9)
        browser.post_form("/bright-spots/submit/", bright_spot_form(number))
    elif action == "barrier met again":
        browser.post_form(
            f"/barriers/{rng.choice(paths['barriers'])}/met-again/",
            met_again_form(rng.randint(1, 10**9)),
        )


def run_load(base, data, users=USERS, seconds=SECONDS, seed=16):
    """`users` people for `seconds`, each on their own session; returns the timings summary."""
    timings, failures = [], []
    counts = dict.fromkeys((name for name, _ in MIX), 0)
    by_action: dict[str, list[float]] = {name: [] for name, _ in MIX}
    deadline = time.monotonic() + seconds
    actions, weights = zip(*MIX, strict=True)

    def person(number):
        rng = random.Random(seed * 1000 + number)  # noqa: S311
        session = data["load_sessions"][number % len(data["load_sessions"])]
        mine: list[float] = []  # this person's request times, handed on after each action
        browser = Browser(base, {"__Host-sessionid": session}, mine, failures)
        time.sleep(rng.uniform(0, THINK[1]))  # people arrive over the first seconds
        while time.monotonic() < deadline:
            action = rng.choices(actions, weights)[0]
            counts[action] += 1
            act(browser, action, data["load_paths"], rng)
            timings.extend(mine)
            by_action[action].extend(mine)
            mine.clear()
            time.sleep(rng.uniform(*THINK))

    threads = [threading.Thread(target=person, args=(n,)) for n in range(users)]
    elapsed = _run_all(threads)
    return {
        "users": users,
        "seconds": seconds,
        "elapsed": elapsed,
        "requests": len(timings),
        "rps": len(timings) / elapsed,
        "errors": len(failures),
        "error_samples": failures[:10],
        "p50": statistics.median(timings) if timings else 0.0,
        "p95": percentile(timings, 0.95),
        "max": max(timings, default=0.0),
        "actions": counts,
        # A form action's times are its GET and its POST.
        "by_action": {
            name: (statistics.median(times), percentile(times, 0.95))
            for name, times in by_action.items()
            if times
        },
    }


def describe(result):
    mix = ", ".join(f"{name} {count}" for name, count in result["actions"].items())
    text = (
        f"Load test (bench/load.py): {result['users']} signed-in practitioners (each their own "
        f"session) for {result['seconds']} s on loopback, each pausing {THINK[0]:.0f}-"
        f"{THINK[1]:.0f} s between pages as a reader does: {result['requests']:,} requests "
        f"({result['rps']:.1f}/s), {result['errors']} errors, p50 {result['p50']:.0f} ms, "
        f"p95 {result['p95']:.0f} ms, max {result['max']:.0f} ms. Actions taken: {mix}. "
        "Submitting a Bright Spot and a barrier met again each GET the form and POST it "
        "(an error unless it redirects, i.e. was saved)."
    )
    if result.get("by_action"):
        text += (
            " Requests' p50 / p95 by action (ms): "
            + ", ".join(
                f"{name} {p50:.0f} / {p95:.0f}" for name, (p50, p95) in result["by_action"].items()
            )
            + "."
        )
    if result["error_samples"]:
        text += " First errors: " + "; ".join(result["error_samples"]) + "."
    return text


def hammer(url, headers, *, connections, seconds):
    """Fetch one URL from `connections` threads for `seconds`: req/s, p50, p95, errors."""
    parsed = urllib.parse.urlsplit(url)
    path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    timings, failures = [], []
    deadline = time.monotonic() + seconds

    def worker():
        connection = None
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(
                        parsed.hostname, parsed.port, timeout=60
                    )
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    failures.append(response.status)
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException):
                connection = None
                failures.append("connection")
            timings.append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    elapsed = _run_all(threads)
    return {
        "rps": len(timings) / elapsed,
        "p50": statistics.median(timings) if timings else 0.0,
        "p95": percentile(timings, 0.95),
        "errors": len(failures),
    }


def bright_spot_form(number):
    """What a load user submits as a Bright Spot (`number` keeps titles apart)."""
    return {
        "title": f"Keeping a tenancy open during a short sentence ({number})",
        "summary": "Housing and probation agreed to hold the tenancy while the person "
        "served a short sentence, so they came back to a home.",
        "what_happened": "The housing officer and probation met before sentencing.",
        "what_made_the_difference": "One named contact in each service.",
        "where_else": "Any area with short sentences and social housing.",
        "evidence": "Tenancy kept; no rent arrears on release.",
        "involvement": "not_asked",
        "contact": "none",
        "action": "submit",
    }


def met_again_form(visit):
    """What a load user records when a barrier is met again."""
    return {
        "date": date.today().isoformat(),
        "note": f"Met it again at the front desk, same wait (visit {visit}).",
    }
