"""Benchmarks for `make bench`; see bench/__main__.py."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_child(module, database_path, *, production=False):
    """Run `python -m <module> child` against its own SQLite database; its last line of output
    is JSON, returned parsed. The dev database is never touched. `production`: the production
    settings (DEBUG off, so no query is logged), with a secret key of this run's own."""
    database_path.parent.mkdir(exist_ok=True)
    env = dict(os.environ)
    env["DATABASE_URL"] = f"sqlite:///{database_path}"
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    if production:
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            SECRET_KEY=secrets.token_urlsafe(64),
            ALLOWED_HOSTS="127.0.0.1",
        )
    env["PYTHONPATH"] = str(ROOT)
    completed = subprocess.run(
        [sys.executable, "-m", module, "child"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])
