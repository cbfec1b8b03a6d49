"""Two-stage scoring's second stage: claims written with the fast model's score take the
default model's, in batches, off the request path (claims.tasks.rescore_articles)."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef

from articles.models import Article
from claims.extraction import StoredStatement, rescore
from claims.models import Appearance, Claim


def articles_rescore(*, article_ids: Sequence[int], batch_size: int | None = None) -> int:
    """Rescore, with the default model, the claims of these articles still carrying the fast
    model's score; returns how many were rescored. Running it again rescores nothing: a claim
    rescored no longer has the fast model's version."""
    from claims.ingest.read import first_stage_scorer

    fast = first_stage_scorer()
    if fast is None or not article_ids:
        return 0
    batch_size = batch_size or settings.CLAIMTRACK_RESCORE_BATCH_SIZE
    claim_ids = list(
        Claim.objects.filter(
            appearances__article_id__in=article_ids, model_version__startswith=str(fast.version)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )
    done = 0
    for start in range(0, len(claim_ids), batch_size):
        done += _rescore_batch(claim_ids[start : start + batch_size], str(fast.version))
    Article.objects.filter(pk__in=article_ids, model_version__startswith=str(fast.version)).update(
        model_version=_version_after()
    )
    return done


def _rescore_batch(claim_ids: list[int], fast_version: str) -> int:
    quoted = Appearance.objects.filter(claim=OuterRef("pk"), is_quote=True)
    claims = list(
        Claim.objects.filter(pk__in=claim_ids, model_version__startswith=fast_version)
        .annotate(quoted=Exists(quoted))
        .only("pk", "statement", "claimant_id", "score", "model_version")
    )
    if not claims:
        return 0
    scores, version = rescore(
        [
            StoredStatement(c.statement, is_quote=c.quoted, has_speaker=c.claimant_id is not None)
            for c in claims
        ]
    )
    for claim, score in zip(claims, scores, strict=True):
        claim.score, claim.model_version = score, version
    with transaction.atomic():
        Claim.objects.bulk_update(claims, ["score", "model_version"])
    return len(claims)


def _version_after() -> str:
    _, version = rescore([])
    return version
