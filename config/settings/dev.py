"""Local development: `make run`. Never used in production."""

from .base import *  # noqa: F403
from .base import env, env_list

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Demo logins are printed by `make run`; never set outside development.
DEMO_PASSWORD = env("DEMO_PASSWORD", "brightspots-demo")
# Security: the second factor stays required for administrators and the case learning team;
# seed_demo gives their demo users a known authenticator key (`manage.py show_demo_logins`).
