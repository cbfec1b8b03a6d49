"""Claims: /api/v1/claims/ (a summary per row), a claim with everything on it, and the
workflow's actions (transition, assign, sources, draft verdict, publish, correct, merge).

Views validate the input, call a service (claims.services) and answer with the claim as
ClaimSerializer shows it; the services' WorkflowError and PermissionDenied reach the client
through claims.api.errors as 409 and 403.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import FloatField, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from articles.api.serializers import OutputSerializer
from articles.models import Article
from claims import selectors, services
from claims.api.caching import cached_page
from claims.api.claimants import ClaimantRefSerializer
from claims.api.claimreview import CLAIM_REVIEW_SCHEMA, JSONLDRenderer, claim_reviews
from claims.api.filters import ClaimFilter
from claims.api.inputs import IdListField, Input, StrictCharField, StrictURLField, existing
from claims.api.pagination import IdCursorPagination
from claims.api.permissions import ReadPublishedOrSignedIn
from claims.api.ratings import RatingRefSerializer
from claims.api.sources import SourceInput, SourceSerializer
from claims.api.users import UserRefSerializer
from claims.models import Appearance, Claim, Claimant, Rating, Status, Verdict

# --- The full claim --------------------------------------------------------------------------


class VerdictSerializer(OutputSerializer):
    rating = RatingRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Verdict
        fields = [
            "id",
            "version",
            "rating",
            "summary",
            "explanation",
            "fact_check_url",
            "published_at",
            "correction_note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class AppearanceArticleSerializer(OutputSerializer):
    class Meta:
        model = Article
        fields = ["id", "url", "title", "published_at"]
        read_only_fields = fields


class AppearanceSerializer(OutputSerializer):
    article = AppearanceArticleSerializer(read_only=True)

    class Meta:
        model = Appearance
        fields = ["id", "article", "sentence", "start", "end", "is_quote"]
        read_only_fields = fields


class ClaimSerializer(OutputSerializer):
    """A claim with everything a desk or a reader needs; relations come prefetched
    (claims.selectors.claim_list)."""

    claimant = ClaimantRefSerializer(read_only=True, allow_null=True)
    assignee = UserRefSerializer(read_only=True, allow_null=True)
    appearances = AppearanceSerializer(many=True, read_only=True)
    sources = SourceSerializer(many=True, read_only=True)
    verdict = serializers.SerializerMethodField(
        help_text="The current published verdict (its newest version), if any."
    )
    draft_verdict = serializers.SerializerMethodField(
        help_text="The unpublished next version being written (signed-in users only)."
    )
    allowed_transitions = serializers.SerializerMethodField(
        help_text="The statuses the requesting user may move this claim to now."
    )

    class Meta:
        model = Claim
        fields = [
            "id",
            "statement",
            "kind",
            "score",
            "model_version",
            "status",
            "claimant",
            "assignee",
            "duplicate_of",
            "appearances",
            "verdict",
            "draft_verdict",
            "sources",
            "allowed_transitions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def _reader(self):
        user = getattr(self.context.get("request"), "user", None)
        return user if user is not None and user.is_authenticated else None

    @extend_schema_field(VerdictSerializer(allow_null=True))
    def get_verdict(self, claim: Claim):
        published = _verdicts(claim, published=True)
        return VerdictSerializer(published[0]).data if published else None

    @extend_schema_field(VerdictSerializer(allow_null=True))
    def get_draft_verdict(self, claim: Claim):
        if self._reader() is None:
            return None
        drafts = _verdicts(claim, published=False)
        return VerdictSerializer(drafts[0]).data if drafts else None

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(Status.choices)))
    def get_allowed_transitions(self, claim: Claim) -> list[str]:
        user = self._reader()
        return services.allowed_transitions(claim=claim, user=user) if user else []


def _verdicts(claim: Claim, *, published: bool) -> list[Verdict]:
    """The claim's published versions or its draft, newest first, as prefetched by
    claims.selectors.claim_list (every version for the desk, the published ones otherwise)."""
    if hasattr(claim, "verdict_versions"):
        return [v for v in claim.verdict_versions if (v.published_at is not None) == published]
    return claim.published_verdicts if published else []


# --- A row of the claim list -----------------------------------------------------------------


class ClaimantNameSerializer(OutputSerializer):
    class Meta:
        model = Claimant
        fields = ["id", "name"]
        read_only_fields = fields


class RatingNameSerializer(OutputSerializer):
    """The rating of a claim's current published verdict (claims.selectors.claim_summaries
    prefetches that verdict as `current_verdicts`)."""

    class Meta:
        model = Rating
        fields = ["slug", "label"]
        read_only_fields = fields

    def get_attribute(self, claim: Claim) -> Rating | None:
        verdicts = claim.current_verdicts
        return verdicts[0].rating if verdicts else None


class FirstAppearanceSerializer(OutputSerializer):
    """The earliest-published article a claim appears in (claims.selectors.claim_summaries
    prefetches it as `first_appearances`)."""

    article = serializers.IntegerField(source="article_id", read_only=True)
    url = serializers.CharField(source="article.url", read_only=True)
    published_at = serializers.DateTimeField(
        source="article.published_at", read_only=True, allow_null=True
    )

    class Meta:
        model = Appearance
        fields = ["article", "url", "published_at"]
        read_only_fields = fields

    def get_attribute(self, claim: Claim) -> Appearance | None:
        return claim.first_appearances[0] if claim.first_appearances else None


class ClaimSummarySerializer(OutputSerializer):
    """A row of the claim list: what a newsroom tool shows and links to, without the nested
    appearances, sources and verdicts of the full claim (follow `url` for those)."""

    url = serializers.SerializerMethodField(help_text="The full claim.")
    claimant = ClaimantNameSerializer(read_only=True, allow_null=True)
    assignee = UserRefSerializer(read_only=True, allow_null=True)
    rating = RatingNameSerializer(
        read_only=True, allow_null=True, help_text="The rating of the current published verdict."
    )
    first_appearance = FirstAppearanceSerializer(
        read_only=True,
        allow_null=True,
        help_text="The earliest-published article the claim appears in.",
    )

    class Meta:
        model = Claim
        fields = [
            "id",
            "url",
            "statement",
            "kind",
            "score",
            "status",
            "claimant",
            "assignee",
            "rating",
            "first_appearance",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_url(self, claim: Claim) -> str:
        # One reverse for the page, not one per row: the detail URL only differs by the id.
        prefix = self.context.get("claim_url_prefix")
        if prefix is None:
            request = self.context.get("request")
            path = reverse("claim-detail", args=[0])
            url = request.build_absolute_uri(path) if request is not None else path
            prefix = self.context["claim_url_prefix"] = url.removesuffix("0/")
        return f"{prefix}{claim.pk}/"


# --- Inputs and results of the actions -------------------------------------------------------


class TransitionInput(Input):
    to = serializers.ChoiceField(choices=Status.choices, help_text="The status to move to.")
    note = StrictCharField(required=False, allow_blank=True, default="", max_length=2000)


class PublishInput(Input):
    note = StrictCharField(required=False, allow_blank=True, default="", max_length=2000)


class AssignInput(Input):
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True),
        allow_null=True,
        help_text="The user id of a fact-checker or editor, or null to unassign.",
    )


class VerdictDraftInput(Input):
    rating = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Rating.objects.all(),
        allow_null=True,
        help_text='The rating\'s slug, e.g. "false".',
    )
    summary = StrictCharField(max_length=200, allow_blank=True)
    explanation = StrictCharField(required=False, allow_blank=True, default="", max_length=50_000)
    fact_check_url = StrictURLField(required=False, allow_blank=True, default="", max_length=2000)


class CorrectionInput(Input):
    correction_note = StrictCharField(max_length=5000, help_text="What changed and why.")
    rating = serializers.SlugRelatedField(
        slug_field="slug", queryset=Rating.objects.all(), required=False
    )
    summary = StrictCharField(required=False, max_length=200)
    explanation = StrictCharField(required=False, allow_blank=True, max_length=50_000)
    fact_check_url = StrictURLField(required=False, allow_blank=True, max_length=2000)


class ClaimMergeInput(Input):
    duplicates = IdListField(
        min_length=1, max_length=100, help_text="Ids of the claims merged into this one."
    )

    def validate_duplicates(self, ids: list[int]) -> list[Claim]:
        return existing(Claim, ids, "claim")


class MergeResultSerializer(serializers.Serializer):
    survivor = ClaimSerializer(read_only=True)
    merged = serializers.IntegerField(read_only=True)
    appearances_moved = serializers.IntegerField(read_only=True)
    sources_moved = serializers.IntegerField(read_only=True)


# --- Views -----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description=(
            "Anonymous readers see published fact-checks only. Cursor-paginated. Each row is a "
            "summary (rating, first appearance, a link to the full claim); the full claim, with "
            "its appearances, verdicts, sources and allowed transitions, is at `url`."
        ),
    ),
    retrieve=extend_schema(summary="A claim with its appearances, verdict and sources"),
)
class ClaimViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [ReadPublishedOrSignedIn]
    pagination_class = IdCursorPagination
    filter_backends = [filters.DjangoFilterBackend, OrderingFilter]
    filterset_class = ClaimFilter
    ordering_fields = ["id", "created_at", "updated_at", "worthiness"]
    ordering = ["-id"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        user = self.request.user
        if self.action == "list":
            claims = selectors.claim_summaries(user=user)
        else:
            claims = selectors.claim_list(user=user)
        # `worthiness` orders the triage queue; unscored claims sort last (a cursor needs a
        # value on every row, so NULL scores cannot take part in it).
        return claims.annotate(worthiness=Coalesce("score", Value(-1.0), output_field=FloatField()))

    def get_serializer_class(self):
        return ClaimSummarySerializer if self.action == "list" else ClaimSerializer

    def filter_queryset(self, queryset):
        # A claim's URL with no query string has nothing to filter: building the filter form
        # anyway was a third of a detail request's time. (With a query string, the filters
        # narrow the detail as they narrow the list.)
        if self.action != "list" and not self.request.query_params:
            return queryset
        return super().filter_queryset(queryset)

    @cached_page
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _claim(self) -> Claim:
        return get_object_or_404(Claim, pk=self.kwargs["pk"])

    def _show(self, claim: Claim) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=claim.pk)).data)

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(request=TransitionInput, responses=ClaimSerializer, summary="Move a claim")
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        claim = self._claim()
        data = self._input(TransitionInput)
        services.claim_transition(claim=claim, to=data["to"], by=request.user, note=data["note"])
        return self._show(claim)

    @extend_schema(request=AssignInput, responses=ClaimSerializer, summary="Assign a claim")
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        claim = self._claim()
        data = self._input(AssignInput)
        services.claim_assign(claim=claim, assignee=data["assignee"], by=request.user)
        return self._show(claim)

    @extend_schema(request=SourceInput, responses={201: SourceSerializer}, summary="Add a source")
    @action(detail=True, methods=["post"])
    def sources(self, request, pk=None):
        claim = self._claim()
        source = services.source_add(claim=claim, by=request.user, **self._input(SourceInput))
        body = SourceSerializer(source, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=VerdictDraftInput,
        responses=VerdictSerializer,
        summary="Write the draft verdict",
        description="Creates or replaces the unpublished next version of the claim's verdict.",
    )
    @action(detail=True, methods=["put"], url_path="verdict/draft")
    def verdict_draft(self, request, pk=None):
        claim = self._claim()
        verdict = services.verdict_draft_save(
            claim=claim, by=request.user, **self._input(VerdictDraftInput)
        )
        return Response(VerdictSerializer(verdict).data)

    @extend_schema(
        request=PublishInput,
        responses=ClaimSerializer,
        summary="Publish the claim's verdict (editors)",
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        claim = self._claim()
        data = self._input(PublishInput)
        services.claim_transition(
            claim=claim, to=services.S.PUBLISHED, by=request.user, note=data["note"]
        )
        return self._show(claim)

    @extend_schema(
        request=CorrectionInput,
        responses={201: VerdictSerializer},
        summary="Publish a correction (editors)",
        description="A new published verdict version; earlier versions stay as they were.",
    )
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        claim = self._claim()
        verdict = services.verdict_correct(
            claim=claim, by=request.user, **self._input(CorrectionInput)
        )
        return Response(VerdictSerializer(verdict).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ClaimMergeInput,
        responses=MergeResultSerializer,
        summary="Merge duplicates into this claim (editors)",
    )
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        claim = self._claim()
        data = self._input(ClaimMergeInput)
        result = services.claim_merge(
            survivor=claim, duplicates=data["duplicates"], by=request.user
        )
        survivor = self.get_queryset().get(pk=claim.pk)
        body = {
            "survivor": self.get_serializer(survivor).data,
            "merged": result.merged,
            "appearances_moved": result.appearances_moved,
            "sources_moved": result.sources_moved,
        }
        return Response(body)

    @extend_schema(
        responses={200: CLAIM_REVIEW_SCHEMA},
        summary="The claim's schema.org ClaimReview (JSON-LD)",
        description="Published claims only; 404 for any other.",
        filters=False,
    )
    @action(
        detail=True,
        methods=["get"],
        permission_classes=[AllowAny],
        renderer_classes=[JSONLDRenderer, JSONRenderer],
        pagination_class=None,
        filter_backends=[],
    )
    def claimreview(self, request, pk=None):
        claim = get_object_or_404(selectors.claim_review_list(), pk=pk)
        return Response(claim_reviews([claim], request)[0])
