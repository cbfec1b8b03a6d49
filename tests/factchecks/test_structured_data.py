"""The public page's ClaimReview as a search engine reads it: parsed out of the HTML by a
structured-data parser (extruct), then held to Google's ClaimReview requirements.

https://developers.google.com/search/docs/appearance/structured-data/factcheck
Required: claimReviewed, reviewRating (with alternateName; ratingValue, bestRating and
worstRating when numeric), url. Recommended: author, datePublished, itemReviewed (a Claim with
its author, and datePublished when known). The url is the page itself unless the desk
published the fact-check elsewhere.
"""

from __future__ import annotations

import datetime as dt

import extruct
import pytest

from claims import services
from tests.api.conftest import published_claim
from tests.factories import AppearanceFactory, ArticleFactory, ClaimantFactory, rating

pytestmark = pytest.mark.django_db
JAN = dt.datetime(2024, 1, 10, 9, 30, tzinfo=dt.UTC)
SITE = "http://testserver"


def claim_reviews_on(client, path: str) -> list[dict]:
    response = client.get(path)
    assert response.status_code == 200
    data = extruct.extract(
        response.content.decode(), base_url=SITE + path, syntaxes=["json-ld"], uniform=True
    )
    return [item for item in data["json-ld"] if item.get("@type") == "ClaimReview"]


def assert_meets_googles_requirements(review: dict) -> None:
    assert review["@context"] in ("https://schema.org", "http://schema.org")
    # Required.
    assert review["claimReviewed"].strip()
    assert review["url"].startswith("http")
    stars = review["reviewRating"]
    assert stars["@type"] == "Rating" and stars["alternateName"].strip()
    if "ratingValue" in stars:
        assert stars["worstRating"] <= stars["ratingValue"] <= stars["bestRating"]
        assert 1 <= stars["worstRating"] < stars["bestRating"]
    else:  # an off-scale rating gives no numbers at all, never half of them
        assert not {"worstRating", "bestRating"} & set(stars)
    # Recommended.
    assert review["author"]["@type"] == "Organization" and review["author"]["name"]
    published = dt.datetime.fromisoformat(review["datePublished"])
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    if "author" in item:
        assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
    if "datePublished" in item:
        assert dt.datetime.fromisoformat(item["datePublished"]) <= published
    for work in item.get("appearance", []):
        assert work["@type"] == "CreativeWork" and work["url"].startswith("http")


def test_the_page_carries_one_claim_review_that_meets_googles_requirements(client, editor):
    claim = published_claim(
        slug="false", claimant=ClaimantFactory(name="Rachel Reeves", wikidata_id="Q7279880")
    )
    AppearanceFactory(claim=claim, article=ArticleFactory(published_at=JAN))
    services.verdict_correct(
        claim=claim, by=editor, correction_note="Revised", rating=rating("mostly-false")
    )
    page = f"/fact-checks/{claim.pk}-{claim.slug}/"
    [review] = claim_reviews_on(client, page)
    assert_meets_googles_requirements(review)
    assert review["url"] == SITE + page  # no fact-check URL elsewhere: this page
    assert review["claimReviewed"] == claim.statement
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Mostly false",
        "ratingValue": 2,
        "worstRating": 1,
        "bestRating": 5,
    }
    assert review["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Rachel Reeves",
        "sameAs": "https://www.wikidata.org/wiki/Q7279880",
    }
    assert dt.datetime.fromisoformat(review["itemReviewed"]["datePublished"]) == JAN
    assert "dateModified" in review


def test_the_page_gives_the_same_review_as_the_api(client):
    claim = published_claim(slug="half-true")
    [review] = claim_reviews_on(client, f"/fact-checks/{claim.pk}-{claim.slug}/")
    assert review == client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()


def test_a_fact_check_published_elsewhere_names_that_url(client):
    claim = published_claim()
    claim.verdicts.update(fact_check_url="https://desk.example/checks/42")
    [review] = claim_reviews_on(client, f"/fact-checks/{claim.pk}-{claim.slug}/")
    assert review["url"] == "https://desk.example/checks/42"


def test_an_off_scale_rating_and_an_undated_claim_still_meet_the_requirements(client):
    claim = published_claim(
        slug="unverifiable", claimant=ClaimantFactory(name="police", type="organization")
    )
    [review] = claim_reviews_on(client, f"/fact-checks/{claim.pk}-{claim.slug}/")
    assert_meets_googles_requirements(review)
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Unverifiable"}
    assert "datePublished" not in review["itemReviewed"]  # its article has no date
    assert review["itemReviewed"]["author"]["@type"] == "Organization"
