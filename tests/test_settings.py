"""Settings come from the environment; production variables give a clean deploy check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7Gq2vL9pR4sT8wY1zB6nM3kJ5hF0dC7aE2iU9oP4lK8jH3gD6fS1",
    "ALLOWED_HOSTS": "claims.example.org",
    "DATABASE_URL": "postgres://claimtrack:secret@db.example.org:5432/claimtrack",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    ignored = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in ignored}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deploy_check_is_clean_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_a_malformed_boolean_setting_is_named_in_the_error():
    result = manage("check", DEBUG="perhaps")
    assert result.returncode != 0
    assert "DEBUG='perhaps' is not a boolean" in result.stderr


def _cache_settings(**env: str) -> str:
    code = (
        "from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.CLAIMTRACK_API_CACHE_SECONDS)"
    )
    result = manage("shell", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_api_page_cache_is_on_only_with_a_shared_redis_cache():
    without = _cache_settings(REDIS_URL="")
    assert without == "django.core.cache.backends.locmem.LocMemCache 0"
    shared = _cache_settings(REDIS_URL="redis://127.0.0.1:6379/0")
    assert shared == "django.core.cache.backends.redis.RedisCache 300"
    off = _cache_settings(REDIS_URL="redis://127.0.0.1:6379/0", CLAIMTRACK_API_CACHE_SECONDS="0")
    assert off == "django.core.cache.backends.redis.RedisCache 0"


def _database_options(**env: str) -> str:
    code = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    result = manage("shell", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_postgresql_binds_on_the_server_and_psycopg_prepares_repeated_statements():
    url = "postgres://postgres@127.0.0.1:5432/claimtrack"
    assert _database_options(DATABASE_URL=url) == (
        "{'server_side_binding': True, 'prepare_threshold': 5}"
    )
    assert "'prepare_threshold': 2" in _database_options(
        DATABASE_URL=url, DATABASE_PREPARE_THRESHOLD="2"
    )
    # Behind a transaction-mode pooler: no prepared statements at all.
    assert "'prepare_threshold': None" in _database_options(
        DATABASE_URL=url, DATABASE_PREPARE_THRESHOLD=""
    )
    assert _database_options(DATABASE_URL="sqlite:///x.sqlite3") == "{}"


def test_a_malformed_cache_lifetime_is_named_in_the_error():
    result = manage("check", CLAIMTRACK_API_CACHE_SECONDS="soon")
    assert result.returncode != 0
    assert "CLAIMTRACK_API_CACHE_SECONDS='soon' is not an integer" in result.stderr
