"""The OpenAPI schema documents every error response in the one shape the API returns."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import SAFE_METHODS

from claims.api.errors import ErrorSerializer
from claims.api.inputs import Input

ERRORS = {
    "400": "Invalid input: malformed JSON, wrong types, unknown fields or a bad filter value.",
    "401": "Not signed in (send `Authorization: Token <key>` or use a session).",
    "403": "Signed in, but your role may not do this.",
    "404": "No such object, or not one you may read.",
    "409": "The claim's workflow does not allow this now (the message says why).",
    "413": "The request body is over CLAIMTRACK_API_MAX_BODY_BYTES.",
    "414": "The URL (path and query) is over the API's length limit.",
    "429": "Too many requests from a reader without a desk role; retry after Retry-After seconds.",
}
# Which errors an operation can answer with, by HTTP method.
READ_ERRORS = ("400", "401", "403", "404", "414", "429")
WRITE_ERRORS = ("400", "401", "403", "404", "409", "413", "414", "429")


class AutoSchema(SpectacularAutoSchema):
    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if isinstance(serializer, Input):
            # Input.to_internal_value refuses any field it does not declare.
            schema["additionalProperties"] = False
            # Rules across fields that its validate() enforces, as JSON Schema says them.
            for name, constraint in getattr(serializer, "schema_rules", {}).items():
                if name == "properties":
                    for field, extra in constraint.items():
                        schema["properties"][field].update(extra)
                else:
                    schema[name] = constraint
        return schema

    def _get_request_body(self, direction="request"):
        body = super()._get_request_body(direction)
        if body is None:
            return body
        if getattr(self.get_request_serializer(), "schema_rules", {}).get("anyOf"):
            # A body that must name one of several fields cannot be left out.
            body["required"] = True
        return body

    def get_auth(self):
        auths = super().get_auth()
        # drf-spectacular knows AllowAny and IsAuthenticatedOrReadOnly; ReadPublishedOrDesk
        # lets anyone read too (published claims only), so reading needs no credentials.
        public_reads = any(
            getattr(p, "anonymous_reads", False) for p in self.view.get_permissions()
        )
        if public_reads and self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        for parameter in (operation or {}).get("parameters", []):
            # An empty filter, search, ordering or cursor is no filter, as if it were not sent
            # (django-filter, DRF); page_size insists on a number, a list on its choices.
            single = parameter.get("schema", {}).get("type") != "array"
            if parameter["in"] == "query" and parameter["name"] != "page_size" and single:
                parameter["allowEmptyValue"] = True
            value = parameter.get("schema", {})
            # (Not ?ordering=: DRF's OrderingFilter ignores any value it does not know.)
            plain = value.get("type") == "string" and not {"enum", "format", "pattern"} & set(value)
            if plain and parameter["name"] != "ordering":
                value["pattern"] = "^[^\\u0000]*$"  # Django's form fields refuse NUL
        return operation

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = READ_ERRORS if self.method in ("GET", "HEAD", "OPTIONS") else WRITE_ERRORS
        if self._get_request_body() is None:  # a request that sends no body cannot be too large
            codes = tuple(code for code in codes if code != "413")
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=ERRORS[code]), code
                )
        return responses


def describe_kinds(result, generator, request, public):
    """Postprocessing hook: the claim kinds' enum says what each kind means, from the one
    definition list (``claims.models.KIND_DEFINITIONS``)."""
    from claims.models import KIND_DEFINITIONS

    enum = result.get("components", {}).get("schemas", {}).get("KindEnum")
    if enum is not None:
        enum["description"] = "The kind of claim: what a fact-checker would check in it.\n\n" + (
            "\n".join(f"* `{kind.value}`: {text}" for kind, text in KIND_DEFINITIONS.items())
        )
    return result
