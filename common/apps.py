from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = "Common building blocks"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_save

        from . import lookups  # noqa: F401 (registers the lookups)
        from .fragments import on_model_change
        from .text_limits import limit_long_text_fields

        limit_long_text_fields()
        for signal in (post_save, m2m_changed):
            signal.connect(on_model_change, dispatch_uid=f"fragments-{signal}")
