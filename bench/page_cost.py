"""What one page costs a request, counted rather than timed (#16): CPU instructions (valgrind's
callgrind) and system calls (strace), for the bare page and the pages of the pages benchmark.

On a shared machine a page's requests a second move with the neighbours; counts do not. Each
page is served in one process through Django's WSGI handler (production settings, as
`bench_pages` serves them, without gunicorn) on a copy of a pages benchmark database: 3 warm-up
requests, then `--requests` more; the same run with none is subtracted, and each run has an
empty fragment cache of its own, so both warm up alike. Needs `valgrind` and `strace` (Debian
packages); a tool that is missing is skipped. Compare two commits by running this from each.

    .venv/bin/python -m bench.page_cost var/bench_pages_10000.sqlite3 bare "forum session"
"""

import argparse
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.bench_pages import SESSION_COOKIE

ROOT = Path(__file__).resolve().parent.parent
WARM_UP = 3


def serve(path, cookie, requests):
    """The child: `path` served WARM_UP + `requests` times, each answer read to its end."""
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()
    url, _, query = path.partition("?")
    for number in range(WARM_UP + requests):
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": url,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "443",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_X_FORWARDED_PROTO": "https",
            "HTTP_COOKIE": cookie,
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        statuses = []

        def start_response(status, headers, info=None, seen=statuses):
            seen.append(status)

        response = handler(environ, start_response)
        for _chunk in response:
            pass
        response.close()
        if number < WARM_UP and not statuses[0].startswith("200"):
            raise SystemExit(f"{path} answered {statuses[0]}")


def counted(tool, env, path, cookie, requests):
    """Instructions or system calls of one child run."""
    child = [sys.executable, "-m", "bench.page_cost", "--child", path, cookie, str(requests)]
    with tempfile.TemporaryDirectory() as scratch:
        env = {**env, "FRAGMENT_CACHE_DIR": str(Path(scratch) / "fragments")}
        if tool == "instructions":
            command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *child]
            output = subprocess.run(
                command, cwd=ROOT, env=env, capture_output=True, text=True, check=True
            ).stderr
            return int(re.search(r"I\s+refs:\s+([\d,]+)", output)[1].replace(",", ""))
        report = Path(scratch) / "strace.txt"
        command = ["strace", "-f", "-c", "-o", str(report), *child]
        subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True)
        total = re.search(r"^100\.00\s+\S+\s+\S+\s+(\d+)", report.read_text(), re.MULTILINE)
        return int(total[1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", help="a pages benchmark database (var/bench_pages_*.sqlite3)")
    parser.add_argument("pages", nargs="+", help='"bare" or page labels of bench_pages')
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "pages.sqlite3"
        shutil.copy(args.database, database)
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{database}",
            "SECRET_KEY": "page-cost-" + "x" * 50,
            "PYTHONPATH": str(ROOT),
            "ALLOWED_HOSTS": "127.0.0.1",
        }
        seeded = subprocess.run(
            [sys.executable, "-m", "bench.pages_seed"],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "BENCH_PAGES_SIZE": "1"},
            capture_output=True,
            text=True,
            check=True,
        )
        data = json.loads(seeded.stdout.strip().splitlines()[-1])
        pages = {label: (path, who) for label, path, who in data["pages"]}
        pages["bare"] = (data["bare"], "practitioner")
        env["DJANGO_SETTINGS_MODULE"] = "bench.pages_settings"
        tools = [t for t, exe in (("instructions", "valgrind"), ("system calls", "strace"))
                 if shutil.which(exe)]  # fmt: skip
        for label in args.pages:
            path, who = pages[label]
            cookie = f"{SESSION_COOKIE}={data['sessions'][who]}"
            for tool in tools:
                none, some = (counted(tool, env, path, cookie, n) for n in (0, args.requests))
                print(f"{label}: {(some - none) / args.requests:,.0f} {tool} a request", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        serve(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main()
