"""The anonymous rate limit, failing open when its counters' cache (Redis) is unreachable:
public fact-checks stay readable through a cache outage, which is logged."""

from __future__ import annotations

import logging

from rest_framework.throttling import AnonRateThrottle

logger = logging.getLogger(__name__)


class AnonymousThrottle(AnonRateThrottle):
    def allow_request(self, request, view) -> bool:
        try:
            return super().allow_request(request, view)
        except Exception as exc:  # redis.ConnectionError and the like: the cache, not the client
            logger.warning("rate limit not applied, its cache is unavailable (%s)", exc)
            return True
