"""/api/v1/claims/export/: the claims a reader may see, with their verdicts, as CSV or JSON
lines (claims.export builds and streams the rows; the admin's export actions use it too).

The claim list's filters and ordering apply; the reader's role decides which claims, as on
the list (anonymous readers: published fact-checks). Not paginated: the whole selection,
streamed. Errors come as JSON in the API's error shape, whatever format was asked for.
"""

from __future__ import annotations

from django.db.models import FloatField, Value
from django.db.models.functions import Coalesce
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.generics import GenericAPIView
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from claims import selectors
from claims.api.errors import ErrorSerializer
from claims.api.filters import ClaimFilter
from claims.api.permissions import ReadPublishedOrDesk
from claims.api.schema import ERRORS, READ_ERRORS
from claims.export import COLUMNS, FORMATS, export_response
from claims.models import Claim


class ExportRenderer(BaseRenderer):
    """Names a format for content negotiation; the rows are streamed by claims.export, never
    rendered here (anything else the view answers is JSON: see finalize_response)."""

    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        raise TypeError("exports are streamed by claims.export, not rendered")


class CSVRenderer(ExportRenderer):
    media_type = FORMATS["csv"]
    format = "csv"


class JSONLinesRenderer(ExportRenderer):
    media_type = FORMATS["jsonl"]
    format = "jsonl"


class ExportNegotiation(DefaultContentNegotiation):
    def filter_renderers(self, renderers, format):
        matching = [renderer for renderer in renderers if renderer.format == format]
        if not matching:
            choices = " or ".join(FORMATS)
            raise ValidationError({"format": [f"Export as {choices}, not {format!r}."]})
        return matching


_JSONL_EXAMPLE = '{"id": 42, "statement": "Unemployment fell to 3.1% in March.", "…": "…"}\n'


@extend_schema(
    summary="Export claims with their verdicts (CSV or JSON lines)",
    description=(
        "The claims you may read (anonymous readers: published fact-checks), filtered and "
        "ordered as the claim list is, each with its current published verdict, streamed whole "
        "(no pagination). Columns, in this order, and the keys of each JSON line: "
        + ", ".join(f"`{c}`" for c in COLUMNS)
        + ". Verdict fields are empty (null in JSON) for a claim with no published verdict; "
        "`public_url` is the public fact-check page of a published claim. A CSV text cell that "
        "a spreadsheet would run as a formula (starting with =, +, -, @) gets a leading "
        "apostrophe."
    ),
    parameters=[
        OpenApiParameter(
            "format",
            OpenApiTypes.STR,
            enum=list(FORMATS),
            description="csv (the default) or jsonl (one JSON object per line).",
        )
    ],
    responses={
        (200, FORMATS["csv"]): OpenApiResponse(
            OpenApiTypes.STR,
            description="CSV with a header row.",
            examples=[
                OpenApiExample("csv", value=",".join(COLUMNS) + "\n", media_type=FORMATS["csv"])
            ],
        ),
        (200, FORMATS["jsonl"]): OpenApiResponse(
            OpenApiTypes.STR,
            description="JSON lines: one object per claim.",
            examples=[OpenApiExample("jsonl", value=_JSONL_EXAMPLE, media_type=FORMATS["jsonl"])],
        ),
        **{
            (int(code), "application/json"): OpenApiResponse(
                ErrorSerializer, description=ERRORS[code]
            )
            for code in READ_ERRORS
        },
    },
    filters=True,
)
class ClaimExportView(GenericAPIView):
    permission_classes = [ReadPublishedOrDesk]
    renderer_classes = [CSVRenderer, JSONLinesRenderer]
    content_negotiation_class = ExportNegotiation
    pagination_class = None
    filter_backends = [filters.DjangoFilterBackend, OrderingFilter]
    filterset_class = ClaimFilter
    ordering_fields = ["id", "created_at", "updated_at", "worthiness"]
    ordering = ["-id"]
    queryset = Claim.objects.none()  # for the schema; get_queryset gives the real one

    def get_queryset(self):
        claims = selectors.claim_export(user=self.request.user)
        # As on the claim list: `worthiness` orders by score with unscored claims last.
        return claims.annotate(worthiness=Coalesce("score", Value(-1.0), output_field=FloatField()))

    def get(self, request, *args, **kwargs):
        claims = self.filter_queryset(self.get_queryset())
        return export_response(claims, format=request.accepted_renderer.format, request=request)

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response):
            # Not the export (an error, OPTIONS): JSON, in the API's error shape for errors.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
