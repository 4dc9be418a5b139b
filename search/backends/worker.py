"""One background thread that runs a read on its own database connection, so a search can use
both cores (see `DatabaseLearningBackend._fts5_bitsets`)."""

import threading
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import connection

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _worker() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search")
        return _pool


def _fetch_on_own_connection(sql: str, params: list) -> list:
    """Run a read on this thread's own connection, closed afterwards."""
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    finally:
        connection.close()


def fetch_in_background(sql: str, params: list) -> Future:
    """The rows of `sql`, read on the background thread's own connection."""
    return _worker().submit(_fetch_on_own_connection, sql, params)
