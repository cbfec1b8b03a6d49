"""The claims API: thin views that validate input, call a service and show the result.

Every write goes through claims.services (or claims.ingest); their WorkflowError and
PermissionDenied reach the client through claims.api.errors as 409 and 403.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import FloatField, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, resolve, reverse
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from articles.inputs import Document, Failure, Limits, document_from_html, fetch_url
from claims import selectors, services
from claims.api import serializers as s
from claims.api.caching import KnownTokenPages, cached_page
from claims.api.errors import Unprocessable
from claims.api.filters import ArticleFilter, ClaimFilter
from claims.api.pagination import IdCursorPagination
from claims.api.permissions import DeskMember, ReadPublishedOrSignedIn
from claims.api.schema import CLAIM_REVIEW_SCHEMA
from claims.claimreview import claim_review
from claims.ingest import IngestStatus, article_ingest
from claims.models import Claim, Claimant, Rating


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


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
class ClaimViewSet(KnownTokenPages, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.ClaimSerializer
    permission_classes = [ReadPublishedOrSignedIn]
    pagination_class = IdCursorPagination
    filter_backends = [filters.DjangoFilterBackend, OrderingFilter]
    filterset_class = ClaimFilter
    ordering_fields = ["id", "created_at", "updated_at", "worthiness"]
    ordering = ["-id"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        # The list shows a summary per claim; everything else (detail, actions) the full claim.
        if self.action in ("list", "retrieve"):
            # Read as plain rows (see list() and retrieve()); the detail only filters this
            # when the query string names a filter.
            claims = selectors.readable_claims(self.request.user)
        else:
            claims = selectors.claim_list(user=self.request.user)
        # `worthiness` orders the triage queue; unscored claims sort last (a cursor needs a
        # value on every row, so NULL scores cannot take part in it).
        return claims.annotate(worthiness=Coalesce("score", Value(-1.0), output_field=FloatField()))

    def get_serializer_class(self):
        return s.ClaimSummarySerializer if self.action == "list" else s.ClaimSerializer

    def filter_queryset(self, queryset):
        # django-filter builds and validates a form of ~20 fields on every request (~5 ms, a
        # quarter of a list request), even when no filter is asked for: then it is skipped,
        # which changes nothing else (the detail goes through here too, via get_object).
        if not self.request.query_params.keys() & ClaimFilter.base_filters.keys():
            for backend in self.filter_backends:
                if backend is not filters.DjangoFilterBackend:
                    queryset = backend().filter_queryset(self.request, queryset, self)
            return queryset
        return super().filter_queryset(queryset)

    @cached_page
    def list(self, request, *args, **kwargs):
        # Rows from .values() and two per-page lookups rather than model instances through
        # ClaimSummarySerializer (same JSON; the serializer stays the documented response):
        # those cost most of a list request's time.
        claims = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(claims.values(*selectors.SUMMARY_FIELDS, "worthiness"))
        ids = [row["id"] for row in page]
        rows = s.claim_summary_rows(
            page,
            ratings=selectors.current_ratings(ids) if ids else {},
            first_appearances=selectors.first_appearances(ids) if ids else {},
            url_prefix=self._claim_url_prefix(),
            desk=request.user.is_authenticated,
        )
        return self.get_paginated_response(rows)

    def _claim_url_prefix(self) -> str:
        path = reverse("claim-detail", args=[0])
        return self.request.build_absolute_uri(path).removesuffix("0/")

    def retrieve(self, request, *args, **kwargs):
        # Plain rows (selectors.claim_detail, three queries) and a hand-built body
        # (s.claim_detail_body) rather than prefetched model instances through ClaimSerializer
        # (same JSON; the serializer stays the documented response): those cost three
        # quarters of a detail request (~14 ms -> ~4 ms in-process on the 1M-claim database).
        pk = int(kwargs["pk"])
        # A filter in the query string narrows the detail too (a claim it excludes is a 404),
        # as it did when the detail was looked up in the filtered list.
        filtered = request.query_params.keys() & ClaimFilter.base_filters.keys()
        if filtered and not self.filter_queryset(self.get_queryset()).filter(pk=pk).exists():
            raise Http404
        return Response(self._detail(pk))

    def _detail(self, pk: int) -> dict:
        """The claim as ClaimSerializer shows it to this reader; 404 unless they may read it."""
        user = self.request.user
        # The reader's permissions (for the next moves) travel with the claim's queries.
        permissions = services.permissions_statement(user)
        rows = selectors.claim_detail(pk, user=user, also=permissions)
        if rows is None:
            raise Http404
        if rows.also is not None:
            services.store_permissions(user, rows.also)
        status = rows.claim[5]
        return s.claim_detail_body(
            rows,
            desk=user.is_authenticated,
            allowed_transitions=services.allowed_moves(status=status, user=user)
            if user.is_authenticated
            else [],
        )

    def _claim(self) -> Claim:
        return get_object_or_404(Claim, pk=self.kwargs["pk"])

    def _show(self, claim: Claim) -> Response:
        return Response(self._detail(claim.pk))

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(request=s.TransitionInput, responses=s.ClaimSerializer, summary="Move a claim")
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        claim = self._claim()
        data = self._input(s.TransitionInput)
        services.claim_transition(claim=claim, to=data["to"], by=request.user, note=data["note"])
        return self._show(claim)

    @extend_schema(request=s.AssignInput, responses=s.ClaimSerializer, summary="Assign a claim")
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        claim = self._claim()
        data = self._input(s.AssignInput)
        services.claim_assign(claim=claim, assignee=data["assignee"], by=request.user)
        return self._show(claim)

    @extend_schema(
        request=s.SourceInput, responses={201: s.SourceSerializer}, summary="Add a source"
    )
    @action(detail=True, methods=["post"])
    def sources(self, request, pk=None):
        claim = self._claim()
        source = services.source_add(claim=claim, by=request.user, **self._input(s.SourceInput))
        body = s.SourceSerializer(source, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.VerdictDraftInput,
        responses=s.VerdictSerializer,
        summary="Write the draft verdict",
        description="Creates or replaces the unpublished next version of the claim's verdict.",
    )
    @action(detail=True, methods=["put"], url_path="verdict/draft")
    def verdict_draft(self, request, pk=None):
        claim = self._claim()
        verdict = services.verdict_draft_save(
            claim=claim, by=request.user, **self._input(s.VerdictDraftInput)
        )
        return Response(s.VerdictSerializer(verdict).data)

    @extend_schema(
        request=s.PublishInput,
        responses=s.ClaimSerializer,
        summary="Publish the claim's verdict (editors)",
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        claim = self._claim()
        data = self._input(s.PublishInput)
        services.claim_transition(
            claim=claim, to=services.S.PUBLISHED, by=request.user, note=data["note"]
        )
        return self._show(claim)

    @extend_schema(
        request=s.CorrectionInput,
        responses={201: s.VerdictSerializer},
        summary="Publish a correction (editors)",
        description="A new published verdict version; earlier versions stay as they were.",
    )
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        claim = self._claim()
        verdict = services.verdict_correct(
            claim=claim, by=request.user, **self._input(s.CorrectionInput)
        )
        return Response(s.VerdictSerializer(verdict).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.ClaimMergeInput,
        responses=s.MergeResultSerializer,
        summary="Merge duplicates into this claim (editors)",
    )
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        claim = self._claim()
        data = self._input(s.ClaimMergeInput)
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
        return Response(_review(claim, request, selectors.rating_scale()))


def _review(claim: Claim, request, scale, url_prefix: str | None = None) -> dict:
    if url_prefix is None:
        url_prefix = _review_url_prefix(request)
    return claim_review(
        claim,
        verdicts=claim.published_verdicts,
        appearances=list(claim.appearances.all()),
        scale=scale,
        url=f"{url_prefix}{claim.pk}/claimreview/",
    )


def _review_url_prefix(request) -> str:
    # One reverse per page, not per claim (~70 us each): the URL only differs by the id.
    url = request.build_absolute_uri(reverse("claim-claimreview", args=[0]))
    return url.removesuffix("0/claimreview/")


@extend_schema_view(
    list=extend_schema(
        summary="Every published ClaimReview (JSON-LD feed)",
        responses={200: CLAIM_REVIEW_SCHEMA},
    )
)
class ClaimReviewViewSet(KnownTokenPages, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Open to everyone: what search engines and fact-check aggregators read."""

    permission_classes = [AllowAny]
    renderer_classes = [JSONLDRenderer, JSONRenderer]
    pagination_class = IdCursorPagination
    filter_backends = []
    queryset = Claim.objects.none()  # for the schema; get_queryset gives the real one

    def get_queryset(self):
        return selectors.claim_review_feed()

    @cached_page
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        ids = [claim.pk for claim in page]
        # Appearances and verdicts as plain rows (selectors.review_*), not prefetched model
        # instances: the same reviews (tests/api/test_claimreview.py), a third of the time.
        appearances = selectors.review_appearances(ids)
        verdicts = selectors.review_verdicts(ids)
        scale = selectors.rating_scale()
        prefix = _review_url_prefix(request)
        reviews = [
            claim_review(
                claim,
                verdicts=verdicts[claim.pk],
                appearances=appearances[claim.pk],
                scale=scale,
                url=f"{prefix}{claim.pk}/claimreview/",
            )
            for claim in page
        ]
        return self.get_paginated_response(reviews)


@extend_schema_view(
    list=extend_schema(summary="List articles with their claims"),
    retrieve=extend_schema(summary="An article with its text and claims"),
)
class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsAuthenticated]
    pagination_class = IdCursorPagination
    filter_backends = [filters.DjangoFilterBackend, OrderingFilter]
    filterset_class = ArticleFilter
    ordering_fields = ["id", "created_at"]
    ordering = ["-id"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        articles = selectors.article_list()
        if self.action == "list":
            return articles.defer("text", "raw_text")
        return articles

    def get_serializer_class(self):
        return s.ArticleDetailSerializer if self.action == "retrieve" else s.ArticleSerializer


class ClaimantViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = selectors.claimant_list()
    serializer_class = s.ClaimantSerializer
    filter_backends = [filters.DjangoFilterBackend, SearchFilter, OrderingFilter]
    filterset_fields = ["wikidata_id"]
    search_fields = ["name", "aliases__name", "description"]
    ordering_fields = ["name", "created_at", "id"]
    ordering = ["name", "id"]
    lookup_value_regex = r"\d+"

    @extend_schema(
        request=s.ClaimantMergeInput,
        responses=s.ClaimantMergeResultSerializer,
        summary="Merge other claimants into this one (editors)",
    )
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        claimant = get_object_or_404(Claimant, pk=pk)
        data = s.ClaimantMergeInput(data=request.data)
        data.is_valid(raise_exception=True)
        merged = services.claimant_merge(
            into=claimant, others=data.validated_data["others"], by=request.user
        )
        fresh = self.get_queryset().get(pk=claimant.pk)
        return Response({"claimant": s.ClaimantSerializer(fresh).data, "merged": merged})


class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Evidence attached to claims. Add one with POST /claims/{id}/sources/."""

    queryset = selectors.source_list()
    serializer_class = s.SourceSerializer
    filter_backends = [filters.DjangoFilterBackend, OrderingFilter]
    filterset_fields = ["claim", "stance", "reliability"]
    ordering_fields = ["id", "created_at"]
    ordering = ["-id"]
    lookup_value_regex = r"\d+"


class RatingViewSet(viewsets.ReadOnlyModelViewSet):
    """The verdict scale; `value` is ClaimReview's ratingValue (null: off the numeric scale)."""

    queryset = Rating.objects.all()
    serializer_class = s.RatingSerializer
    pagination_class = None
    filter_backends = []
    lookup_value_regex = r"\d+"


class TransitionViewSet(viewsets.ReadOnlyModelViewSet):
    """The append-only log of status changes (and corrections)."""

    queryset = selectors.transition_list()
    serializer_class = s.TransitionSerializer
    pagination_class = IdCursorPagination
    filter_backends = [filters.DjangoFilterBackend, OrderingFilter]
    filterset_fields = ["claim", "to_status", "from_status", "by"]
    ordering_fields = ["id", "at"]
    ordering = ["-id"]
    lookup_value_regex = r"\d+"


class IngestView(APIView):
    """Push one article in: its claims are extracted and recorded, as `manage.py ingest` does."""

    permission_classes = [DeskMember]

    @extend_schema(
        request=s.IngestInput,
        responses={201: s.IngestResultSerializer, 200: s.IngestResultSerializer},
        summary="Ingest an article (text, HTML or a URL to fetch)",
        description=(
            "201 when the article is new; 200 when the same text was already stored "
            '(`"status": "unchanged"`) or the URL\'s stored text changed (`"updated"`). '
            "Bodies over CLAIMTRACK_API_MAX_BODY_BYTES get 413. Fact-checkers and editors only."
        ),
    )
    def post(self, request):
        serializer = s.IngestInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        document = _document(data)
        result = article_ingest(
            text=document.text,
            raw_text=document.raw_text,
            title=data.get("title") or document.title,
            url=data.get("url") or document.url,
            publisher=data.get("publisher") or document.publisher,
            published=data.get("published") or document.published,
            authors=data.get("authors") or document.authors,
            language=data["language"],
        )
        article = selectors.article_list().get(pk=result.article.pk)
        body = {
            "status": str(result.status),
            "article": s.ArticleDetailSerializer(article).data,
            "claims_created": result.claims_created,
            "appearances_created": result.appearances_created,
            "appearances_removed": result.appearances_removed,
        }
        created = result.status is IngestStatus.CREATED
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


def _document(data: dict) -> Document:
    """The article as the command would read it: text as is, HTML through trafilatura, a URL
    fetched (size and time bounded by the ingest settings)."""
    if data.get("text") is not None:
        return Document(input="text", text=data["text"], raw_text=data["text"])
    if data.get("html") is not None:
        parsed = document_from_html("html", data["html"], data.get("url"))
    else:
        parsed = fetch(data["url"])
    if isinstance(parsed, Failure):
        raise Unprocessable(f"{parsed.input}: {parsed.reason}")
    return parsed


def fetch(url: str) -> Document | Failure:
    limits = Limits(
        max_bytes=settings.CLAIMTRACK_MAX_INPUT_BYTES,
        timeout=settings.CLAIMTRACK_URL_TIMEOUT_SECONDS,
        allow_private_addresses=settings.CLAIMTRACK_ALLOW_PRIVATE_URLS,
    )
    return fetch_url(url, limits)


@extend_schema(exclude=True)
class NotFoundView(APIView):
    """Unknown API paths: a JSON 404, or a redirect when only the trailing slash is missing."""

    permission_classes = [AllowAny]

    def dispatch(self, request, *args, **kwargs):
        if request.method in ("GET", "HEAD") and not request.path.endswith("/"):
            try:
                resolve(request.path + "/")
            except Resolver404:
                pass
            else:
                query = request.META.get("QUERY_STRING")
                return HttpResponsePermanentRedirect(
                    request.path + "/" + (f"?{query}" if query else "")
                )
        return super().dispatch(request, *args, **kwargs)

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise NotFound(f"No API endpoint at {request.path}.")
