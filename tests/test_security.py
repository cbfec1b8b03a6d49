"""Guards around the app (issue 15): the login lockout, the client address behind proxies, the
Content-Security-Policy, and what a deployment from .env.example and compose gets."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from tests.factories import EditorFactory

ROOT = Path(__file__).resolve().parents[1]


def env_example() -> dict[str, str]:
    """Every NAME=value line of .env.example, commented out or not."""
    text = (ROOT / ".env.example").read_text()
    return dict(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=(.*)$", text, re.MULTILINE))


# --- The admin login ---------------------------------------------------------------------------


def log_in(client, username: str, password: str, **headers):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        **headers,
    )


@pytest.mark.django_db
def test_the_admin_login_locks_a_user_name_out_after_five_wrong_passwords(client):
    editor = EditorFactory(username="lena")
    editor.set_password("right-horse-battery")
    editor.save()
    for _ in range(4):
        response = log_in(client, "lena", "wrong")
        assert response.status_code == 200  # the form again
        assert "_auth_user_id" not in client.session
    assert log_in(client, "lena", "wrong").status_code == 429  # the fifth locks the pair out
    response = log_in(client, "lena", "right-horse-battery")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # A forged X-Forwarded-For is not a new client.
    response = log_in(client, "lena", "right-horse-battery", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_right_password_within_the_limit_logs_in_and_resets_the_count(client):
    editor = EditorFactory(username="ani")
    editor.set_password("right-horse-battery")
    editor.save()
    for _ in range(4):
        log_in(client, "ani", "wrong")
    response = log_in(client, "ani", "right-horse-battery")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)
    client.logout()
    for _ in range(4):
        log_in(client, "ani", "wrong")
    assert log_in(client, "ani", "right-horse-battery").status_code == 302


# --- The client address behind proxies ---------------------------------------------------------


@pytest.fixture
def three_a_minute(monkeypatch):
    from django.core.cache import cache

    cache.clear()
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/min"})
    yield
    cache.clear()


@pytest.mark.django_db
def test_a_forged_x_forwarded_for_does_not_escape_the_anonymous_rate_limit(three_a_minute):
    client = APIClient()
    codes = [
        client.get("/api/v1/claims/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]


@pytest.mark.django_db
def test_behind_one_proxy_the_rate_limit_counts_the_address_the_proxy_saw(three_a_minute, settings):
    settings.CLAIMTRACK_PROXY_COUNT = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    client = APIClient()
    # The proxy appends the address it saw; whatever the client put before it is ignored.
    forged = [
        client.get("/api/v1/claims/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 192.0.2.7").status_code
        for n in range(4)
    ]
    assert forged == [200, 200, 200, 429]
    other = client.get("/api/v1/claims/", HTTP_X_FORWARDED_FOR="192.0.2.8")
    assert other.status_code == 200


# --- Content-Security-Policy -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/login/", "/api/docs/", "/api/v1/"])
def test_every_page_carries_a_content_security_policy(client, path):
    policy = client.get(path)["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_the_api_docs_load_their_scripts_from_this_origin_only(client):
    page = client.get("/api/docs/").content.decode()
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts
    for tag in scripts:
        src = re.search(r'src="([^"]+)"', tag)
        assert src, f"inline script (the CSP would block it): {tag}"
        assert src.group(1).startswith("/"), src.group(1)
    for path in re.findall(r'(?:src|href)="/static/([^"?]+)', page):
        assert finders.find(path), f"{path} is not among the static files"
    assert "cdn" not in page.lower()


# --- Deployment --------------------------------------------------------------------------------


def test_env_example_lists_every_setting_the_settings_file_reads():
    source = (ROOT / "config" / "settings.py").read_text()
    read = set(
        re.findall(
            r"""(?:envbool|envint|envfloat|envlist|os\.environ\.get)\(\s*["']([A-Z][A-Z0-9_]+)["']""",
            source,
        )
    )
    assert len(read) > 25  # the pattern found the calls
    assert read - set(env_example()) == set()


@pytest.mark.django_db
def test_check_deploy_refuses_the_env_example_secret_key(settings):
    settings.SECRET_KEY = env_example()["SECRET_KEY"]
    with pytest.raises(SystemCheckError, match=r"claimtrack\.E001"):
        call_command("check", "--deploy", "--fail-level", "ERROR")
    settings.SECRET_KEY = "q7P" + "x9-LmZ_v2" * 6
    call_command("check", "--deploy", "--fail-level", "ERROR")


def test_compose_serves_plain_http_without_redirecting_and_checks_the_web_service():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    web = compose["services"]["web"]
    assert web["environment"]["SECURE_SSL_REDIRECT"] == "${SECURE_SSL_REDIRECT:-0}"
    assert env_example()["SECURE_SSL_REDIRECT"] == "0"
    assert web["healthcheck"]["test"] == ["CMD", "python", "config/healthcheck.py"]


def test_the_health_check_passes_against_a_live_server_and_fails_without_one(live_server):
    port = live_server.url.rsplit(":", 1)[1]
    env = {**os.environ, "PORT": port, "ALLOWED_HOSTS": "localhost"}
    run = lambda: subprocess.run(  # noqa: E731
        [sys.executable, "config/healthcheck.py"], cwd=ROOT, env=env, capture_output=True
    )
    assert run().returncode == 0
    live_server.thread.terminate()
    result = run()
    assert result.returncode == 1
    assert b"/healthz unreachable" in result.stderr
