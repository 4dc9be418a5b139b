"""Apps contribute to shared screens through small modules of their own, found by name.

`<app>/whats_new.py` defines `items(user, limit)`, `<app>/demo.py` defines `seed(stdout)`.
The home page and `seed_demo` call whatever the installed apps provide, so no app has to know
the others.
"""

import functools

from django.apps import apps
from django.utils.module_loading import import_string, module_has_submodule


def app_functions(module_name, function_name):
    """(app_label, function) for each installed app that provides `<app>.<module>.<function>`."""
    # Looked up once per set of installed apps (a test may change them), not on every page.
    installed = tuple(app_config.name for app_config in apps.get_app_configs())
    return _app_functions(installed, module_name, function_name)


@functools.cache
def _app_functions(installed, module_name, function_name):
    found = []
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, module_name):
            try:
                function = import_string(f"{app_config.name}.{module_name}.{function_name}")
            except ImportError:
                # A third-party app may have a module of that name (wagtail.actions does).
                continue
            found.append((app_config.label, function))
    return tuple(found)
