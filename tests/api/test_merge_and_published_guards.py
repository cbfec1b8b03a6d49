"""Merges follow to the surviving claim and refuse cycles; a published fact-check's sources are
an editor's to change (issue 15). Through the API, as a newsroom tool would do it."""

from __future__ import annotations

import pytest

from articles.models import Article
from claims.ingest import article_ingest
from claims.models import Claim, Source
from tests.api.conftest import published_claim
from tests.factories import AppearanceFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def merge(api, survivor: Claim, *duplicates: Claim):
    return api.post(
        f"/api/v1/claims/{survivor.pk}/merge/", {"duplicates": [d.pk for d in duplicates]}
    )


def test_merging_back_into_a_claim_merged_away_is_refused_as_a_cycle(editor_api):
    a, b = ClaimFactory(), ClaimFactory()
    assert merge(editor_api, b, a).status_code == 200  # a into b
    response = merge(editor_api, a, b)  # b into a: b would point at a, a at b
    assert response.status_code == 409, response.content
    assert response.json()["error"]["message"] == (
        f"Claim {a.pk} was merged into claim {b.pk}: merging claim {b.pk} into it would make a "
        f"cycle (merge the others into claim {b.pk} instead)"
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.duplicate_of_id, b.duplicate_of_id) == (b.pk, None)


def test_merging_into_a_merged_duplicate_merges_into_the_claim_it_survives_in(editor_api):
    a, b, c = ClaimFactory(), ClaimFactory(), ClaimFactory()
    AppearanceFactory(claim=c)
    assert merge(editor_api, b, a).status_code == 200  # a into b
    response = merge(editor_api, a, c)  # c "into a", which lives on as b
    assert response.status_code == 200, response.content
    assert response.json()["merged"] == 1
    c.refresh_from_db()
    assert (c.status, c.duplicate_of_id) == ("dismissed", b.pk)
    assert b.appearances.count() == 1
    assert not Claim.objects.filter(duplicate_of__duplicate_of__isnull=False).exists()


def test_a_later_ingest_of_a_merged_statement_lands_on_the_surviving_claim(editor_api):
    text = "Exports to Georgia doubled to $4 billion in 2023, the ministry said."
    first = Claim.objects.get(appearances__article=article_ingest(text=text).article)
    b, c = ClaimFactory(), ClaimFactory()
    assert merge(editor_api, b, c).status_code == 200  # c into b
    assert merge(editor_api, c, first).status_code == 200  # the ingested claim "into c" = b
    article_ingest(text=text + " Imports fell.", url="https://news.example/again")
    again = Article.objects.get(url="https://news.example/again")
    assert {a.claim_id for a in again.appearances.all()} >= {b.pk}
    assert not again.appearances.filter(claim__status="dismissed").exists()


def test_merging_claims_already_merged_into_the_survivor_says_so(editor_api):
    a, b = ClaimFactory(), ClaimFactory()
    assert merge(editor_api, b, a).status_code == 200
    response = merge(editor_api, b, a)
    assert response.status_code == 409
    assert (
        response.json()["error"]["message"] == f"Those claims are already merged into claim {b.pk}"
    )


def test_a_fact_checker_may_not_add_a_source_to_a_published_fact_check(checker_api, editor_api):
    claim = published_claim()
    body = {"url": "https://stats.example/table", "stance": "supports"}
    response = checker_api.post(f"/api/v1/claims/{claim.pk}/sources/", body)
    assert response.status_code == 403, response.content
    assert (
        "it is published, and only an editor changes a published fact-check"
        in (response.json()["error"]["message"])
    )
    assert not Source.objects.exists()
    response = editor_api.post(f"/api/v1/claims/{claim.pk}/sources/", body)
    assert response.status_code == 201, response.content
    assert Source.objects.get().claim_id == claim.pk


def test_a_fact_checker_still_adds_sources_while_researching(checker_api, fact_checker):
    claim = ClaimFactory(status="researching", assignee=fact_checker)
    response = checker_api.post(
        f"/api/v1/claims/{claim.pk}/sources/", {"url": "https://stats.example/table"}
    )
    assert response.status_code == 201, response.content
