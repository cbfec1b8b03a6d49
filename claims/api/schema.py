"""The OpenAPI schema documents every error response in the one shape the API returns."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse

from claims.api.errors import ErrorSerializer

ERRORS = {
    "400": "Invalid input: malformed JSON, wrong types, unknown fields or a bad filter value.",
    "401": "Not signed in (send `Authorization: Token <key>` or use a session).",
    "403": "Signed in, but your role may not do this.",
    "404": "No such object, or not one you may read.",
    "409": "The claim's workflow does not allow this now (the message says why).",
    "413": "The request body is over CLAIMTRACK_API_MAX_BODY_BYTES.",
    "429": "Too many requests from an anonymous client; retry after the Retry-After seconds.",
}
# Which errors an operation can answer with, by HTTP method.
READ_ERRORS = ("400", "401", "403", "404", "429")
WRITE_ERRORS = ("400", "401", "403", "404", "409", "413", "429")


class AutoSchema(SpectacularAutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = READ_ERRORS if self.method in ("GET", "HEAD", "OPTIONS") else WRITE_ERRORS
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=ERRORS[code]), code
                )
        return responses


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
