"""schema.org ClaimReview markup for a published fact-check, per Google's documented fields.

https://developers.google.com/search/docs/appearance/structured-data/factcheck

Markup elsewhere gets three things wrong that this gets right: the rating value always sits
within worstRating..bestRating (an off-scale rating such as Unverifiable gives no numbers at
all); the claim's date is when it was made (its earliest article), not when it was checked;
one claim gives one review. A correction is a new published verdict version: the rating and
dateModified follow it, datePublished stays the first publication.

`claim_review` is a pure function: the caller passes the claim's published verdicts and
appearances (prefetched, see claims.selectors.claim_review_list), so building a feed costs no
query per claim. `claim_reviews` is what the API and the public pages call: it adds the rating
scale (one query) and each review's `url`, the public fact-check page unless the verdict names
a fact-check URL of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from claims.models import Appearance, Claim, Claimant, Verdict
from claims.selectors import rating_scale

CONTEXT = "https://schema.org"

# schema.org's type for a Claimant.type: a group of people is an Organization to schema.org.
_SCHEMA_TYPES = {"person": "Person", "organization": "Organization", "group": "Organization"}


def claim_reviews(claims: Iterable[Claim], request: HttpRequest) -> list[dict[str, Any]]:
    """The ClaimReview of each published claim (as claims.selectors.claim_review_list or
    fact_check_detail give them: nothing is queried per claim), each linked to its public
    page where its verdict gives no fact-check URL."""
    claims = list(claims)
    scale = rating_scale() if claims else None
    site = request.build_absolute_uri("/").removesuffix("/")
    return [
        claim_review(
            claim,
            verdicts=claim.published_verdicts,
            appearances=claim.appearances.all(),
            scale=scale,
            url=site + claim.get_absolute_url(),
        )
        for claim in claims
    ]


def claim_review(
    claim: Claim,
    *,
    verdicts: Sequence[Verdict],
    appearances: Sequence[Appearance],
    scale: tuple[int, int] | None,
    url: str,
) -> dict[str, Any]:
    """The ClaimReview of a published claim.

    verdicts: the claim's published versions (any order); the newest is the current one.
    appearances: the claim's appearances, with their articles.
    scale: (worst, best) values of the rating scale.
    url: where the review can be read when the verdict gives no fact-check URL.
    """
    published = sorted((v for v in verdicts if v.published_at is not None), key=_version)
    if not published:
        raise ValueError(f"claim {claim.pk} has no published verdict")
    first, current = published[0], published[-1]
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": current.fact_check_url or url,
        "claimReviewed": claim.statement,
        "author": organisation(),
        "datePublished": _iso(first.published_at),
        "reviewRating": review_rating(current, scale),
        "itemReviewed": item_reviewed(claim, appearances),
    }
    if current.pk != first.pk:
        review["dateModified"] = _iso(current.published_at)
    return review


def organisation() -> dict[str, str]:
    author = {"@type": "Organization", "name": settings.CLAIMTRACK_ORGANIZATION_NAME}
    if settings.CLAIMTRACK_ORGANIZATION_URL:
        author["url"] = settings.CLAIMTRACK_ORGANIZATION_URL
    return author


def review_rating(verdict: Verdict, scale: tuple[int, int] | None) -> dict[str, Any]:
    rating = verdict.rating
    assert rating is not None  # a published verdict has a rating (database constraint)
    result: dict[str, Any] = {"@type": "Rating", "alternateName": rating.label}
    # Numbers only when they are true: a value on the scale, the scale's own bounds.
    if rating.value is not None and scale is not None and scale[0] <= rating.value <= scale[1]:
        result["ratingValue"] = rating.value
        result["worstRating"] = scale[0]
        result["bestRating"] = scale[1]
    return result


def item_reviewed(claim: Claim, appearances: Sequence[Appearance]) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.claimant is not None:
        item["author"] = claimant_author(claim.claimant)
    articles = {a.article_id: a.article for a in appearances}
    ordered = sorted(articles.values(), key=lambda a: (a.published_at or a.created_at, a.pk))
    dated = [a.published_at for a in ordered if a.published_at is not None]
    if dated:
        # When the claim was made: the earliest date an article it appears in was published.
        # Never the day an article was stored: without a known date there is no date.
        item["datePublished"] = _iso(min(dated))
    works = [_creative_work(a) for a in ordered if a.url]
    if works:
        item["firstAppearance"] = works[0]
        item["appearance"] = works
    return item


def claimant_author(claimant: Claimant) -> dict[str, str]:
    author = {"@type": claimant_type(claimant), "name": claimant.name}
    if claimant.wikidata_id:
        author["sameAs"] = claimant.wikidata_url
    return author


def claimant_type(claimant: Claimant) -> str:
    """ "Person" or "Organization": schema.org's type for the claimant's type (ingest guesses it
    from the speaker's name and description, the desk corrects it); a group of people
    ("analysts", "Kremlin officials") is an Organization to schema.org."""
    return _SCHEMA_TYPES.get(claimant.type, "Person")


def _creative_work(article) -> dict[str, str]:
    work = {"@type": "CreativeWork", "url": article.url}
    if article.title:
        work["headline"] = article.title
    if article.published_at:
        work["datePublished"] = _iso(article.published_at)
    return work


def _version(verdict: Verdict) -> int:
    return verdict.version


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
