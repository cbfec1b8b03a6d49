"""schema.org ClaimReview as JSON-LD: /api/v1/claimreview/ (the feed) and
/api/v1/claims/{id}/claimreview (one claim's, an action of the claims resource)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from claims import selectors
from claims.api.caching import cached_page
from claims.api.pagination import IdCursorPagination
from claims.claimreview import claim_reviews
from claims.models import Claim


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


def _thing(kind: str, **properties) -> dict:
    return {
        "type": "object",
        "properties": {"@type": {"type": "string", "enum": [kind]}, **properties},
        "required": ["@type", *[name for name in properties if name in ("name", "url")]],
    }


_STRING = {"type": "string"}
_URL = {"type": "string", "format": "uri"}
_DATE = {"type": "string", "format": "date-time"}
_WORK = _thing("CreativeWork", url=_URL, headline=_STRING, datePublished=_DATE)

# ClaimReview as claims.claimreview builds it (schema.org; Google's documented fields).
CLAIM_REVIEW_SCHEMA = {
    "type": "object",
    "description": "schema.org ClaimReview (JSON-LD).",
    "properties": {
        "@context": {"type": "string", "enum": ["https://schema.org"]},
        "@type": {"type": "string", "enum": ["ClaimReview"]},
        "url": _URL,
        "claimReviewed": _STRING,
        "author": _thing("Organization", name=_STRING, url=_URL),
        "datePublished": _DATE,
        "dateModified": _DATE,
        "reviewRating": {
            "type": "object",
            "description": "ratingValue, worstRating and bestRating are absent for a rating "
            "off the numeric scale (e.g. Unverifiable).",
            "properties": {
                "@type": {"type": "string", "enum": ["Rating"]},
                "alternateName": _STRING,
                "ratingValue": {"type": "integer", "minimum": 1},
                "worstRating": {"type": "integer", "minimum": 1},
                "bestRating": {"type": "integer", "minimum": 1},
            },
            "required": ["@type", "alternateName"],
        },
        "itemReviewed": {
            "type": "object",
            "properties": {
                "@type": {"type": "string", "enum": ["Claim"]},
                "author": {
                    "type": "object",
                    "properties": {
                        "@type": {"type": "string", "enum": ["Person", "Organization"]},
                        "name": _STRING,
                        "sameAs": _URL,
                    },
                    "required": ["@type", "name"],
                },
                "datePublished": _DATE,
                "firstAppearance": _WORK,
                "appearance": {"type": "array", "items": _WORK},
            },
            "required": ["@type"],
        },
    },
    "required": [
        "@context",
        "@type",
        "url",
        "claimReviewed",
        "author",
        "datePublished",
        "reviewRating",
        "itemReviewed",
    ],
}


@extend_schema_view(
    list=extend_schema(
        summary="Every published ClaimReview (JSON-LD feed)",
        responses={200: CLAIM_REVIEW_SCHEMA},
    )
)
class ClaimReviewViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Open to everyone: what search engines and fact-check aggregators read."""

    permission_classes = [AllowAny]
    renderer_classes = [JSONLDRenderer, JSONRenderer]
    pagination_class = IdCursorPagination
    filter_backends = []
    queryset = Claim.objects.none()  # for the schema; get_queryset gives the real one

    def get_queryset(self):
        return selectors.claim_review_list()

    @cached_page
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(claim_reviews(page, request))
