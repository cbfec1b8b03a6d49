"""The other resources: articles with their claims, claimants, sources, ratings, publishers and
the transition log. All read-only here; writes go through claim actions and ingest."""

from __future__ import annotations

import pytest

from claims import services
from tests.factories import (
    AppearanceFactory,
    ArticleFactory,
    ClaimFactory,
    PublisherFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def test_an_article_lists_its_claims_in_text_order_and_its_detail_has_the_text(editor_api):
    article = ArticleFactory(text="First claim here. Second claim there.")
    second = AppearanceFactory(article=article, start=18, end=37, sentence="Second claim there.")
    first = AppearanceFactory(article=article, start=0, end=17, sentence="First claim here.")
    listed = editor_api.get("/api/v1/articles/").json()["results"][0]
    assert "text" not in listed
    assert [c["id"] for c in listed["claims"]] == [first.pk, second.pk]
    assert listed["claims"][0]["statement"] == first.claim.statement
    detail = editor_api.get(f"/api/v1/articles/{article.pk}/").json()
    assert detail["text"] == article.text
    for claim in detail["claims"]:
        assert detail["text"][claim["start"] : claim["end"]] == claim["sentence"]


def test_articles_filter_by_publisher_url_and_title(editor_api):
    ours = PublisherFactory()
    mine = ArticleFactory(publisher=ours, title="Budget vote delayed")
    ArticleFactory(title="Weather")
    for query in (f"publisher={ours.pk}", f"url={mine.url}", "q=budget"):
        results = editor_api.get(f"/api/v1/articles/?{query}").json()["results"]
        assert [a["id"] for a in results] == [mine.pk], query


def test_ratings_list_the_scale_in_order(checker_api):
    ratings = checker_api.get("/api/v1/ratings/").json()
    assert [r["slug"] for r in ratings][:5] == [
        "false",
        "mostly-false",
        "half-true",
        "mostly-true",
        "true",
    ]
    assert {r["slug"]: r["value"] for r in ratings}["unverifiable"] is None


def test_sources_filter_by_claim_and_stance(checker_api):
    claim = ClaimFactory()
    refuting = SourceFactory(claim=claim, stance="refutes")
    SourceFactory(claim=claim, stance="supports")
    SourceFactory()
    results = checker_api.get(f"/api/v1/sources/?claim={claim.pk}&stance=refutes").json()
    assert [s["id"] for s in results["results"]] == [refuting.pk]


def test_publishers_are_listed_by_name(checker_api):
    PublisherFactory(name="Zeta"), PublisherFactory(name="Alpha")
    names = [p["name"] for p in checker_api.get("/api/v1/publishers/").json()["results"]]
    assert names == ["Alpha", "Zeta"]


def test_the_transition_log_is_readable_and_filterable_but_not_writable(checker_api, fact_checker):
    claim = ClaimFactory()
    services.claim_transition(claim=claim, to="selected", by=fact_checker, note="go")
    body = checker_api.get(f"/api/v1/transitions/?claim={claim.pk}").json()
    [entry] = body["results"]
    assert (entry["from_status"], entry["to_status"], entry["note"]) == ("new", "selected", "go")
    assert entry["by"]["username"] == fact_checker.username
    assert checker_api.post("/api/v1/transitions/", {}).status_code == 405
    assert checker_api.delete(f"/api/v1/transitions/{entry['id']}/").status_code == 405


@pytest.mark.parametrize(
    "resource", ["articles", "claims", "claimants", "sources", "ratings", "publishers"]
)
def test_resources_cannot_be_created_directly(editor_api, resource):
    assert editor_api.post(f"/api/v1/{resource}/", {}).status_code == 405
