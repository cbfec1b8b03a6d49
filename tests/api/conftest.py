"""API test fixtures: clients signed in as each role, and published fact-checks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import AppearanceFactory, ArticleFactory, ClaimFactory, VerdictFactory, rating


@pytest.fixture(autouse=True)
def _fresh_throttle():
    # The anonymous throttle counts in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


# Not a read: savepoints (a test runs inside a transaction, where atomic blocks in a request
# become savepoints).
SETUP_STATEMENTS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def reads(captured) -> list[str]:
    """The statements of a CaptureQueriesContext that read data (see SETUP_STATEMENTS)."""
    return [
        q["sql"] for q in captured.captured_queries if not q["sql"].startswith(SETUP_STATEMENTS)
    ]


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def anon() -> APIClient:
    return APIClient()


@pytest.fixture
def checker_api(fact_checker) -> APIClient:
    return client_for(fact_checker)


@pytest.fixture
def editor_api(editor) -> APIClient:
    return client_for(editor)


@pytest.fixture
def outsider_api(outsider) -> APIClient:
    return client_for(outsider)


def published_claim(
    *,
    slug: str = "false",
    published_at: dt.datetime | None = None,
    articles: int = 1,
    **claim_fields,
):
    """A published fact-check: a claim seen in `articles` articles, with a published verdict."""
    claim = ClaimFactory(status="published", **claim_fields)
    for _ in range(articles):
        AppearanceFactory(claim=claim, article=ArticleFactory())
    VerdictFactory(
        claim=claim,
        rating=rating(slug),
        published_at=published_at or timezone.now(),
        fact_check_url="",
    )
    return claim
