"""List endpoints cost a fixed number of queries, however many rows a page holds."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import services
from tests.api.conftest import published_claim
from tests.factories import (
    AppearanceFactory,
    ClaimantFactory,
    ClaimFactory,
    SourceFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def seed(n: int, editor) -> None:
    """n published claims and n claims in progress, each with articles, sources and history."""
    for _ in range(n):
        claim = published_claim(articles=2)
        SourceFactory(claim=claim)
        work = ClaimFactory(status="new")
        AppearanceFactory(claim=work)
        VerdictFactory(claim=work)
        services.claim_transition(claim=work, to="selected", by=editor)
        ClaimantFactory().aliases.create(name=f"alias {work.pk}")


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


LISTS = [
    "/api/v1/claims/",
    "/api/v1/claims/?status=published&rating=false&q=unemployment",
    "/api/v1/articles/",
    "/api/v1/claimreview/",
    "/api/v1/claimants/",
    "/api/v1/sources/",
    "/api/v1/transitions/",
    "/api/v1/publishers/",
    "/api/v1/ratings/",
]


@pytest.mark.parametrize("url", LISTS)
def test_a_list_costs_the_same_queries_for_2_or_12_rows(editor_api, editor, url):
    seed(1, editor)
    few = queries(editor_api, url)
    seed(5, editor)
    assert queries(editor_api, url) == few


@pytest.mark.parametrize("url", ["/api/v1/claims/", "/api/v1/claimreview/"])
def test_anonymous_lists_cost_the_same_queries_for_1_or_6_rows(anon, editor, url):
    seed(1, editor)
    few = queries(anon, url)
    seed(5, editor)
    assert queries(anon, url) == few
