"""Claimtrack settings: one file, driven by the environment.

A fresh checkout runs on SQLite with DEBUG on; production sets DATABASE_URL, SECRET_KEY,
ALLOWED_HOSTS and DEBUG=0 (see .env.example).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1/0, true/false)")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer") from None


def envfloat(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a number") from None


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    # Only ever used on a developer's machine: DEBUG is on.
    SECRET_KEY = "django-insecure-claimtrack-development-only"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    # Swagger UI and Redoc served from our own static files (no CDN on the admin's origin).
    "drf_spectacular_sidecar",
    "axes",
    "articles",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the query string: an over-long API URL is a JSON 414.
    "claims.api.limits.url_length_limit",
    # Serves collected static files under gunicorn; with DEBUG on, runserver serves them.
    *([] if DEBUG else ["whitenoise.middleware.WhiteNoiseMiddleware"]),
    # ETag on every GET and 304 for If-None-Match: feed readers and newsroom tools that poll
    # a page get "not modified" instead of the page again.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a login from a locked-out client before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite file by default so a fresh checkout needs no server; PostgreSQL when DATABASE_URL is set.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg binds parameters on the server and prepares a statement once a connection has
    # sent it DATABASE_PREPARE_THRESHOLD times (psycopg's default, 5), then executes it by name
    # without planning it again. Set it empty behind a transaction-mode pooler (PgBouncer
    # before 1.21) that cannot keep a session's prepared statements.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "server_side_binding": True,
        "prepare_threshold": envint("DATABASE_PREPARE_THRESHOLD", 5)
        if os.environ.get("DATABASE_PREPARE_THRESHOLD", "5")
        else None,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache (Redis) when REDIS_URL is set: the API's response cache and the anonymous
# throttle's counters must be the same for every gunicorn worker. Without it, each process
# keeps its own in memory (fine for one process: runserver, the tests, bin/demo).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "claimtrack"),
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Behind a TLS-terminating proxy (compose, a PaaS): trust its scheme header only when told to.
if envbool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts, styles, images and fonts from this origin only.
# Inline style attributes stay allowed (the admin and Swagger UI set them); inline scripts and
# every other origin do not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# How many reverse proxies in front of gunicorn append to X-Forwarded-For (compose as shipped:
# 0, clients reach gunicorn directly; behind one nginx or caddy: 1). The client address for the
# anonymous rate limit and the login lockout is read that many entries from the right; with 0
# the header is ignored, so a client cannot choose its own address (config/security.py).
CLAIMTRACK_PROXY_COUNT = envint("CLAIMTRACK_PROXY_COUNT", 0)

# django-axes: after AXES_FAILURE_LIMIT wrong passwords for one user name from one address,
# that pair is refused for AXES_COOLOFF_MINUTES (a right password included); a success resets.
# Per pair, not per user name: a stranger cannot lock a colleague out from elsewhere.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.security.client_address"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "claims.api.schema.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an unauthenticated request gets 401 with `WWW-Authenticate: Token`.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["claims.api.permissions.DeskReader"],
    "DEFAULT_PARSER_CLASSES": ["claims.api.parsers.BoundedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "claims.api.pagination.PagePagination",
    "DEFAULT_THROTTLE_CLASSES": ["claims.api.throttling.AnonymousThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": f"{envint('CLAIMTRACK_API_ANON_PER_MINUTE', 60)}/min"},
    "EXCEPTION_HANDLER": "claims.api.errors.exception_handler",
    "NUM_PROXIES": CLAIMTRACK_PROXY_COUNT,
    "SEARCH_PARAM": "q",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Claimtrack API",
    "DESCRIPTION": (
        "Articles in, checkable claims out; verdicts published as schema.org ClaimReview."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    # No badge from validator.swagger.io: the docs load nothing from another host.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.Status",
        "IngestStatusEnum": ["created", "unchanged", "updated"],
        "IngestJobStatusEnum": "claims.models.JobStatus",
        "FeedKindEnum": "articles.models.FeedKind",
        "KindEnum": "claims.models.Kind",
        "IngestJobItemStatusEnum": "claims.models.ItemStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "claims.api.schema.describe_kinds",
    ],
}

# --- Claimtrack -----------------------------------------------------------------------------
# The organisation that publishes fact-checks (ClaimReview `author`).
CLAIMTRACK_ORGANIZATION_NAME = os.environ.get("CLAIMTRACK_ORGANIZATION_NAME", "Claimtrack Desk")
CLAIMTRACK_ORGANIZATION_URL = os.environ.get("CLAIMTRACK_ORGANIZATION_URL", "https://example.org/")
# Inputs larger than this are refused by ingest (command and API) with a clear error.
# Publishing rules (claims.services): what a verdict needs before an editor may publish it.
CLAIMTRACK_PUBLISH_MIN_SOURCES = envint("CLAIMTRACK_PUBLISH_MIN_SOURCES", 1)
CLAIMTRACK_PUBLISH_REQUIRE_EXPLANATION = envbool("CLAIMTRACK_PUBLISH_REQUIRE_EXPLANATION", False)
# On: an editor may not publish a verdict they drafted; another editor must.
CLAIMTRACK_REQUIRE_SECOND_REVIEWER = envbool("CLAIMTRACK_REQUIRE_SECOND_REVIEWER", False)

CLAIMTRACK_MAX_INPUT_BYTES = envint("CLAIMTRACK_MAX_INPUT_BYTES", 5 * 1024 * 1024)
CLAIMTRACK_URL_TIMEOUT_SECONDS = envfloat("CLAIMTRACK_URL_TIMEOUT_SECONDS", 15.0)
# Off: ingest refuses URLs on loopback/private/link-local addresses (see articles/inputs.py).
CLAIMTRACK_ALLOW_PRIVATE_URLS = envbool("CLAIMTRACK_ALLOW_PRIVATE_URLS", False)
# Match the claims of each ingested article against stored claims and fact-checks (issue 18).
CLAIMTRACK_MATCH_ON_INGEST = envbool("CLAIMTRACK_MATCH_ON_INGEST", True)
# The vector index each process holds: "exact" (a float32 matrix, scanned per request) or
# "hnsw" (usearch's graph over int8 vectors: a quarter of the memory, a search that does not
# grow with the collection, slightly lower recall). README: figures for both.
CLAIMTRACK_MATCH_INDEX = os.environ.get("CLAIMTRACK_MATCH_INDEX", "exact")
if CLAIMTRACK_MATCH_INDEX not in ("exact", "hnsw"):
    raise ImproperlyConfigured(
        f"CLAIMTRACK_MATCH_INDEX must be 'exact' or 'hnsw', not {CLAIMTRACK_MATCH_INDEX!r}"
    )
# A folder with the index `manage.py match_claims --save-index` wrote: each process loads it on
# first use, then adds what was stored since (unset: each process reads every stored vector).
CLAIMTRACK_MATCH_SNAPSHOT = os.environ.get("CLAIMTRACK_MATCH_SNAPSHOT", "")
# Check-worthiness: the model (CLAIMTRACK_CHECKWORTHINESS_MODEL: "ensemble", the default, or
# "linear", ~50x faster and less accurate; read by claims/extraction/checkworthiness.py) and the
# score from which a sentence becomes a candidate claim. Empty: the news calibration's cut where the
# model has one (claims/extraction/calibration.py), else the model's own threshold chosen on CT24
# dev. Set, it cuts the model's own score. Trade-offs: models/MODEL_CARD.md.
CLAIMTRACK_CHECKWORTHINESS_THRESHOLD = (
    envfloat("CLAIMTRACK_CHECKWORTHINESS_THRESHOLD", 0.0)
    if os.environ.get("CLAIMTRACK_CHECKWORTHINESS_THRESHOLD")
    else None
)
# Off: ingest commits don't wait for the WAL flush (PostgreSQL); see claims/ingest/write.py.
CLAIMTRACK_INGEST_SYNCHRONOUS_COMMIT = envbool("CLAIMTRACK_INGEST_SYNCHRONOUS_COMMIT", False)
# The claim list and the ClaimReview feed are cached whole for this many seconds, keyed by the
# data version (config/cache.py: every write service moves it when it commits, so a cached
# page is never older than the last write made through them) and the reader's role. 0: off.
# Default on only with a shared cache (REDIS_URL): per-process caches cannot see each other's
# invalidations.
CLAIMTRACK_API_CACHE_SECONDS = envint("CLAIMTRACK_API_CACHE_SECONDS", 300 if REDIS_URL else 0)
# Request bodies larger than this get 413 from the API (room for an article at the ingest
# limit). Django's own limit, so the two cannot disagree: Django reads the body and refuses it
# past this size (declared or not), and claims.api.errors answers that as the API's 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint(
    "CLAIMTRACK_API_MAX_BODY_BYTES", CLAIMTRACK_MAX_INPUT_BYTES + 64 * 1024
)

# --- Background work (Celery) ---------------------------------------------------------------
# CELERY_BROKER_URL names the broker (amqp://… for RabbitMQ, redis://… for Redis); workers run
# `celery -A config worker`, beat `celery -A config beat`. Unset (the embedded default): no
# broker, every task runs eagerly in the process that queues it, and nothing else is needed.
# A task's state is its job's rows in the database (claims.IngestJob), not a result backend.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"  # never connected to: tasks run eagerly
# A task is acknowledged when it has finished, not when a worker takes it: a worker killed
# mid-task leaves its message to be delivered again (the tasks are idempotent).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# One message at a time per worker process: a long task never holds others back in its buffer.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# RabbitMQ redelivers an unacknowledged message after its consumer goes; Redis only after this.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": envint("CELERY_VISIBILITY_TIMEOUT", 3600)}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = "UTC"
# Articles per task of a queued ingest job: small enough that two workers share a job evenly
# and a redelivered task redoes little, large enough that each transaction carries several.
CLAIMTRACK_JOB_CHUNK_SIZE = envint("CLAIMTRACK_JOB_CHUNK_SIZE", 10)
# A job queued or running that has not moved (no task started, no article written) for this many
# seconds is stale: its worker died and its tasks were lost, or the broker forgot them. It is
# shown as stale, and may be retried (its unfinished articles queued again). Keep it above the
# longest wait a job can have behind others in the queue.
CLAIMTRACK_JOB_STALE_AFTER = envint("CLAIMTRACK_JOB_STALE_AFTER", 1800)
# An API ingest of more articles than this (or of a URL list) is queued as a job (202).
CLAIMTRACK_SYNC_INGEST_MAX = envint("CLAIMTRACK_SYNC_INGEST_MAX", 1)
# Two-stage scoring: ingest writes claims at once with the fast model's score
# (CLAIMTRACK_FAST_CHECKWORTHINESS_MODEL), and a worker rescores them with the default model in
# batches (score and model version; the queue's order follows). Default: on with a broker (the
# rescoring is then off the request path), off in the embedded default, which scores once.
CLAIMTRACK_TWO_STAGE_SCORING = envbool("CLAIMTRACK_TWO_STAGE_SCORING", not CELERY_TASK_ALWAYS_EAGER)
CLAIMTRACK_FAST_CHECKWORTHINESS_MODEL = os.environ.get(
    "CLAIMTRACK_FAST_CHECKWORTHINESS_MODEL", "linear"
)
CLAIMTRACK_RESCORE_BATCH_SIZE = envint("CLAIMTRACK_RESCORE_BATCH_SIZE", 500)
# Beat (`celery -A config beat`): polls the feeds that are due, each feed in its own task.
CELERY_BEAT_SCHEDULE = {
    "poll-due-feeds": {
        "task": "claims.tasks.poll_due_feeds",
        "schedule": envfloat("CLAIMTRACK_FEED_CHECK_SECONDS", 60.0),
    }
}
