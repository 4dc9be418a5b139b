"""Background work for search: sending the outbox of index changes to the engine."""

from typing import Any

from django.dispatch import receiver
from django.utils import timezone

from django_tasks import default_task_backend, task

from .engine import outbox


@task()
def send_index_changes() -> dict[str, Any]:
    """Send the due index changes in bulk; with a deferring task backend, schedule the retry."""
    result = outbox.send_due()
    if result.failed and default_task_backend.supports_defer:
        when = outbox.retry_at()
        if when is not None:
            send_index_changes.using(run_after=max(when, timezone.now())).enqueue()
    return {"sent": result.sent, "failed": result.failed, "error": result.error}


@receiver(outbox.changes_due, dispatch_uid="search-enqueue-index-changes")
def enqueue_sending(sender: Any, **kwargs: Any) -> None:
    """After a commit that queued index changes: the worker sends them."""
    send_index_changes.enqueue()
