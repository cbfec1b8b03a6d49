"""The API's URL length limit, answered as 414 in the API's error shape.

Checked by a middleware, before any view: a view's filters, cursor and search would otherwise
each take their share of an arbitrarily long query string. The limit sits under gunicorn's
request line limit (4094 bytes with the method and protocol), so the API answers a long URL
itself rather than gunicorn with a plain-text 400.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from claims.api.errors import UriTooLong, error_body

MAX_URL_LENGTH = 4000
API_PREFIX = "/api/"


def url_length_limit(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        length = len(request.path) + len(request.META.get("QUERY_STRING", ""))
        if length > MAX_URL_LENGTH and request.path.startswith(API_PREFIX):
            exc = UriTooLong(
                f"The URL is {length} characters long, over the API's limit of "
                f"{MAX_URL_LENGTH} (path and query string)."
            )
            return JsonResponse(error_body(exc), status=exc.status_code)
        return get_response(request)

    return middleware
