"""Two-stage scoring: claims written with the fast model's score, rescored with the default
model by a task (eager here; tests/workers runs it on a worker)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.extraction import StoredStatement, extract, rescore
from claims.extraction.checkworthiness import load_default, load_shipped
from claims.ingest import article_ingest
from claims.ingest.rescore import articles_rescore
from claims.models import Claim

pytestmark = pytest.mark.django_db
SEED = (Path(__file__).parent / "fixtures" / "seed_article.txt").read_text()


@pytest.fixture
def two_stage(settings):
    settings.CLAIMTRACK_TWO_STAGE_SCORING = True
    settings.CLAIMTRACK_MATCH_ON_INGEST = False
    return settings


def test_claims_are_chosen_by_the_fast_model_and_scored_by_the_default_one(two_stage):
    result = article_ingest(text=SEED, title="Armenia cancels drills")
    fast = extract(SEED, title="Armenia cancels drills", scorer=load_shipped("linear"))
    claims = list(Claim.objects.order_by("statement"))
    assert sorted(c.statement for c in claims) == sorted(c.statement for c in fast.claims)

    quoted = {c.statement: c.is_quote for c in fast.claims}
    expected, version = rescore(
        [
            StoredStatement(c.statement, quoted[c.statement], c.claimant_id is not None)
            for c in claims
        ]
    )
    assert version.startswith(str(load_default().version))
    assert {c.model_version for c in claims} == {version}
    assert [c.score for c in claims] == pytest.approx(expected)
    result.article.refresh_from_db()
    assert result.article.model_version == version


def test_rescoring_again_changes_nothing(two_stage):
    result = article_ingest(text=SEED)
    before = list(Claim.objects.order_by("pk").values_list("score", "model_version"))
    assert articles_rescore(article_ids=[result.article.pk]) == 0
    assert list(Claim.objects.order_by("pk").values_list("score", "model_version")) == before


def test_with_one_stage_the_default_model_scores_at_once(settings):
    settings.CLAIMTRACK_TWO_STAGE_SCORING = False
    result = article_ingest(text=SEED)
    assert result.article.model_version == result.extraction.model_version
    assert result.extraction.model_version.startswith(str(load_default().version))
    assert articles_rescore(article_ids=[result.article.pk]) == 0
