"""Demo: make sure every shared demo record is in the search records table (idempotent)."""

from typing import TextIO

from django.db import transaction

from . import sources, sync


def seed(stdout: TextIO) -> None:
    total = 0
    for model, _builder in sources.source_models():
        with transaction.atomic():
            total += sync.sync_objects(model, sources.prefetched(model, sources.shareable(model)))
    stdout.write(f"search: {total} shared learning record(s) indexed")
