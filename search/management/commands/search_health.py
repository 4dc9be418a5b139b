import sys
from typing import Any

from django.core.management.base import BaseCommand

from search import sources
from search.backends import SearchUnavailable, get_learning_backend
from search.engine import outbox
from search.models import LearningRecord, SearchRow

# Changes waiting longer than this make the report unhealthy.
LAG_LIMIT_SECONDS = 300


class Command(BaseCommand):
    help = (
        "Report the search backend, whether it answers, and shared records and index documents "
        "per type against the database. Exits 1 when anything is unhealthy."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        backend = get_learning_backend()
        reachable, message = backend.ping()
        self.stdout.write(f"Backend: {backend.name} - {message}")
        healthy = reachable
        pending, age = outbox.lag()
        if pending and age is not None:
            seconds = int(age.total_seconds())
            self.stdout.write(
                f"Index lag: {pending} change(s) waiting to reach the engine, oldest {seconds}s "
                "(run manage.py send_index_changes)"
            )
            healthy &= seconds < LAG_LIMIT_SECONDS
        else:
            self.stdout.write("Index lag: none (no changes waiting)")
        if not reachable:
            self.stdout.write(self.style.ERROR("UNHEALTHY: the search backend is unreachable."))
            sys.exit(1)
        self.stdout.write(f"{'type':<16}{'database':>10}{'records':>10}{'index':>10}  status")
        for model, _builder in sources.source_models():
            kind = sources.KIND_BY_MODEL[model._meta.label]
            expected = sources.shareable(model).count()
            records = LearningRecord.objects.filter(kind=kind).count()
            try:
                indexed = backend.document_count(model)
            except SearchUnavailable:
                indexed = -1
            wagtail_expected = model.get_indexed_objects().count()  # type: ignore[attr-defined]
            # Waiting changes are counted above; the index is allowed to be behind by them.
            ok = expected == records and (indexed == wagtail_expected or bool(pending))
            healthy &= ok
            status = "ok" if ok else "MISMATCH (run manage.py rebuild_search)"
            self.stdout.write(f"{kind:<16}{expected:>10}{records:>10}{indexed:>10}  {status}")
        total = LearningRecord.objects.count()
        try:
            indexed = backend.document_count(LearningRecord)
        except SearchUnavailable:
            indexed = -1
        ok = indexed == total or bool(pending and indexed >= 0)
        healthy &= ok
        status = "ok" if ok else "MISMATCH (run manage.py rebuild_search)"
        self.stdout.write(f"{'all records':<16}{total:>10}{total:>10}{indexed:>10}  {status}")
        if getattr(backend, "uses_fts5", False):
            rows = SearchRow.objects.count()
            ok = rows == total
            healthy &= ok
            status = "ok" if ok else "MISMATCH (run manage.py rebuild_search)"
            self.stdout.write(f"{'facet rows':<16}{total:>10}{total:>10}{rows:>10}  {status}")
        if not healthy:
            self.stdout.write(self.style.ERROR("UNHEALTHY"))
            sys.exit(1)
        self.stdout.write(self.style.SUCCESS("Healthy"))
