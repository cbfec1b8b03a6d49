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

A request with an API token this process has already checked is answered before DRF runs
(`known_token_page`): no token query, no negotiation, one round trip to the cache; on other
requests the token's user is taken from that check too (`remembered_user`, used by
claims.api.authentication). A check stays valid only while an *auth version* has not moved:
it moves, as the data version does, when a transaction that wrote a user, group, permission
or token table commits, so a revoked token or a deactivated user is refused from the next
request on.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers, set_response_etag
from rest_framework.authentication import get_authorization_header

logger = logging.getLogger(__name__)

VERSION_KEY = "api:data-version"
AUTH_VERSION_KEY = "api:auth-version"
_WRITES = ("INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE", "COPY")
_TABLES = ("claims_", "articles_")
# django.contrib.auth's tables (users, groups, permissions and their links) and DRF's tokens.
_AUTH_TABLES = ('"auth_', '"authtoken_')
# Headers a cached page keeps (DRF sets them on the Response it renders).
_KEPT_HEADERS = ("Content-Type", "Vary", "Allow", "ETag")


def enabled() -> bool:
    return settings.CLAIMTRACK_API_CACHE_SECONDS > 0


def _version(key: str) -> int:
    """A version counter; starts at the clock (in ns) so that a counter lost from the cache
    (evicted, flushed) comes back larger than any value it held before."""
    version = cache.get(key)
    if version is None:
        cache.add(key, time.time_ns(), timeout=None)
        version = cache.get(key)
    return version


def data_version() -> int:
    """The current data version (see the module's docstring)."""
    return _version(VERSION_KEY)


def auth_version() -> int:
    """The current auth version (see the module's docstring)."""
    return _version(AUTH_VERSION_KEY)


def _bump(key: str, name: str, what: str) -> None:
    if not enabled():
        return
    try:
        try:
            cache.incr(key)
        except ValueError:  # not there (yet, or evicted): a fresh, larger start
            cache.add(key, time.time_ns(), timeout=None)
    except Exception as exc:  # the write has committed: never fail it for the cache's sake
        logger.error(
            "could not move the API cache's %s (%s): %s may be up to "
            "CLAIMTRACK_API_CACHE_SECONDS old",
            name,
            exc,
            what,
        )


def bump_data_version() -> None:
    """Invalidate every cached page (they are keyed by the version)."""
    _bump(VERSION_KEY, "data version", "cached pages")


def bump_auth_version() -> None:
    """Invalidate every token check remembered by `known_token_page` in any process."""
    _bump(AUTH_VERSION_KEY, "auth version", "remembered token checks")


def _is_write(sql: str, tables: tuple[str, ...]) -> bool:
    head = sql.lstrip()[:9].upper()
    return head.startswith(_WRITES) and any(table in sql for table in tables)


def _on_commit(connection: BaseDatabaseWrapper, bump: Callable[[], None]) -> None:
    if connection.in_atomic_block:
        # Once per transaction: a batch of a thousand inserts is one bump at commit.
        if not any(func is bump for _, func, _ in connection.run_on_commit):
            connection.on_commit(bump, robust=True)
    else:  # autocommit: the statement has committed already
        bump()


def track_writes(execute, sql, params, many, context):
    """Execute wrapper (installed on every connection, see ClaimsConfig.ready): a write to
    Claimtrack's tables bumps the data version once its transaction commits; a write to the
    user, permission and token tables, the auth version."""
    result = execute(sql, params, many, context)
    if _is_write(sql, _TABLES):
        _on_commit(context["connection"], bump_data_version)
    if _is_write(sql, _AUTH_TABLES):
        _on_commit(context["connection"], bump_auth_version)
    return result


def install(sender, connection: BaseDatabaseWrapper, **kwargs) -> None:
    """connection_created handler."""
    if track_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(track_writes)


def _page_key(reader: str, renderer_format: str, media_type: str, url: str) -> str:
    # The media type as accepted: its parameters (`; indent=4`) change the rendering.
    digest = hashlib.blake2b(f"{media_type} {url}".encode(), digest_size=16).hexdigest()
    return f"api:page:{reader}:{renderer_format}:{digest}"


def _request_page_key(request) -> str:
    """The key of the page DRF negotiated for this (authenticated, if at all) request."""
    return _page_key(
        "desk" if request.user.is_authenticated else "public",
        request.accepted_renderer.format,
        request.accepted_media_type,
        request.build_absolute_uri(),
    )


def _cached_response(entry: tuple) -> HttpResponse:
    _, content, headers = entry
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["X-Cache"] = "hit"
    return response


# Token keys that authenticated in this process, each with the auth version read before its
# check, a deadline and the user it signed in: valid while that is still the current auth
# version, and for at most a minute (or CLAIMTRACK_API_CACHE_SECONDS if shorter): the bound
# when a bump was lost to a cache outage, or a token was deleted outside Django.
_TOKEN_CHECK_SECONDS = 60
_checked_tokens: dict[str, tuple[int, float, AbstractBaseUser]] = {}
_CHECKED_TOKENS_MAX = 10_000
_AUTH_VERSION_SEEN = "_claimtrack_auth_version"


def _token(request: HttpRequest) -> str | None:
    """The key of an `Authorization: Token <key>` header, parsed as DRF parses it."""
    words = get_authorization_header(request).split()
    if len(words) != 2 or words[0].lower() != b"token":
        return None
    try:
        return words[1].decode()
    except UnicodeError:
        return None


def _plain_negotiation(view, request: HttpRequest, kwargs: dict) -> tuple[str, str] | None:
    """(renderer format, accepted media type) as DRF's negotiation gives them, for the two
    Accept headers API clients send (none or `*/*`, and `application/json`); None otherwise."""
    if "format" in request.GET or kwargs.get("format"):
        return None
    accept = request.META.get("HTTP_ACCEPT")
    renderers = view.renderer_classes
    if accept is None or accept == "*/*":
        return renderers[0].format, renderers[0].media_type
    if accept == "application/json":
        for renderer in renderers:
            if renderer.media_type == accept:
                return renderer.format, accept
    return None


def _holds(checked: tuple | None, seen: int) -> bool:
    """Whether a remembered token check is still good: same auth version, within its time."""
    return checked is not None and checked[0] == seen and checked[1] >= time.monotonic()


def known_token_page(view, request: HttpRequest, kwargs: dict) -> HttpResponse | None:
    """The cached page for a GET with an API token this process has checked since the auth
    version last moved, served without DRF; None when it cannot be (the view then runs).

    What DRF would decide on the way is the same for every such request: the token's user is
    signed in (the desk's page); a list may be read by anyone signed in; signed-in readers are
    not throttled; the renderer follows from the Accept header (only the plain ones here)."""
    if not enabled() or request.method != "GET":
        return None
    token = _token(request)
    negotiated = _plain_negotiation(view, request, kwargs) if token else None
    if negotiated is None:
        return None
    checked = _checked_tokens.get(token)
    key = _page_key("desk", *negotiated, request.build_absolute_uri())
    try:
        found = cache.get_many(
            [VERSION_KEY, AUTH_VERSION_KEY, key] if checked else [AUTH_VERSION_KEY]
        )
        seen = found.get(AUTH_VERSION_KEY) or auth_version()
    except Exception:  # the cache is down: the view serves (and says so in the log)
        return None
    # Read before the view checks the token: a check remembered with it is no older than it.
    setattr(request, _AUTH_VERSION_SEEN, seen)
    entry = found.get(key)
    if not _holds(checked, seen):
        return None
    if entry is None or entry[0] != found.get(VERSION_KEY):
        return None
    return _cached_response(entry)


def remembered_user(request: HttpRequest, key: str) -> AbstractBaseUser | None:
    """The user token `key` signed in when this process last checked it, if the auth version
    has not moved since (a copy of its own for this request); None otherwise, and the caller
    checks the token in the database, then calls `remember_user`.

    Reads the auth version (one cache round trip) unless `known_token_page` did already for
    this request, and leaves it on the request: read before the database check, a check
    remembered with it is no older than it."""
    if not enabled():
        return None
    seen = getattr(request, _AUTH_VERSION_SEEN, None)
    if seen is None:
        try:
            seen = cache.get(AUTH_VERSION_KEY) or auth_version()
        except Exception:  # the cache is down: the token is checked in the database
            return None
        setattr(request, _AUTH_VERSION_SEEN, seen)
    checked = _checked_tokens.get(key)
    return copy.copy(checked[2]) if _holds(checked, seen) else None


def remember_user(request: HttpRequest, key: str, user: AbstractBaseUser) -> None:
    """After the database signed `user` in by token `key` for `request`."""
    seen = getattr(request, _AUTH_VERSION_SEEN, None)
    if seen is None:
        return
    if len(_checked_tokens) >= _CHECKED_TOKENS_MAX:
        _checked_tokens.clear()
    lifetime = min(settings.CLAIMTRACK_API_CACHE_SECONDS, _TOKEN_CHECK_SECONDS)
    _checked_tokens[key] = (seen, time.monotonic() + lifetime, copy.copy(user))


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
        key = _request_page_key(request)
        try:
            found = cache.get_many([VERSION_KEY, key])
            version = found.get(VERSION_KEY) or data_version()
        except Exception as exc:  # the cache is down: serve the page built from the database
            logger.warning("API cache unavailable (%s): building the page", exc)
            return view_method(view, request, *args, **kwargs)
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            return _cached_response(entry)
        response = view_method(view, request, *args, **kwargs)
        if response.status_code == 200:

            def store(rendered) -> None:
                # The ETag ConditionalGetMiddleware would compute on every hit, computed once.
                set_response_etag(rendered)
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


class KnownTokenPages:
    """ViewSet mixin: a list GET with a token this process has checked is answered from the
    cache before DRF runs (see `known_token_page`); every other request goes through DRF."""

    def dispatch(self, request, *args, **kwargs):
        if self.action_map.get("get") == "list":
            response = known_token_page(self, request, kwargs)
            if response is not None:
                return response
        return super().dispatch(request, *args, **kwargs)
