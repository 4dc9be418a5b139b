"""Backups of everything the site holds: every database row (SQLite or PostgreSQL alike, as
Django's JSON serialisation) and every uploaded file, in one .tar.gz.

A restore replaces the database's contents in one transaction, so a failure half-way leaves the
database as it was, then puts the media files back and rebuilds the search index.
"""

import contextlib
import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import signals
from django.utils import timezone

FORMAT_VERSION = 1
# Django's JSON with full-precision times (common.exact_json, registered in settings).
DATA_NAME = "data.exactjson"
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"
# Rows that are not worth keeping: live sign-in sessions and django-axes' failure counters.
EXCLUDED = ["sessions.session", "axes.accessattempt", "axes.accessfailurelog", "axes.accesslog"]


# Rebuilt from the records after a restore (`rebuild_search`), so not compared row for row.
DERIVED = [
    "search.LearningRecord",
    "search.SearchRow",
    "wagtailsearch.IndexEntry",
    "wagtailsearch.SQLiteFTSIndexEntry",
]
MODEL_SIGNALS = (
    signals.pre_save,
    signals.post_save,
    signals.pre_delete,
    signals.post_delete,
    signals.m2m_changed,
)


class BackupError(Exception):
    pass


@contextlib.contextmanager
def model_signals_muted():
    """Loading rows is not saving them: no search sync, no notifications, no roll-ups while the
    backup's rows go in (they already hold those results)."""
    saved = [(signal, signal.receivers) for signal in MODEL_SIGNALS]
    try:
        for signal in MODEL_SIGNALS:
            signal.receivers = []
            signal.sender_receivers_cache.clear()
        yield
    finally:
        for signal, receivers in saved:
            signal.receivers = receivers
            signal.sender_receivers_cache.clear()


def backed_up_models():
    excluded = {label.lower() for label in EXCLUDED}
    return [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in excluded and model._meta.managed and not model._meta.proxy
    ]


def _media_files(storage=default_storage, folder=""):
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{folder}{name}"
    for sub in folders:
        yield from _media_files(storage, f"{folder}{sub}/")


def write_backup(path, stdout=None):
    """Write the backup to `path`; returns the manifest (row counts per model, media files)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        data_file = Path(work) / DATA_NAME
        # One transaction: the rows are read as one consistent picture.
        with transaction.atomic():
            call_command(
                "dumpdata",
                *[f"--exclude={label}" for label in EXCLUDED],
                output=str(data_file),
                format="exactjson",
                verbosity=0,
            )
            counts = {m._meta.label: m._base_manager.count() for m in backed_up_models()}
        media = sorted(_media_files())
        manifest = {
            "format": FORMAT_VERSION,
            "created": timezone.now().isoformat(),
            "database": connection.vendor,
            "rows": counts,
            "media": media,
        }
        with tarfile.open(path, "w:gz") as archive:
            archive.add(data_file, arcname=DATA_NAME)
            for name in media:
                with default_storage.open(name, "rb") as handle:
                    content = handle.read()
                info = tarfile.TarInfo(MEDIA_PREFIX + name)
                info.size = len(content)
                archive.addfile(info, io.BytesIO(content))
            blob = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST_NAME)
            info.size = len(blob)
            archive.addfile(info, io.BytesIO(blob))
    if stdout:
        stdout.write(f"{sum(counts.values())} rows in {len(counts)} tables, {len(media)} files")
    return manifest


def read_manifest(path):
    with tarfile.open(path, "r:gz") as archive:
        member = archive.getmember(MANIFEST_NAME)
        return json.load(archive.extractfile(member))


def _set_constraints(mode):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET CONSTRAINTS ALL {mode}")


def restore_backup(path, stdout=None):
    """Replace every row and media file with the backup's. All or nothing for the database."""
    path = Path(path)
    try:
        manifest = read_manifest(path)
    except (tarfile.TarError, KeyError, OSError, json.JSONDecodeError) as error:
        raise BackupError(f"{path} is not a Bright Spots backup: {error}") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(
            f"{path} has backup format {manifest.get('format')}, not {FORMAT_VERSION}."
        )
    with tempfile.TemporaryDirectory() as work, tarfile.open(path, "r:gz") as archive:
        data_file = Path(work) / DATA_NAME
        with archive.extractfile(DATA_NAME) as source:
            data_file.write_bytes(source.read())
        with transaction.atomic():
            # Empty every table without recreating the rows migrations make: the backup has them.
            # PostgreSQL refuses to TRUNCATE a table with deferred checks still pending from this
            # transaction: run them first, then defer again so the load may come in any order.
            _set_constraints("IMMEDIATE")
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            _set_constraints("DEFERRED")
            with model_signals_muted():
                call_command("loaddata", str(data_file), verbosity=0)
            ContentType.objects.clear_cache()
            counts = {m._meta.label: m._base_manager.count() for m in backed_up_models()}
            wrong = {
                label: (count, counts.get(label))
                for label, count in manifest["rows"].items()
                if counts.get(label) != count
            }
            if wrong:
                raise BackupError(f"Rows differ after loading, nothing restored: {wrong}")
        for name in manifest["media"]:
            member = archive.getmember(MEDIA_PREFIX + name)
            if default_storage.exists(name):
                default_storage.delete(name)
            default_storage.save(name, archive.extractfile(member))
    call_command("rebuild_search", verbosity=0, stdout=io.StringIO())
    if stdout:
        stdout.write(f"Restored {sum(counts.values())} rows and {len(manifest['media'])} files")
    return manifest


def default_backup_path():
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BACKUP_DIR) / f"brightspots-{stamp}.tar.gz"
