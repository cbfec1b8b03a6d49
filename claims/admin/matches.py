"""Matches on the desk: what the claim page and the queue show, and the claim page's confirm /
reject handler (the decision itself is `claims.matching.services`')."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse

from claims import selectors
from claims.matching import services
from claims.models import Claim, Match, MatchStatus
from claims.services import WorkflowError


@dataclass(frozen=True)
class MatchRow:
    """One match as the claim page shows it."""

    pk: int
    status: str
    status_label: str
    score: float
    kind: str  # "seen before" or "already checked"
    statement: str
    link: str
    external: bool
    rating: str
    date: date | datetime | None
    publisher: str


def claim_matches_context(claim: Claim) -> dict:
    """Matches of the claim, suggestions first, each with the verdict or rating and its date."""
    matches = list(
        Match.objects.filter(claim=claim)
        .select_related("candidate_claim", "fact_check")
        .order_by("status", "-score")
    )
    claim_ids = [m.candidate_claim_id for m in matches if m.candidate_claim_id]
    verdicts = {
        v.claim_id: v for v in selectors.current_verdicts(claim_ids).select_related("rating")
    }
    rows = []
    for m in matches:
        if m.fact_check_id:
            check = m.fact_check
            rows.append(
                MatchRow(
                    m.pk,
                    m.status,
                    m.get_status_display(),
                    m.score,
                    "already checked",
                    check.claim_reviewed,
                    check.url,
                    True,
                    check.rating,
                    check.reviewed_on,
                    check.publisher,
                )
            )
            continue
        verdict = verdicts.get(m.candidate_claim_id)
        rows.append(
            MatchRow(
                m.pk,
                m.status,
                m.get_status_display(),
                m.score,
                "already checked" if verdict else "seen before",
                m.candidate_claim.statement,
                reverse("admin:claims_claim_change", args=[m.candidate_claim_id]),
                False,
                verdict.rating.label if verdict and verdict.rating else "",
                verdict.published_at if verdict else m.candidate_claim.created_at,
                "",
            )
        )
    return {"matches": rows, "suggested_matches": sum(r.status == "suggested" for r in rows)}


def with_match_flags(claims):
    """Annotate a claim queryset with `seen_before` and `already_checked` for the queue."""
    live = Match.objects.filter(claim=OuterRef("pk")).exclude(status=MatchStatus.REJECTED)
    return claims.annotate(
        seen_before=Exists(live.filter(candidate_claim__isnull=False)),
        already_checked=Exists(
            live.filter(Q(fact_check__isnull=False) | Q(candidate_claim__status="published"))
        ),
    )


def match_decision_view(model_admin, request, pk: int, match_pk: int, decision: str):
    """POST from the claim page: confirm or reject one of its matches."""
    if request.method != "POST" or decision not in ("confirm", "reject"):
        raise PermissionDenied
    match = get_object_or_404(Match, pk=match_pk, claim_id=pk)
    decide = services.match_confirm if decision == "confirm" else services.match_reject
    try:
        decide(match=match, by=request.user)
    except WorkflowError as error:
        model_admin.message_user(request, str(error), messages.ERROR)
    else:
        done = "confirmed" if decision == "confirm" else "rejected (it will not be suggested again)"
        model_admin.message_user(request, f"Match {done}.", messages.SUCCESS)
    return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[pk]))
