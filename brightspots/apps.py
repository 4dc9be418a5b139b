from django.apps import AppConfig


class BrightspotsConfig(AppConfig):
    name = "brightspots"
