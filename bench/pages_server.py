"""gunicorn with the production settings on 127.0.0.1 for the pages benchmark, and plain
requests to it (status only, no redirects followed)."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# gunicorn's sync workers (BENCH_WORKERS); the bare page and every page are served by the same.
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))


def database_path(size):
    """var/bench_pages_<size>.sqlite3, kept between runs (var/ is made on a fresh clone)."""
    path = ROOT / "var" / f"bench_pages_{size}.sqlite3"
    path.parent.mkdir(exist_ok=True)
    return path


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(size, secret_key):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{database_path(size)}",
        SECRET_KEY=secret_key,
        PYTHONPATH=str(ROOT),
    )
    return env


class Server:
    """gunicorn with the production settings on 127.0.0.1, started and stopped by this run."""

    def __init__(self, size, secret_key):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = server_env(size, secret_key)
        env.update(
            DJANGO_SETTINGS_MODULE="bench.pages_settings",
            ALLOWED_HOSTS="127.0.0.1",
            CSRF_TRUSTED_ORIGINS=f"https://127.0.0.1:{self.port}",
        )
        # A fragment cache of this run's own, empty at the start (common.fragments).
        self.fragments = tempfile.TemporaryDirectory()  # noqa: SIM115 (removed in stop())
        env["FRAGMENT_CACHE_DIR"] = self.fragments.name
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop())
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "config.wsgi",
                f"--workers={WORKERS}",
                f"--bind=127.0.0.1:{self.port}",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                fetch_status(f"{self.base}/static/css/site.css", {"X-Forwarded-Proto": "https"})
                return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError("gunicorn did not answer within 60 s")

    def worker_rss_mb(self):
        """Resident memory (VmRSS) of each worker process, in MB."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        sizes = []
        for pid in children.read_text().split():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def errors(self):
        """What gunicorn and Django logged (warnings and errors)."""
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        # After the workers have gone: one still writing a fragment would leave the folder
        # not empty.
        self.log.close()
        self.fragments.cleanup()


def fetch_status(url, headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
