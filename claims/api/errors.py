"""One error shape for every API failure, and the exceptions the workflow raises mapped onto it.

    {"error": {"status": 409, "code": "workflow_conflict", "message": "...", "fields": {...}}}

`fields` maps a field name (or "non_field_errors") to its messages; it is empty when the error
is not about a particular field. Views call the services and let their exceptions reach here:
a PermissionDenied becomes 403, any other WorkflowError 409, an IngestError 422, a body over
the size limit 413.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from claims.ingest import IngestError
from claims.services import PermissionDenied, WorkflowError


class WorkflowConflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The claim's workflow does not allow this now."
    default_code = "workflow_conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


class UriTooLong(exceptions.APIException):
    status_code = status.HTTP_414_REQUEST_URI_TOO_LONG
    default_detail = "The URL is too long."
    default_code = "uri_too_long"


class Unprocessable(exceptions.APIException):
    """Input of the documented shape whose content cannot be ingested: a page that cannot be
    fetched or holds no article, text that is only boilerplate."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "The input cannot be ingested."
    default_code = "ingest_failed"


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    exc = _as_api_exception(exc)
    if not isinstance(exc, exceptions.APIException):
        return None  # a bug: let Django report it as a 500
    set_rollback()
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    body = error_body(exc)
    return Response(body, status=exc.status_code, headers=headers)


def _as_api_exception(exc: Exception) -> Exception:
    if isinstance(exc, PermissionDenied):  # before WorkflowError: it is one
        return exceptions.PermissionDenied(str(exc))
    if isinstance(exc, WorkflowError):
        return WorkflowConflict(str(exc))
    if isinstance(exc, IngestError):
        return Unprocessable(str(exc))
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(exc.message_dict)
        return exceptions.ValidationError({"non_field_errors": exc.messages})
    if isinstance(exc, Http404):
        return exceptions.NotFound("Not found: no such object, or not one you may read.")
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, RequestDataTooBig):  # Django read past DATA_UPLOAD_MAX_MEMORY_SIZE
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return PayloadTooLarge(
            f"The request body is over the {limit} byte limit (CLAIMTRACK_API_MAX_BODY_BYTES)."
        )
    return exc


def error_body(exc: exceptions.APIException) -> dict[str, Any]:
    detail = exc.detail
    fields: dict[str, list[str]] = {}
    if isinstance(exc, exceptions.ValidationError):
        if isinstance(detail, dict):
            fields = {str(name): _messages(value) for name, value in detail.items()}
        else:
            fields = {"non_field_errors": _messages(detail)}
        message = "Invalid input: " + "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in fields.items()
        )
        code = "invalid"
    else:
        message = str(detail)
        code = getattr(detail, "code", None) or exc.default_code
    return {
        "error": {"status": exc.status_code, "code": code, "message": message, "fields": fields}
    }


def _messages(value: Any) -> list[str]:
    """Nested DRF error details flattened to readable strings ("0.url: Enter a valid URL.")."""
    if isinstance(value, dict):
        return [f"{key}: {m}" for key, inner in value.items() for m in _messages(inner)]
    if isinstance(value, list):
        out = []
        for index, inner in enumerate(value):
            if isinstance(inner, dict | list):
                out.extend(f"{index}.{m}" for m in _messages(inner))
            else:
                out.append(str(inner))
        return out
    return [str(value)]


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status code, repeated.")
    code = serializers.CharField(help_text='A stable machine-readable code, e.g. "not_found".')
    message = serializers.CharField(help_text="What went wrong, in words a person can act on.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per input field (empty unless the input was invalid).",
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()
