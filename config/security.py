"""Security plumbing shared by the settings: who the client is, and a deploy check.

The client's address is read one way for everything that counts per client (the API's
anonymous rate limit, the admin's login lockout): DRF's, which trusts X-Forwarded-For only as
many hops deep as CLAIMTRACK_PROXY_COUNT says proxies append to it (0: not at all).
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.http import HttpRequest

# SECRET_KEY values that ship in the repository: .env.example's placeholder and the key a
# DEBUG checkout falls back to. A deployment with either signs sessions anyone can forge.
PLACEHOLDER_SECRET_PREFIXES = ("change-me", "django-insecure-claimtrack")


def client_address(request: HttpRequest) -> str:
    """The client's address as the API's rate limit sees it (DRF's NUM_PROXIES rule)."""
    from rest_framework.throttling import BaseThrottle

    return BaseThrottle().get_ident(request)


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key_is_not_a_placeholder(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if settings.SECRET_KEY.startswith(PLACEHOLDER_SECRET_PREFIXES):
        return [
            checks.Error(
                "SECRET_KEY is the placeholder from .env.example (or the development key).",
                hint='Set a random one: python -c "import secrets; '
                'print(secrets.token_urlsafe(50))"',
                id="claimtrack.E001",
            )
        ]
    return []
