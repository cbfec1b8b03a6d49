"""The public rate limit, failing open when its counters' cache (Redis) is unreachable:
public fact-checks stay readable through a cache outage, which is logged."""

from __future__ import annotations

import logging

from rest_framework.throttling import AnonRateThrottle

from claims.selectors import reads_desk

logger = logging.getLogger(__name__)


class AnonymousThrottle(AnonRateThrottle):
    """Everyone who reads as the public: anonymous clients by address, and signed-in users
    without a desk role by account (an account must not be a way round the limit). The desk
    is not throttled."""

    def get_cache_key(self, request, view) -> str | None:
        user = request.user
        if reads_desk(user):
            return None
        ident = f"user-{user.pk}" if user and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def allow_request(self, request, view) -> bool:
        try:
            return super().allow_request(request, view)
        except Exception as exc:  # redis.ConnectionError and the like: the cache, not the client
            logger.warning("rate limit not applied, its cache is unavailable (%s)", exc)
            return True
