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
