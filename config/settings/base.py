"""Settings shared by every environment. No secrets here: they come from environment variables."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "common",
    "privacy",
    "taxonomy",
    "people",
    "home",
    "barriers",
    "brightspots",
    "reviews",
    "stories",
    "discussion",
    "search",
    "audit",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "people.apps.PeopleUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "common.security_headers.SecurityHeadersMiddleware",
    "common.security_headers.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "common.sessions.RenewingSessionMiddleware",
    "common.fragments.DataVersionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "people.middleware.SecondFactorMiddleware",
    "people.middleware.SignInRequiredMiddleware",
    "people.middleware.AccountGateMiddleware",
    "audit.middleware.PermissionDenialMiddleware",
    "common.once.DoubleSubmitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "privacy.middleware.IdentifierRefusedMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last: which page a URL is, kept between requests once every gate above has let it pass.
    "home.routing.KeptPageRouteMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "people.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'brightspots.sqlite3'}"),
        # Speed (#16): a worker keeps its connection between requests (checked before reuse).
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Speed (#16): on SQLite, readers never wait for a writer (write-ahead log), a write takes its
# lock at BEGIN rather than failing to upgrade one mid-transaction, and waits up to 20 s for it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL;", transaction_mode="IMMEDIATE", timeout=20
    )

AUTH_USER_MODEL = "people.User"
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "people:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Bright Spots <no-reply@brightspots.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Speed (#16): rendered page fragments shared by people who may see the same thing
# (common.fragments), in files every worker on the host reads, so a write seen by one worker
# forgets them for all; no extra service. FRAGMENT_CACHE_SECONDS bounds a fragment's life.
CACHES["fragments"] = {
    "BACKEND": "common.cache.FragmentFileCache",
    "LOCATION": env("FRAGMENT_CACHE_DIR", str(VAR_DIR / "cache" / "fragments")),
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
FRAGMENT_CACHE_SECONDS = int(env("FRAGMENT_CACHE_SECONDS", "600"))

TASKS = {
    "default": {"BACKEND": env("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {"privacy": {"level": "INFO"}, "audit": {"level": "INFO"}},
}

# Wagtail
WAGTAIL_SITE_NAME = "Bright Spots"
BASE_URL = env("BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Discussion: how long writers may edit or delete their own comment.
DISCUSSION_EDIT_WINDOW_MINUTES = int(env("DISCUSSION_EDIT_WINDOW_MINUTES", "15"))

# Word statistics for search ranking, kept between processes (search/ranking.py); empty: off.
SEARCH_STATS_FILE = env("SEARCH_STATS_FILE", str(VAR_DIR / "search-word-stats.json")) or None

# Search: Wagtail's database backend (SQLite FTS5 or PostgreSQL), or an Elasticsearch-API engine
# chosen by SEARCH_ENGINE: elasticsearch8, elasticsearch9, opensearch2 or opensearch3 (see
# docs/scaling.md). SEARCH_URL may list several nodes, comma-separated, with user:password@.
SEARCH_ENGINES = ("database", "elasticsearch8", "elasticsearch9", "opensearch2", "opensearch3")
SEARCH_ENGINE = env("SEARCH_ENGINE", "database")
if SEARCH_ENGINE not in SEARCH_ENGINES:
    raise ImproperlyConfigured(
        f"SEARCH_ENGINE={SEARCH_ENGINE!r} is not known: use one of {', '.join(SEARCH_ENGINES)}."
    )
if SEARCH_ENGINE == "database":
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"search.engine.{SEARCH_ENGINE}",
            "URLS": env_list("SEARCH_URL", "http://127.0.0.1:9200"),
            "INDEX_PREFIX": env("SEARCH_INDEX_PREFIX", "brightspots_"),
            "TIMEOUT": int(env("SEARCH_TIMEOUT", "5")),
            # Another node is tried when one does not answer (clusters behind several URLs).
            "OPTIONS": {"max_retries": 2, "retry_on_timeout": True},
            "INDEX_SETTINGS": {
                "settings": {
                    "index": {
                        "number_of_shards": int(env("SEARCH_SHARDS", "1")),
                        "number_of_replicas": int(env("SEARCH_REPLICAS", "0")),
                    }
                }
            },
        }
    }

# OpenSearch only: threads one search's segments are searched on at once (concurrent segment
# search); 1 leaves OpenSearch's default. Read when an index is created (docs/scaling.md).
SEARCH_SLICES = int(env("SEARCH_SLICES", "1"))

# Forms render through the project's templates (templates/django/forms/ overrides a widget
# template, e.g. empty choices say "Choose one" or "None" instead of "---------").
INSTALLED_APPS += ["django.forms"]  # Django's own widget templates, found by the renderer
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Security: accounts, sessions, headers. docs/security.md explains each choice.
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_RESET_TIMEOUT = int(env("PASSWORD_RESET_TIMEOUT_MINUTES", "60")) * 60
AUTH_PASSWORD_VALIDATORS[1]["OPTIONS"] = {"min_length": 12}
# Lockout: at most AXES_FAILURE_LIMIT wrong passwords for one username (or from one address),
# then refused for AXES_COOLOFF_MINUTES whatever the password.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = int(env("AXES_COOLOFF_MINUTES", "30")) / 60
AXES_LOCKOUT_PARAMETERS = env_list("AXES_LOCKOUT_PARAMETERS", "username,ip_address")
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "people/locked_out.html"
AXES_DISABLE_ACCESS_LOG = True  # sign-ins go to the audit log, which keeps no addresses
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = int(env("AXES_PROXY_COUNT", "0")) or None
# Behind a proxy the client address is the forwarded one; otherwise a forged header is ignored.
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)
# Second factor (TOTP apps, with single-use recovery codes). Required for these roles.
OTP_TOTP_ISSUER = "Bright Spots"
TWO_FACTOR_REQUIRED_ROLES = ["Administrator", "Case learning team"]
# Case learning reads are logged (stories.audit) in a transaction committed without waiting for
# the disk (common.transactions: a database crash or power cut may lose the last moment's read
# records, never a change). READ_LOG_SYNCED=true waits for the disk on every read as well.
READ_LOG_SYNCED = env_bool("READ_LOG_SYNCED")
# Sessions end after SESSION_IDLE_MINUTES without a request, and when the browser closes.
SESSION_COOKIE_AGE = int(env("SESSION_IDLE_MINUTES", "30")) * 60
# Renewed when a request comes at least SESSION_RENEW_SECONDS after the last renewal
# (common.sessions), not saved on every request: a page costs no database write.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = int(env("SESSION_RENEW_SECONDS", "60"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# API tokens stop working this many days after they are made (revoking ends them at once).
API_TOKEN_LIFETIME_DAYS = int(env("API_TOKEN_LIFETIME_DAYS", "90"))
# Headers (OWASP secure headers). The CSP allows no inline script on the site; the Wagtail admin
# gets inline styles and scripts (its own widgets), see common.security_headers.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
# A second identical form post within this many seconds is not saved twice.
DOUBLE_SUBMIT_WINDOW_SECONDS = int(env("DOUBLE_SUBMIT_WINDOW_SECONDS", "10"))
# Backups (manage.py backup / restore) are written here unless a path is given.
BACKUP_DIR = Path(env("BACKUP_DIR", str(VAR_DIR / "backups")))
SERIALIZATION_MODULES = {"exactjson": "common.exact_json"}
