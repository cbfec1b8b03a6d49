"""Whole-page caching of the API's most polled reads: the claim list and the ClaimReview feed.

`cached_page` wraps a view's `list()`, which DRF calls after it has authenticated the request,
checked its permissions, throttled it and negotiated its renderer: a cached page is only ever
served to a request DRF has let through. A page is keyed by

- the data version (config.cache), which the write services move when they commit: a page
  built before a committed write is never served after it;
- the reader's role (public, desk-reader, fact-checker, editor; permissions.reader_role):
  what a claim list shows depends on who reads it, and a page built for one role is never
  served to another;
- the renderer and the accepted media type, and the full URL (pagination links carry host and
  scheme).

``CLAIMTRACK_API_CACHE_SECONDS`` bounds how long a page lives (0 turns caching off); writes
made outside the services (psql, another program) are only caught by that bound.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers, set_response_etag
from rest_framework.request import Request

from claims.api.permissions import reader_role
from config.cache import VERSION_KEY, data_version

logger = logging.getLogger(__name__)

# Headers a cached page keeps (DRF sets them on the Response it renders).
_KEPT_HEADERS = ("Content-Type", "Vary", "Allow", "ETag")
# Only the JSON renderings: the browsable API's HTML page shows the reader's name.
_CACHED_FORMATS = ("json", "jsonld")


def page_key(request: Request) -> str:
    """The cache key of the page DRF negotiated for this authenticated request."""
    # The media type as accepted: its parameters (`; indent=4`) change the rendering.
    url = f"{request.accepted_media_type} {request.build_absolute_uri()}"
    digest = hashlib.blake2b(url.encode(), digest_size=16).hexdigest()
    return f"api:page:{reader_role(request.user)}:{request.accepted_renderer.format}:{digest}"


def cached_page(list_method: Callable) -> Callable:
    """Serve a list action's rendered 200 response from the cache while the data version has
    not moved; otherwise build it and store it once rendered."""

    @wraps(list_method)
    def wrapper(view, request: Request, *args, **kwargs):
        seconds = settings.CLAIMTRACK_API_CACHE_SECONDS
        if seconds <= 0 or request.accepted_renderer.format not in _CACHED_FORMATS:
            return list_method(view, request, *args, **kwargs)
        key = page_key(request)
        try:
            found = cache.get_many([VERSION_KEY, key])
            version = found.get(VERSION_KEY) or data_version()
        except Exception as exc:  # the cache is down: serve the page built from the database
            logger.warning("API cache unavailable (%s): building the page", exc)
            return list_method(view, request, *args, **kwargs)
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            return _cached_response(entry)
        response = list_method(view, request, *args, **kwargs)
        if response.status_code == 200:

            def store(rendered) -> None:
                # The ETag ConditionalGetMiddleware would compute on every hit, computed once.
                set_response_etag(rendered)
                headers = [(h, rendered[h]) for h in _KEPT_HEADERS if rendered.has_header(h)]
                try:
                    cache.set(key, (version, rendered.content, headers), seconds)
                except Exception as exc:
                    logger.warning("API cache unavailable (%s): page not stored", exc)

            response.add_post_render_callback(store)
        # The page differs from one reader to another: so must any HTTP cache's copy.
        patch_vary_headers(response, ("Authorization", "Cookie"))
        response["X-Cache"] = "miss"
        return response

    return wrapper


def _cached_response(entry: tuple) -> HttpResponse:
    _, content, headers = entry
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["X-Cache"] = "hit"
    return response
