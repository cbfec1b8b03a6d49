"""The data version: one counter in the shared cache that the write services move when their
transaction commits.

The API's cached pages are keyed by it (claims/api/caching.py), so once a write made through
a service has committed, no page built before it is served again. Every write service calls
`bump_data_version()` inside its transaction (claims.services, claims.ingest); a rollback drops
the bump with the rest of the transaction.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

VERSION_KEY = "api:data-version"


def data_version() -> int:
    """The current data version. A counter lost from the cache (evicted, flushed) starts again
    at the clock, in nanoseconds: larger than any value it held before."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_data_version() -> None:
    """Move the data version when the current transaction commits (at once outside one)."""
    if settings.CLAIMTRACK_API_CACHE_SECONDS > 0:
        transaction.on_commit(_bump, robust=True)


def _bump() -> None:
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # not there (yet, or evicted): a fresh, larger start
            cache.add(VERSION_KEY, time.time_ns(), timeout=None)
    except Exception as exc:  # the write has committed: never fail it for the cache's sake
        logger.error(
            "could not move the data version (%s): cached API pages may be up to "
            "CLAIMTRACK_API_CACHE_SECONDS old",
            exc,
        )
