"""Shared fixtures. Imports Django lazily: tests/extraction also runs with `-p no:django`."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.hasplugin("django"):
        from django.conf import settings

        # PBKDF2's deliberate slowness protects real passwords; tests make hundreds of users.
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _database_vendor() -> str | None:
    from django.db import connection

    return connection.vendor


def pytest_report_header(config: pytest.Config) -> str | None:
    if config.pluginmanager.hasplugin("django"):
        from django.conf import settings

        database = settings.DATABASES["default"]
        return f"database: {_database_vendor()} (DATABASE_URL names {database['NAME']})"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # `@pytest.mark.postgresql("why")`: COPY, full-text search, query plans, second connections.
    if not config.pluginmanager.hasplugin("django"):
        return
    vendor = _database_vendor()
    if vendor == "postgresql":
        return
    for item in items:
        if (marker := item.get_closest_marker("postgresql")) is not None:
            why = marker.args[0] if marker.args else "PostgreSQL-specific"
            item.add_marker(pytest.mark.skip(reason=f"PostgreSQL only ({why}); this run: {vendor}"))


@pytest.fixture
def fact_checker(db):
    from tests.factories import FactCheckerFactory

    return FactCheckerFactory()


@pytest.fixture
def editor(db):
    from tests.factories import EditorFactory

    return EditorFactory()


@pytest.fixture
def outsider(db):
    """Staff without a desk role: may look, may not move claims."""
    from tests.factories import UserFactory

    return UserFactory(username="intern")


@pytest.fixture
def desk_defaults(transactional_db):
    """The rating scale and desk roles the data migration seeds, for transactional tests: an
    earlier transactional test's flush removes them. (Serialized rollback cannot restore them
    reliably: under Playwright's event loop Django sees another connection wrapper.)"""
    import importlib

    from django.apps import apps

    importlib.import_module("claims.migrations.0002_default_ratings_and_roles").seed(apps, None)


PAGE = """<!doctype html><html><head><title>Jobs report | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2024-04-02">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Jobs report</h1>
<p>Unemployment fell to 3.1% in March, the lowest rate since 1974, the statistics office said.</p>
<p>Wages rose 4.2% over the year, faster than prices for the first time since 2021.</p>
</article><footer>Copyright 2024 The Daily Example. Subscribe to our newsletter.</footer>
</body></html>"""


@pytest.fixture
def web(settings):
    """A real web server on loopback: /story (the page above), /missing (404), /slow (3 s),
    /image (a PNG). Loopback is private, so ingest is told to allow private addresses."""
    import http.server
    import threading
    import time

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/slow":
                time.sleep(3)
            if self.path == "/missing":
                self.send_error(404, "Not Found")
                return
            image = self.path == "/image"
            body = b"\x89PNG\r\n\x1a\n" if image else PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "image/png" if image else "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            """Keep the test output free of access-log lines."""

    settings.CLAIMTRACK_ALLOW_PRIVATE_URLS = True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(autouse=True)
def _fresh_match_index(request):
    """Each test's database starts empty, and so does the process's match index: keys of the
    rows an earlier test rolled back would otherwise crowd a test's candidates."""
    yield
    if request.config.pluginmanager.hasplugin("django"):
        from claims.matching.services import reset_database_index

        reset_database_index()
