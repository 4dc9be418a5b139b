from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.db.models import Model

from wagtail.search.backends import get_search_backends
from wagtail.search.backends.base import BaseSearchBackend
from wagtail.search.index import get_indexed_models

from search import indexing, planner, sources, sync
from search.models import LearningRecord

BATCH = 500


class Command(BaseCommand):
    help = (
        "Rebuild the shared learning records from their sources (one transaction per batch), "
        "then Wagtail's search index for every indexed model, with a progress bar."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=BATCH)
        parser.add_argument(
            "--records-only", action="store_true", help="Only rebuild the shared records table"
        )

    def progress(self, label: str, done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        percent = int(100 * done / total) if total else 100
        bar = "#" * filled + "-" * (width - filled)
        ending = "\n" if done >= total else ""
        self.stdout.write(f"\r{label:<32} [{bar}] {percent:3d}% ({done}/{total})", ending=ending)
        self.stdout.flush()

    def handle(self, *args: Any, batch_size: Any, records_only: Any, **options: Any) -> None:
        for model, _builder in sources.source_models():
            # With --records-only the learning search index is written here; otherwise below.
            self.rebuild_records(model, batch_size, index_records=records_only)
        if records_only:
            planner.refresh_statistics()
            return
        for backend in get_search_backends(with_auto_update=False):
            self.rebuild_index(backend, batch_size)
        planner.refresh_statistics()
        self.stdout.write(self.style.SUCCESS("Search rebuilt."))

    def rebuild_records(self, model: type[Model], batch_size: int, index_records: bool) -> None:
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        ids = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
        label = f"records: {model._meta.label}"
        self.progress(label, 0, len(ids))
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            objects = sources.prefetched(model, model._default_manager.filter(pk__in=batch))
            with transaction.atomic():
                sync.sync_objects(model, objects, index_records=index_records)
            self.progress(label, min(start + batch_size, len(ids)), len(ids))
        orphans = LearningRecord.objects.filter(source_type=content_type).exclude(
            source_id__in=model._default_manager.values("pk")
        )
        orphans.delete()

    def rebuild_index(self, backend: BaseSearchBackend, batch_size: int) -> None:
        from modelsearch.management.commands.rebuild_modelsearch_index import (
            group_models_by_index,
        )

        if not backend.rebuilder_class:
            return
        for index, models in group_models_by_index(backend, get_indexed_models()).items():
            rebuilder = backend.rebuilder_class(index)
            index = rebuilder.start()
            for model in models:
                index.add_model(model)
            for model in models:
                queryset = model.get_indexed_objects().order_by("pk")
                total = queryset.count()
                label = f"index: {model._meta.label}"
                self.progress(label, 0, total)
                done = 0
                last_pk = None
                while done < total:
                    page = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
                    chunk = list(page[:batch_size])
                    if not chunk:
                        break
                    if model is LearningRecord and type(backend).__name__ == "SQLiteSearchBackend":
                        # Also writes the narrow facet rows the SQLite search reads.
                        indexing.sqlite_index_entries(chunk)
                    else:
                        index.add_items(model, chunk)
                    done += len(chunk)
                    last_pk = chunk[-1].pk
                    self.progress(label, done, total)
                if total == 0:
                    self.progress(label, 0, 0)
            rebuilder.finish()
