from django.apps import AppConfig


class BrightspotsConfig(AppConfig):
    name = "brightspots"

    def ready(self):
        from . import signals  # noqa: F401
        from .notifications import replace_wagtail_workflow_emails

        replace_wagtail_workflow_emails()
