"""The outbox between the database and the search engine.

A save records which objects changed (`record`), as `IndexChange` rows in the save's own
transaction; after the commit the worker task sends them (`send_due`): in bulk, the current
state of each object read at sending time (so repeated changes collapse into one write), a
delete for objects that are gone or no longer indexed. Rows are deleted only once the engine
has accepted them; a failure leaves them in place with a back-off, so a save never fails and
never gets lost because the engine is down or slow.
"""

import logging
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Model
from django.dispatch import Signal
from django.utils import timezone

from ..models import LearningRecord
from .documents import learning_documents

if TYPE_CHECKING:
    from wagtail.search.index import Indexed

logger = logging.getLogger(__name__)

# Rows claimed per transaction, and records per bulk request (sent SENDERS at a time; a request
# is also cut at BULK_BYTES). Documents of the next request are built while the last is sent.
BATCH_SIZE = 5000
BULK_SIZE = 1000
BULK_BYTES = 10 * 2**20
SENDERS = 2
# A backlog at least this large is a bulk load: the index stops refreshing until it is sent.
BULK_LOAD_AT = 5000
# An outbox row as claimed: (id, content type id, object id).
Row = tuple[int, int, str]
# One bulk write to the engine, ready to run on a sending thread.
Request = Callable[[], object]
T = TypeVar("T")
# Seconds the settings change and the refresh after a bulk load may take on a busy node.
LOAD_TIMEOUT = 120
# While the engine is known to be down, saves skip the immediate send for this long.
PAUSE_AFTER_FAILURE = timedelta(seconds=30)
MAX_BACKOFF = timedelta(minutes=5)
PAUSE_KEY = "search:engine-paused-until"


@dataclass
class SendResult:
    sent: int = 0
    failed: int = 0
    error: str = ""


# Sent after a commit that queued changes; `search.tasks` answers by enqueuing the worker (so
# the outbox never imports the tasks that import it).
changes_due = Signal()


def engine_backends() -> list[Any]:
    """The configured Wagtail backends that write through the outbox."""
    from wagtail.search.backends import get_search_backends

    return [b for b in get_search_backends(with_auto_update=True) if hasattr(b, "send_bulk")]


def record(model: type[Model], ids: Iterable[Any]) -> None:
    """Queue `ids` of `model` for (re)indexing or removal, in the current transaction."""
    from ..models import IndexChange

    ids = [pk for pk in ids if pk is not None]
    if not ids:
        return
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    IndexChange.objects.bulk_create(
        [IndexChange(content_type=content_type, object_id=str(pk), queued_at=now) for pk in ids],
        batch_size=BATCH_SIZE,
    )
    transaction.on_commit(send_soon)


def send_soon() -> None:
    """After a commit: let the worker send what is due, unless the engine was just down."""
    paused_until = cache.get(PAUSE_KEY)
    if paused_until and paused_until > timezone.now():
        return
    # A task queue that cannot take it must not fail the save (send_robust catches).
    for _receiver, error in changes_due.send_robust(sender=None):
        if error is not None:
            logger.error(
                "Could not enqueue the search outbox; the rows wait for the next run: %r", error
            )


def _claim(batch_size: int) -> list[Row]:
    from ..models import IndexChange

    due = IndexChange.objects.due().order_by("id")
    if connection.features.has_select_for_update_skip_locked:
        # Two workers never send the same rows (PostgreSQL); SQLite has one writer anyway.
        due = due.select_for_update(skip_locked=True)
    return list(due.values_list("id", "content_type_id", "object_id")[:batch_size])


def _chunks(items: Iterable[T], size: int) -> list[list[T]]:
    items = list(items)
    return [items[start : start + size] for start in range(0, len(items), size)]


def _deliver(backends: list[Any], rows: list[Row]) -> None:
    """Send the current state of the rows' objects; raises if the engine refuses any."""
    by_type: dict[int, set[str]] = {}
    for _id, content_type_id, object_id in rows:
        by_type.setdefault(content_type_id, set()).add(object_id)
    # A node indexes one bulk request per core or so: keep two in flight. Documents are built
    # here, on this thread's connection, while the threads send the ones built before.
    with ThreadPoolExecutor(max_workers=SENDERS) as pool:
        futures = []
        for content_type_id, object_ids in by_type.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None:
                continue
            pk_field = model._meta.pk
            ids = {pk_field.to_python(value) for value in object_ids}
            for request in _requests(backends, model, ids):
                futures.append(pool.submit(request))
                _raise_failures(futures)
        for future in futures:
            future.result()


def _raise_failures(futures: list[Future[Any]]) -> None:
    for future in futures:
        if future.done():
            future.result()


def _requests(backends: list[Any], model: type[Model], ids: set[Any]) -> Iterator[Request]:
    """The bulk writes for `ids` of `model`, built one request at a time."""
    if model is LearningRecord:
        for chunk in _chunks(sorted(ids), BULK_SIZE):
            documents = learning_documents(chunk)
            gone = set(chunk) - set(documents)
            for backend in backends:
                yield partial(backend.send_documents, model, documents, max_bytes=BULK_BYTES)
                if gone:
                    yield partial(backend.send_deletes, model, sorted(gone))
        return
    indexed = cast("type[Indexed]", model)  # every model the outbox records is Wagtail-indexed
    present = list(indexed.get_indexed_objects().filter(pk__in=ids))
    gone = ids - {obj.pk for obj in present}
    for backend in backends:
        if present:
            # Wagtail's documents may read relations: built and sent here, on this connection.
            backend.send_bulk(model, present)
        if gone:
            yield partial(backend.send_deletes, model, sorted(gone, key=str))


@contextmanager
def bulk_load(backends: list[Any], model: type[Model] = LearningRecord) -> Iterator[None]:
    """While a large backlog is sent: the model's index does not refresh (each refresh makes a
    segment to merge later); the previous refresh interval is restored, and the index refreshed,
    afterwards, whatever happens. Replicas are left as configured: an acknowledged document must
    survive losing a node during the load."""
    paused = []
    for backend in backends:
        try:
            index = backend.get_index_for_model(model).name
            settings = backend.es.indices.get_settings(index=index)[index]["settings"]["index"]
            _put_settings(backend, index, {"refresh_interval": "-1"})
        except Exception:  # noqa: BLE001 - an engine that is down: the sending will say so
            logger.info("Could not pause refreshes for the bulk load", exc_info=True)
            continue
        paused.append((backend, index, settings.get("refresh_interval")))
    try:
        yield
    finally:
        for backend, index, interval in paused:
            try:
                _put_settings(backend, index, {"refresh_interval": interval})
                _refresh(backend, index)
            except Exception:  # noqa: BLE001 - logged; the index refreshes once the node is back
                logger.warning("Could not restore refreshes on %s", index, exc_info=True)


def _failed(row_ids: list[int], error: Exception) -> None:
    from ..models import IndexChange

    now = timezone.now()
    rows = IndexChange.objects.filter(id__in=row_ids)
    attempts = (rows.order_by("-attempts").values_list("attempts", flat=True).first() or 0) + 1
    backoff = min(timedelta(seconds=2**attempts), MAX_BACKOFF)
    rows.update(attempts=attempts, next_attempt_at=now + backoff, last_error=str(error)[:2000])
    cache.set(PAUSE_KEY, now + PAUSE_AFTER_FAILURE, int(PAUSE_AFTER_FAILURE.total_seconds()))


def send_due(batch_size: int = BATCH_SIZE, max_batches: int | None = None) -> SendResult:
    """Send every due change in batches; stops at the first failure. Returns a SendResult."""

    backends = engine_backends()
    result = SendResult()
    if not backends:
        return result
    load = bulk_load(backends) if _backlog() >= BULK_LOAD_AT else nullcontext()
    with load:
        _send_batches(backends, batch_size, max_batches, result)
    if result.sent and not result.failed:
        cache.delete(PAUSE_KEY)
    return result


def _put_settings(backend: Any, index: str, settings: dict[str, Any]) -> None:
    if getattr(backend, "client_kind", "") == "opensearch":
        backend.es.indices.put_settings(
            index=index, body={"index": settings}, request_timeout=LOAD_TIMEOUT
        )
    else:
        backend.es.options(request_timeout=LOAD_TIMEOUT).indices.put_settings(
            index=index, settings={"index": settings}
        )


def _refresh(backend: Any, index: str) -> None:
    """Refreshing after a bulk load writes a segment of everything sent: allow it time."""
    if getattr(backend, "client_kind", "") == "opensearch":
        backend.es.indices.refresh(index=index, request_timeout=LOAD_TIMEOUT)
    else:
        backend.es.options(request_timeout=LOAD_TIMEOUT).indices.refresh(index=index)


def _backlog() -> int:
    from ..models import IndexChange

    return IndexChange.objects.due().count()


def _send_batches(
    backends: list[Any], batch_size: int, max_batches: int | None, result: SendResult
) -> None:
    from ..models import IndexChange

    batches = 0
    while max_batches is None or batches < max_batches:
        batches += 1
        with transaction.atomic():
            rows = _claim(batch_size)
            if not rows:
                break
            row_ids = [row[0] for row in rows]
            try:
                with transaction.atomic():
                    _deliver(backends, rows)
            except Exception as error:  # noqa: BLE001 - any engine failure: keep rows, retry later
                logger.warning("Search engine refused %d changes: %s", len(rows), error)
                _failed(row_ids, error)
                result.failed += len(rows)
                result.error = str(error)
                break
            IndexChange.objects.filter(id__in=row_ids).delete()
            result.sent += len(rows)


def retry_at() -> datetime | None:
    """When the earliest waiting change is due, or None when nothing waits."""
    from ..models import IndexChange

    return (
        IndexChange.objects.order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )


# Changes younger than this are normal indexing delay, not worth a notice.
NOTICE_AFTER = timedelta(seconds=60)


def behind() -> tuple[int, datetime] | None:
    """(pending changes, oldest queued_at) when search is noticeably behind the saves, else None."""
    from ..models import IndexChange

    pending = IndexChange.objects.filter(queued_at__lt=timezone.now() - NOTICE_AFTER)
    oldest = pending.order_by("queued_at").values_list("queued_at", flat=True).first()
    if oldest is None:
        return None
    return IndexChange.objects.count(), oldest


def lag() -> tuple[int, timedelta | None]:
    """(pending changes, age of the oldest as a timedelta or None)."""
    from ..models import IndexChange

    return IndexChange.objects.lag()
