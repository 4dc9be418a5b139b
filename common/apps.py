from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = "Common building blocks"

    def ready(self):
        from .text_limits import limit_long_text_fields

        limit_long_text_fields()
