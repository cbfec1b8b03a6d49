"""JSON bodies only, and never larger than CLAIMTRACK_API_MAX_BODY_BYTES."""

from __future__ import annotations

import io

from django.conf import settings
from rest_framework.parsers import JSONParser

from claims.api.errors import PayloadTooLarge


class BoundedJSONParser(JSONParser):
    """JSON, refused with 413 past the size limit before it is read into memory.

    The declared Content-Length is checked first; a body without one (chunked) is read up to
    one byte past the limit, so a client cannot get round the check by not declaring a size.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.CLAIMTRACK_API_MAX_BODY_BYTES
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        if declared and declared.isdigit() and int(declared) > limit:
            raise too_large(int(declared), limit)
        data = stream.read(limit + 1) if stream is not None else b""
        if len(data) > limit:
            raise too_large(None, limit)
        return super().parse(io.BytesIO(data), media_type, parser_context)


def too_large(size: int | None, limit: int) -> PayloadTooLarge:
    got = f"{size} bytes" if size is not None else "more"
    return PayloadTooLarge(
        f"The request body is {got}, over the {limit} byte limit (CLAIMTRACK_API_MAX_BODY_BYTES)."
    )
