"""Whole-response caching for the API's hottest reads: the claim list and the ClaimReview feed.

Newsroom tools and fact-check aggregators poll the same few pages (the newest claims, a
filter, the feed) over and over; building one costs ~5 ms of Python and four queries, serving
it from the cache a fraction of that.

Correctness rests on a *data version*, one counter in the shared cache:

- every SQL statement that writes a ``claims_*`` or ``articles_*`` table through Django's
  connection (ORM saves, bulk inserts, queryset updates and deletes, raw SQL alike: an
  execute wrapper sees them all) schedules one bump of the counter for when its transaction
  commits (nothing for a rollback);
- a cached page is stored with the version read *before* its queries ran and served only
  while that is still the current version, so no page is served once a write has committed
  after it was built (up to the microseconds between a commit and its bump).

Pages are keyed by the reader's kind (signed in or not: the desk sees who is assigned, the
public does not), the renderer, and the absolute URL (pagination links carry host and
scheme). Authentication, permissions and throttling run before the cache is asked.
``CLAIMTRACK_API_CACHE_SECONDS`` bounds how long a page lives (0 turns caching off); writes
that bypass Django's connection (psql, another program) are only caught by that bound.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

VERSION_KEY = "api:data-version"
_WRITES = ("INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE", "COPY")
_TABLES = ("claims_", "articles_")
# Headers a cached page keeps (DRF sets them on the Response it renders).
_KEPT_HEADERS = ("Content-Type", "Vary", "Allow")


def enabled() -> bool:
    return settings.CLAIMTRACK_API_CACHE_SECONDS > 0


def data_version() -> int:
    """The current data version; starts at the clock (in ns) so that a counter lost from the
    cache (evicted, flushed) comes back larger than any value it held before."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_data_version() -> None:
    """Invalidate every cached page (they are keyed by the version)."""
    if not enabled():
        return
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # not there (yet, or evicted): a fresh, larger start
            cache.add(VERSION_KEY, time.time_ns(), timeout=None)
    except Exception as exc:  # the write has committed: never fail it for the cache's sake
        logger.error(
            "could not move the API cache's data version (%s): cached pages may be up to "
            "CLAIMTRACK_API_CACHE_SECONDS old",
            exc,
        )


def _is_data_write(sql: str) -> bool:
    head = sql.lstrip()[:9].upper()
    return head.startswith(_WRITES) and any(table in sql for table in _TABLES)


def track_writes(execute, sql, params, many, context):
    """Execute wrapper (installed on every connection, see ClaimsConfig.ready): a write to
    Claimtrack's tables bumps the data version once its transaction commits."""
    result = execute(sql, params, many, context)
    if _is_data_write(sql):
        connection: BaseDatabaseWrapper = context["connection"]
        if connection.in_atomic_block:
            # Once per transaction: a batch of a thousand inserts is one bump at commit.
            if not any(func is bump_data_version for _, func, _ in connection.run_on_commit):
                connection.on_commit(bump_data_version, robust=True)
        else:  # autocommit: the statement has committed already
            bump_data_version()
    return result


def install(sender, connection: BaseDatabaseWrapper, **kwargs) -> None:
    """connection_created handler."""
    if track_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(track_writes)


def _page_key(request) -> str:
    reader = "desk" if request.user.is_authenticated else "public"
    url = request.build_absolute_uri()
    digest = hashlib.blake2b(url.encode(), digest_size=16).hexdigest()
    return f"api:page:{reader}:{request.accepted_renderer.format}:{digest}"


def cached_page(view_method: Callable) -> Callable:
    """Wrap a read-only view action (list): serve its rendered 200 response from the cache
    while the data version has not moved; otherwise build it and store it once rendered.

    A page is stored with the data version read before it was built and served only while
    that is still the current version; the version and the page come in one round trip.
    """

    @wraps(view_method)
    def wrapper(view, request, *args, **kwargs):
        # Only the JSON renderers: the browsable API's HTML page shows the user's name.
        if not enabled() or request.accepted_renderer.format not in ("json", "jsonld"):
            return view_method(view, request, *args, **kwargs)
        key = _page_key(request)
        try:
            found = cache.get_many([VERSION_KEY, key])
            version = found.get(VERSION_KEY) or data_version()
        except Exception as exc:  # the cache is down: serve the page built from the database
            logger.warning("API cache unavailable (%s): building the page", exc)
            return view_method(view, request, *args, **kwargs)
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            _, content, headers = entry
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Cache"] = "hit"
            return response
        response = view_method(view, request, *args, **kwargs)
        if response.status_code == 200:

            def store(rendered) -> None:
                headers = [(h, rendered[h]) for h in _KEPT_HEADERS if rendered.has_header(h)]
                entry = (version, rendered.content, headers)
                try:
                    cache.set(key, entry, settings.CLAIMTRACK_API_CACHE_SECONDS)
                except Exception as exc:
                    logger.warning("API cache unavailable (%s): page not stored", exc)

            response.add_post_render_callback(store)
        # The page differs between signed-in and anonymous readers: so must any HTTP cache.
        patch_vary_headers(response, ("Authorization", "Cookie"))
        response["X-Cache"] = "miss"
        return response

    return wrapper
