from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import sync, synonyms, tasks  # noqa: F401 - tasks answers the outbox's signal
        from .engine import checks  # noqa: F401 - registers the engine settings checks
        from .models import Synonym

        sync.connect_signals()
        post_save.connect(synonyms.clear_cache, sender=Synonym, dispatch_uid="synonym-saved")
        post_delete.connect(synonyms.clear_cache, sender=Synonym, dispatch_uid="synonym-deleted")
