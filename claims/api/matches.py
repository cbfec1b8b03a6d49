"""Matching over the API: a claim's matches, the desk's decisions, and "has this been checked?".

One builder per shape: ``_targets`` turns stored claims and fact-checks into the rows the
serializers below describe (and render), whichever endpoint asked.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import selectors
from claims.api.inputs import Input, StrictCharField, StrictIntegerField
from claims.api.permissions import DeskMember
from claims.matching import services
from claims.models import Claim, ExternalFactCheck, Match, MatchStatus, Status


class VerdictBrief(serializers.Serializer):
    rating = serializers.CharField(allow_null=True)
    summary = serializers.CharField()
    published_at = serializers.DateTimeField()
    url = serializers.CharField(allow_blank=True)


class ClaimTarget(serializers.Serializer):
    id = serializers.IntegerField()
    statement = serializers.CharField()
    status = serializers.CharField()
    verdict = VerdictBrief(allow_null=True, help_text="The current published verdict, if any.")


class FactCheckTarget(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()
    publisher = serializers.CharField()
    claim_reviewed = serializers.CharField()
    rating = serializers.CharField(help_text="The publisher's own words.")
    date = serializers.DateField(allow_null=True, help_text="When the review was published.")


class MatchSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    score = serializers.FloatField(help_text="0 to 1: how likely the two state the same claim.")
    method = serializers.CharField(help_text="Encoder and re-ranker versions that scored it.")
    status = serializers.ChoiceField(choices=MatchStatus.choices)
    decided_at = serializers.DateTimeField(allow_null=True)
    claim = ClaimTarget(allow_null=True, help_text="The earlier claim, for a repeat.")
    fact_check = FactCheckTarget(allow_null=True, help_text="The fact-check, if already checked.")


class TextMatchSerializer(serializers.Serializer):
    score = serializers.FloatField()
    claim = ClaimTarget(allow_null=True)
    fact_check = FactCheckTarget(allow_null=True)


class TextMatchInput(Input):
    """A text to look up: unknown fields and a text or limit of the wrong JSON type are refused."""

    text = StrictCharField(max_length=5000, help_text="A claim, a post, a headline.")
    limit = StrictIntegerField(min_value=1, max_value=20, default=5)


class MatchDecisionInput(Input):
    """A decision takes no fields: the body, if any, is an empty object (a field sent is
    refused by name rather than silently ignored)."""


def _claim_rows(ids: Iterable[int], public: bool) -> dict[int, dict]:
    claims = Claim.objects.filter(pk__in=list(ids))
    if public:
        claims = claims.filter(status=Status.PUBLISHED)
    rows = {
        pk: {"id": pk, "statement": statement, "status": status, "verdict": None}
        for pk, statement, status in claims.values_list("pk", "statement", "status")
    }
    ids = list(rows)
    verdicts = selectors.current_verdicts(ids).values_list(
        "claim_id", "rating__label", "summary", "published_at", "fact_check_url"
    )
    for claim_id, rating, summary, published_at, url in verdicts:
        rows[claim_id]["verdict"] = {
            "rating": rating,
            "summary": summary,
            "published_at": published_at,
            "url": url,
        }
    return rows


def _fact_check_rows(ids: Iterable[int]) -> dict[int, dict]:
    return {
        pk: {
            "id": pk,
            "url": url,
            "publisher": publisher,
            "claim_reviewed": claim_reviewed,
            "rating": rating,
            "date": reviewed_on,
        }
        for pk, url, publisher, claim_reviewed, rating, reviewed_on in (
            ExternalFactCheck.objects.filter(pk__in=list(ids)).values_list(
                "pk", "url", "publisher", "claim_reviewed", "rating", "reviewed_on"
            )
        )
    }


def _targets(
    pairs: list[tuple[int | None, int | None]], *, public: bool
) -> list[tuple[dict | None, dict | None]]:
    """The claim or fact-check row of each (claim id, fact-check id); a public caller gets
    ``None`` for a claim that is not published (and the row is then left out)."""
    claims = _claim_rows((c for c, _ in pairs if c is not None), public)
    checks = _fact_check_rows(f for _, f in pairs if f is not None)
    return [(claims.get(c) if c else None, checks.get(f) if f else None) for c, f in pairs]


class ClaimMatchesView(APIView):
    """A claim's matches: earlier claims it repeats and fact-checks that already reviewed it."""

    permission_classes = [AllowAny]

    @extend_schema(
        responses=MatchSerializer(many=True),
        summary="Matches of a claim",
        description=(
            "The desk (fact-checkers and editors) sees every match (suggested, confirmed, "
            "rejected), best first. Anyone else, anonymous or signed in without a desk role, "
            "sees only the confirmed matches of a published claim, and only to published "
            "claims or imported fact-checks."
        ),
    )
    def get(self, request, pk: int):
        claim = get_object_or_404(selectors.readable_claims(request.user), pk=pk)
        matches = Match.objects.filter(claim=claim).order_by("-score", "id")
        if selectors.reads_published_only(request.user):
            matches = matches.filter(status=MatchStatus.CONFIRMED).filter(
                Q(fact_check__isnull=False) | Q(candidate_claim__status="published")
            )
        rows = list(
            matches.values(
                "id",
                "score",
                "method",
                "status",
                "decided_at",
                "candidate_claim_id",
                "fact_check_id",
            )
        )
        public = selectors.reads_published_only(request.user)
        pairs = [(r["candidate_claim_id"], r["fact_check_id"]) for r in rows]
        body = [
            {**row, "claim": claim_row, "fact_check": check_row}
            for row, (claim_row, check_row) in zip(
                rows, _targets(pairs, public=public), strict=True
            )
            if claim_row or check_row
        ]
        return Response(MatchSerializer(body, many=True).data)


class MatchDecisionView(APIView):
    """Confirm or reject a suggested match (the workflow's permissions decide who may)."""

    permission_classes = [DeskMember]
    decision = "confirm"

    @extend_schema(
        request=MatchDecisionInput, responses=MatchSerializer, summary="Decide a suggested match"
    )
    def post(self, request, pk: int):
        match = get_object_or_404(Match, pk=pk)
        MatchDecisionInput(data=request.data).is_valid(raise_exception=True)
        decide = services.match_confirm if self.decision == "confirm" else services.match_reject
        match = decide(match=match, by=request.user)
        [(claim_row, check_row)] = _targets(
            [(match.candidate_claim_id, match.fact_check_id)], public=False
        )
        body = {
            "id": match.pk,
            "score": match.score,
            "method": match.method,
            "status": match.status,
            "decided_at": match.decided_at,
            "claim": claim_row,
            "fact_check": check_row,
        }
        return Response(MatchSerializer(body).data)


class TextMatchView(APIView):
    """Has this been said, or checked, before? Ranked claims and fact-checks for any text."""

    permission_classes = [AllowAny]

    @extend_schema(
        request=TextMatchInput,
        responses=TextMatchSerializer(many=True),
        summary="Match a text against stored claims and fact-checks",
        description=(
            "Returns up to `limit` stored claims and imported fact-checks that likely state the "
            "same claim, best first, each with its score (only those at or above the "
            "matcher's suggestion threshold). Anonymous callers see published claims and "
            "imported fact-checks only, and are rate-limited."
        ),
    )
    def post(self, request):
        data = TextMatchInput(data=request.data)
        data.is_valid(raise_exception=True)
        public = selectors.reads_published_only(request.user)
        hits = services.database_index().search(
            data.validated_data["text"], public=public, limit=data.validated_data["limit"]
        )
        pairs = [
            (pk, None) if kind == services.CLAIM else (None, pk)
            for kind, pk in (services.split_key(h.key) for h in hits)
        ]
        body = [
            {"score": hit.score, "claim": claim_row, "fact_check": check_row}
            for hit, (claim_row, check_row) in zip(
                hits, _targets(pairs, public=public), strict=True
            )
            if claim_row or check_row
        ]
        return Response(TextMatchSerializer(body, many=True).data)
