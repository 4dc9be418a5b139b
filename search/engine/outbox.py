"""The outbox between the database and the search engine.

A save records which objects changed (`record`), as `IndexChange` rows in the save's own
transaction; after the commit the worker task sends them (`send_due`): in bulk, the current
state of each object read at sending time (so repeated changes collapse into one write), a
delete for objects that are gone or no longer indexed. Rows are deleted only once the engine
has accepted them; a failure leaves them in place with a back-off, so a save never fails and
never gets lost because the engine is down or slow.
"""

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.dispatch import Signal
from django.utils import timezone

from ..models import LearningRecord
from .documents import learning_documents

logger = logging.getLogger(__name__)

# Rows claimed per transaction, and records per bulk request (sent SENDERS at a time).
BATCH_SIZE = 2000
BULK_SIZE = 500
SENDERS = 2
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


def engine_backends():
    """The configured Wagtail backends that write through the outbox."""
    from wagtail.search.backends import get_search_backends

    return [b for b in get_search_backends(with_auto_update=True) if hasattr(b, "send_bulk")]


def record(model, ids):
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


def send_soon():
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


def _claim(batch_size):
    from ..models import IndexChange

    due = IndexChange.objects.due().order_by("id")
    if connection.features.has_select_for_update_skip_locked:
        # Two workers never send the same rows (PostgreSQL); SQLite has one writer anyway.
        due = due.select_for_update(skip_locked=True)
    return list(due.values_list("id", "content_type_id", "object_id")[:batch_size])


def _chunks(items, size):
    items = list(items)
    return [items[start : start + size] for start in range(0, len(items), size)]


def _deliver(backends, rows):
    """Send the current state of the rows' objects; raises if the engine refuses any."""
    by_type = {}
    for _id, content_type_id, object_id in rows:
        by_type.setdefault(content_type_id, set()).add(object_id)
    requests = []
    for content_type_id, object_ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        pk_field = model._meta.pk
        ids = {pk_field.to_python(value) for value in object_ids}
        if model is LearningRecord:
            for chunk in _chunks(sorted(ids), BULK_SIZE):
                documents = learning_documents(chunk)
                gone = set(chunk) - set(documents)
                for backend in backends:
                    requests.append(partial(backend.send_documents, model, documents))
                    if gone:
                        requests.append(partial(backend.send_deletes, model, sorted(gone)))
            continue
        present = list(model.get_indexed_objects().filter(pk__in=ids))
        gone = ids - {obj.pk for obj in present}
        for backend in backends:
            if present:
                # Wagtail's documents may read relations: built here, on this connection.
                backend.send_bulk(model, present)
            if gone:
                requests.append(partial(backend.send_deletes, model, sorted(gone, key=str)))
    # A node indexes one bulk request per core or so: keep two in flight (the documents are
    # built already, so the threads never touch the database).
    with ThreadPoolExecutor(max_workers=SENDERS) as pool:
        for future in [pool.submit(request) for request in requests]:
            future.result()


def _failed(row_ids, error):
    from ..models import IndexChange

    now = timezone.now()
    rows = IndexChange.objects.filter(id__in=row_ids)
    attempts = (rows.order_by("-attempts").values_list("attempts", flat=True).first() or 0) + 1
    backoff = min(timedelta(seconds=2**attempts), MAX_BACKOFF)
    rows.update(attempts=attempts, next_attempt_at=now + backoff, last_error=str(error)[:2000])
    cache.set(PAUSE_KEY, now + PAUSE_AFTER_FAILURE, int(PAUSE_AFTER_FAILURE.total_seconds()))


def send_due(batch_size=BATCH_SIZE, max_batches=None):
    """Send every due change in batches; stops at the first failure. Returns a SendResult."""
    from ..models import IndexChange

    backends = engine_backends()
    result = SendResult()
    if not backends:
        return result
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
    if result.sent and not result.failed:
        cache.delete(PAUSE_KEY)
    return result


def retry_at():
    """When the earliest waiting change is due, or None when nothing waits."""
    from ..models import IndexChange

    return (
        IndexChange.objects.order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )


# Changes younger than this are normal indexing delay, not worth a notice.
NOTICE_AFTER = timedelta(seconds=60)


def behind():
    """(pending changes, oldest queued_at) when search is noticeably behind the saves, else None."""
    from ..models import IndexChange

    pending = IndexChange.objects.filter(queued_at__lt=timezone.now() - NOTICE_AFTER)
    oldest = pending.order_by("queued_at").values_list("queued_at", flat=True).first()
    if oldest is None:
        return None
    return IndexChange.objects.count(), oldest


def lag():
    """(pending changes, age of the oldest as a timedelta or None)."""
    from ..models import IndexChange

    return IndexChange.objects.lag()
