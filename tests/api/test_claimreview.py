"""ClaimReview markup: every review the API produces checked against Google's documented rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Article
from claims import services
from claims.extraction.attribution import speaker_type
from claims.models import Rating
from tests.api.conftest import published_claim
from tests.factories import (
    AppearanceFactory,
    ArticleFactory,
    ClaimantFactory,
    ClaimFactory,
    VerdictFactory,
    rating,
)

pytestmark = pytest.mark.django_db
JAN = dt.datetime(2024, 1, 10, 9, 30, tzinfo=dt.UTC)


def parse(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def public_page(claim) -> str:
    return f"http://testserver/fact-checks/{claim.pk}-{claim.slug}/"


def assert_valid_claim_review(review: dict, claim) -> None:
    """Google's ClaimReview rules, field by field, against what the database says."""
    claim.refresh_from_db()
    published = sorted(
        claim.verdicts.filter(published_at__isnull=False).select_related("rating"),
        key=lambda v: v.version,
    )
    first, current = published[0], published[-1]
    appearances = list(claim.appearances.select_related("article"))

    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == claim.statement
    # The desk's own fact-check URL, else the public page: never an API endpoint.
    assert review["url"] == (current.fact_check_url or public_page(claim))
    assert review["author"] == {
        "@type": "Organization",
        "name": "Claimtrack Desk",
        "url": "https://example.org/",
    }
    # The review's date is its first publication; a correction shows as dateModified.
    assert parse(review["datePublished"]) == first.published_at
    if len(published) > 1:
        assert parse(review["dateModified"]) == current.published_at
    else:
        assert "dateModified" not in review

    stars = review["reviewRating"]
    assert stars["@type"] == "Rating"
    assert stars["alternateName"] == current.rating.label
    values = [v for v in Rating.objects.values_list("value", flat=True) if v is not None]
    if current.rating.value is None:
        assert not {"ratingValue", "worstRating", "bestRating"} & set(stars)
    else:
        assert isinstance(stars["ratingValue"], int)
        assert stars["worstRating"] == min(values) >= 1
        assert stars["bestRating"] == max(values)
        assert stars["worstRating"] <= stars["ratingValue"] <= stars["bestRating"]
        assert stars["ratingValue"] == current.rating.value

    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    if claim.claimant is None:
        assert "author" not in item
    else:
        assert item["author"]["name"] == claim.claimant.name
        assert item["author"]["@type"] in ("Person", "Organization")
        if claim.claimant.wikidata_id:
            assert item["author"]["sameAs"] == (
                f"https://www.wikidata.org/wiki/{claim.claimant.wikidata_id}"
            )
        else:
            assert "sameAs" not in item["author"]
    # When the claim was made: its earliest dated article, never when it was checked or stored.
    dates = [a.article.published_at for a in appearances if a.article.published_at]
    if dates:
        assert parse(item["datePublished"]) == min(dates)
    else:
        assert "datePublished" not in item
    urls = [a.article.url for a in appearances if a.article.url]
    assert sorted(w["url"] for w in item["appearance"]) == sorted(set(urls))
    earliest = min(
        (a.article for a in appearances if a.article.url),
        key=lambda a: (a.published_at or a.created_at, a.pk),
    )
    assert item["firstAppearance"]["url"] == earliest.url


@pytest.fixture
def fact_checks(editor):
    """Published claims covering every shape the markup must handle."""
    claims = [
        published_claim(slug="false"),
        published_claim(slug="true", articles=3),
        published_claim(slug="unverifiable"),
        published_claim(slug="misleading", claimant=None),
        published_claim(
            slug="half-true",
            claimant=ClaimantFactory(name="CSTO", type="organization", wikidata_id="Q188520"),
        ),
    ]
    # Seen first in an older article that has a date, then in a newer one.
    dated = published_claim(slug="mostly-true")
    AppearanceFactory(claim=dated, article=ArticleFactory(published_at=JAN))
    claims.append(dated)
    # Its own fact-check page, and corrected since.
    corrected = published_claim(slug="false")
    corrected.verdicts.update(fact_check_url="https://desk.example/checks/42")
    services.verdict_correct(
        claim=corrected, by=editor, correction_note="New figures", rating=rating("half-true")
    )
    claims.append(corrected)
    return claims


def test_every_published_claim_has_a_valid_claim_review(anon, fact_checks):
    for claim in fact_checks:
        response = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/")
        assert response.status_code == 200, response.content
        assert response["Content-Type"] == "application/ld+json"
        assert_valid_claim_review(response.json(), claim)


def test_the_feed_holds_one_valid_review_per_published_claim_and_nothing_else(anon, fact_checks):
    ClaimFactory(status="in_review")
    response = anon.get("/api/v1/claimreview/")
    assert response.status_code == 200
    reviews = response.json()["results"]
    assert len(reviews) == len(fact_checks)
    by_statement = {claim.statement: claim for claim in fact_checks}
    for review in reviews:
        assert_valid_claim_review(review, by_statement[review["claimReviewed"]])


def test_the_feed_shows_exactly_the_review_of_each_claim(anon, fact_checks):
    """The feed reads appearances and verdicts as plain rows (claims.selectors.review_*);
    each claim's own review reads model instances: they must agree, key order included."""
    reviews = anon.get("/api/v1/claimreview/").json()["results"]
    assert len(reviews) == len(fact_checks)
    for review in reviews:
        claim = next(c for c in fact_checks if c.statement == review["claimReviewed"])
        own = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
        assert review == own
        assert list(review) == list(own)


def test_the_claim_date_is_the_earliest_article_not_the_check(anon, fact_checks):
    dated = fact_checks[5]
    review = anon.get(f"/api/v1/claims/{dated.pk}/claimreview/").json()
    assert parse(review["itemReviewed"]["datePublished"]) == JAN
    assert parse(review["datePublished"]) > JAN


def test_a_correction_updates_the_rating_and_date_modified_but_not_date_published(
    anon, fact_checks
):
    corrected = fact_checks[-1]
    review = anon.get(f"/api/v1/claims/{corrected.pk}/claimreview/").json()
    assert review["reviewRating"]["alternateName"] == "Half true"
    assert review["reviewRating"]["ratingValue"] == 3
    assert review["url"] == "https://desk.example/checks/42"
    assert parse(review["dateModified"]) > parse(review["datePublished"])


def test_an_unverifiable_verdict_gives_a_rating_without_numbers(anon, fact_checks):
    review = anon.get(f"/api/v1/claims/{fact_checks[2].pk}/claimreview/").json()
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Unverifiable"}


def test_an_organisation_with_a_wikidata_id_is_named_with_same_as(anon, fact_checks):
    review = anon.get(f"/api/v1/claims/{fact_checks[4].pk}/claimreview/").json()
    assert review["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "CSTO",
        "sameAs": "https://www.wikidata.org/wiki/Q188520",
    }


def test_the_claim_review_also_comes_as_plain_json(anon, fact_checks):
    response = anon.get(
        f"/api/v1/claims/{fact_checks[0].pk}/claimreview/", HTTP_ACCEPT="application/json"
    )
    assert response["Content-Type"] == "application/json"
    assert response.json()["@type"] == "ClaimReview"


def test_the_path_without_a_trailing_slash_redirects_to_the_review(anon, fact_checks):
    response = anon.get(f"/api/v1/claims/{fact_checks[0].pk}/claimreview")
    assert response.status_code == 301
    assert response["Location"] == f"/api/v1/claims/{fact_checks[0].pk}/claimreview/"


@pytest.mark.parametrize("status", ["new", "selected", "researching", "in_review", "dismissed"])
def test_an_unpublished_claim_has_no_claim_review_even_for_an_editor(editor_api, status):
    claim = ClaimFactory(status=status)
    VerdictFactory(claim=claim)
    response = editor_api.get(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_draft_written_after_publication_does_not_change_the_markup(anon, fact_checks):
    claim = fact_checks[0]
    before = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    VerdictFactory(claim=claim, version=2, rating=rating("true"), published_at=None)
    assert anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").json() == before


def test_an_article_without_a_date_gives_the_claim_no_date_rather_than_when_it_was_stored(anon):
    claim = published_claim(published_at=timezone.now())
    assert claim.appearances.get().article.published_at is None
    review = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert "datePublished" not in review["itemReviewed"]
    assert "datePublished" not in review["itemReviewed"]["firstAppearance"]


def test_the_claim_date_skips_undated_articles_stored_before_a_dated_one(anon):
    claim = published_claim()  # its article has no date; stored before the other was published
    Article.objects.filter(appearances__claim=claim).update(created_at=JAN - dt.timedelta(days=90))
    AppearanceFactory(claim=claim, article=ArticleFactory(published_at=JAN))
    review = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert parse(review["itemReviewed"]["datePublished"]) == JAN


def test_without_a_fact_check_url_the_review_links_to_the_public_page_not_the_api(anon):
    claim = published_claim()
    review = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert review["url"] == public_page(claim)
    assert "/api/" not in review["url"]
    page = anon.get(review["url"].removeprefix("http://testserver"))
    assert page.status_code == 200
    assert claim.statement in page.content.decode()


def test_the_feed_links_each_review_to_its_own_public_page(anon, fact_checks):
    reviews = anon.get("/api/v1/claimreview/").json()["results"]
    by_statement = {claim.statement: claim for claim in fact_checks}
    for review in reviews:
        claim = by_statement[review["claimReviewed"]]
        expected = claim.verdicts.filter(published_at__isnull=False).latest().fact_check_url
        assert review["url"] == (expected or public_page(claim))


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("official statistics", "Organization"),
        ("police", "Organization"),
        ("Office for National Statistics", "Organization"),
        ("IMF", "Organization"),
        ("Kremlin officials", "Organization"),
        ("Nikol Pashinyan", "Person"),
        ("Gordon Brown", "Person"),
    ],
)
def test_the_claimant_is_a_person_or_an_organisation_by_the_type_ingest_gives_its_name(
    anon, name, kind
):
    claim = published_claim(claimant=ClaimantFactory(name=name, type=speaker_type(name)))
    review = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert review["itemReviewed"]["author"] == {"@type": kind, "name": name}


@pytest.mark.parametrize(
    ("declared", "kind"),
    [("person", "Person"), ("organization", "Organization"), ("group", "Organization")],
)
def test_a_claimants_declared_type_wins_over_what_its_name_says(declared, kind):
    """Claimant.type (person / organization / group) comes from the desk's branch: set on the
    instance here, so this holds before and after that field exists."""
    from claims.claimreview import claimant_author

    claimant = ClaimantFactory.build(name="Nikol Pashinyan" if kind != "Person" else "police")
    claimant.type = declared
    assert claimant_author(claimant)["@type"] == kind
