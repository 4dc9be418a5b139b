"""Apps contribute to shared screens through small modules of their own, found by name.

`<app>/whats_new.py` defines `items(user, limit)`, `<app>/demo.py` defines `seed(stdout)`.
The home page and `seed_demo` call whatever the installed apps provide, so no app has to know
the others.
"""

from django.apps import apps
from django.utils.module_loading import import_string, module_has_submodule


def app_functions(module_name, function_name):
    """(app_label, function) for each installed app that provides `<app>.<module>.<function>`."""
    found = []
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, module_name):
            try:
                function = import_string(f"{app_config.name}.{module_name}.{function_name}")
            except ImportError:
                # A third-party app may have a module of that name (wagtail.actions does).
                continue
            found.append((app_config.label, function))
    return found
