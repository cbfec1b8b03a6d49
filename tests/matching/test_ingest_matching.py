"""Matching on the ingest path: a repeat in a new article is suggested as it is stored."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from claims import services
from claims.ingest import article_ingest
from claims.models import Claim, ClaimEmbedding, Match


def claims_of(result) -> list[Claim]:
    return list(Claim.objects.filter(appearances__article=result.article).distinct())


pytestmark = pytest.mark.django_db

FIRST = (
    "Jobs report.\n\nUnemployment fell to 3.1% in March, the lowest rate since 1974, "
    "the statistics office said."
)
SECOND = (
    "Economy.\n\nThe jobless rate dropped to 3.1% in March, its lowest level since 1974, "
    "officials said."
)
OTHER = "Sport.\n\nThe city council approved a new budget of $40 million for public parks in Leeds."


def test_a_paraphrase_in_a_second_article_is_suggested_on_ingest_and_an_unrelated_one_is_not():
    first = article_ingest(text=FIRST, title="Jobs")
    second = article_ingest(text=SECOND, title="Economy")
    other = article_ingest(text=OTHER, title="Parks")
    [earlier] = claims_of(first)
    [later] = claims_of(second)
    assert earlier.pk != later.pk
    match = Match.objects.get(claim=later)
    assert match.candidate_claim == earlier
    assert not Match.objects.filter(claim__in=claims_of(other)).exists()
    assert ClaimEmbedding.objects.count() == Claim.objects.count() == 3


def test_ingesting_the_same_text_again_changes_no_match_and_reextraction_keeps_them(editor):
    article_ingest(text=FIRST, title="Jobs")
    second = article_ingest(text=SECOND, title="Economy")
    before = list(Match.objects.values_list("claim_id", "candidate_claim_id", "score"))
    again = article_ingest(text=SECOND, title="Economy")
    assert again.status == "unchanged"
    services.article_reextract(article=second.article, by=editor)
    after = list(Match.objects.values_list("claim_id", "candidate_claim_id", "score"))
    assert after == before
    assert len(after) == 1


def test_with_matching_switched_off_ingest_stores_no_vector_and_match_claims_catches_up(
    settings,
):
    settings.CLAIMTRACK_MATCH_ON_INGEST = False
    article_ingest(text=FIRST, title="Jobs")
    article_ingest(text=SECOND, title="Economy")
    assert not ClaimEmbedding.objects.exists()
    out = StringIO()
    call_command("match_claims", stdout=out)
    assert "2 claims matched, 2 embedded, 1 suggestions" in out.getvalue()
    assert Match.objects.count() == 1
