"""JSON bodies only. Their size is bounded before they are parsed by Django's
DATA_UPLOAD_MAX_MEMORY_SIZE (CLAIMTRACK_API_MAX_BODY_BYTES), which claims.api.errors answers
with 413."""

from __future__ import annotations

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class BoundedJSONParser(JSONParser):
    """JSON, refused with 400 when nested too deeply to decode."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            # Thousands of nested brackets exhaust Python's stack in the decoder; no request
            # body of this API nests more than a few levels.
            raise ParseError("JSON parse error - the body is nested too deeply.") from None
