from django.apps import AppConfig


class BarriersConfig(AppConfig):
    name = "barriers"

    def ready(self):
        from . import signals  # noqa: F401 - connects the roll-up receivers
