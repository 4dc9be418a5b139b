"""Transactions committed without waiting for the disk.

A synced commit waits until the database has flushed its log to the disk, so that a power cut
or an operating-system crash the moment after cannot undo it. For a record of who read what
(the case learning read log) that wait is most of what a read costs (#16), and the record is
not what the reader came for. `unsynced_atomic` commits one transaction without that wait:

- PostgreSQL: `SET LOCAL synchronous_commit TO off`, its documented per-transaction choice. A
  crash of the database server may lose such transactions committed in the last
  3 x `wal_writer_delay` (600 ms by default); the database stays consistent.
- SQLite in write-ahead-log mode: `PRAGMA synchronous = NORMAL` for this transaction only.
  Its pages are written to the log at once, so a crash of the process loses nothing; an
  operating-system crash or power cut may lose it until the next synced commit or checkpoint
  flushes the log. The database stays consistent.

Only an outermost transaction is relaxed: inside another one the block joins it, and the outer
commit is synced as usual. With the setting `READ_LOG_SYNCED` every commit is synced.
"""

import contextlib
from collections.abc import Iterator

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction


@contextlib.contextmanager
def unsynced_atomic(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """`transaction.atomic()` whose commit does not wait for the disk (see the module's
    docstring for what that risks on each database)."""
    connection = connections[using]
    if connection.in_atomic_block or settings.READ_LOG_SYNCED:
        with transaction.atomic(using=using):
            yield
        return
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        raw = connection.connection
        (previous,) = raw.execute("PRAGMA synchronous").fetchone()
        raw.execute("PRAGMA synchronous = NORMAL")
        try:
            with transaction.atomic(using=using):
                yield
        finally:
            raw.execute(f"PRAGMA synchronous = {int(previous)}")
        return
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO off")
        yield
