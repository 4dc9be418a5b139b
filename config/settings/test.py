"""Test settings: fast hashing, in-memory cache, tasks run immediately, email kept in memory."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Tests run inside a transaction that never commits, so the data version (common.fragments)
    # would never change: no fragment is kept, except in tests/common/test_fragments.py.
    "fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_PASSWORD = env("DEMO_PASSWORD", "brightspots-demo")
# Security: most tests sign in with force_login, so the second factor and the double-submit
# guard are off by default; tests/people and tests/common turn them on to test them.
TWO_FACTOR_REQUIRED_ROLES = []
DOUBLE_SUBMIT_WINDOW_SECONDS = 0
# Tests build word statistics in each process; tests/search/test_ranking.py sets a file.
SEARCH_STATS_FILE = None
