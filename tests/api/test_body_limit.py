"""One body limit (CLAIMTRACK_API_MAX_BODY_BYTES, which is Django's DATA_UPLOAD_MAX_MEMORY_SIZE):
a body under it is read, a body over it is a JSON 413 in the error shape, declared or not."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.test import override_settings

from claims.models import Article, Transition
from tests.api.test_errors import assert_error
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

MB = 1_000_000


def article(size: int) -> str:
    """A plain-text article of `size` bytes (as JSON), built of ordinary sentences."""
    sentence = "Officials said the new bridge over the river opened on Tuesday. "
    text = (sentence * (size // len(sentence) + 1))[: size - 20]
    return json.dumps({"text": text, "title": "Bridge"})


def test_the_documented_limit_is_the_one_django_applies():
    # Past the ingest limit with room for the JSON around the text, and one number for both.
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE > settings.CLAIMTRACK_MAX_INPUT_BYTES
    assert not hasattr(settings, "CLAIMTRACK_API_MAX_BODY_BYTES")


def test_a_3_mb_body_under_the_limit_is_read_and_answered_in_json(editor_api):
    """Django's own 2.5 MB default used to answer this with an HTML 400 before the API saw it.
    (A body read and refused for its field, not ingested: extracting 3 MB takes minutes.)"""
    claim = ClaimFactory(status="selected")
    body = json.dumps({"to": "dismissed", "note": "x" * 3 * MB})
    response = editor_api.post(
        f"/api/v1/claims/{claim.pk}/transition/", body, content_type="application/json"
    )
    error = assert_error(response, 400, "invalid")
    assert list(error["fields"]) == ["note"]
    assert not Transition.objects.exists()


def test_a_3_mb_article_is_refused_with_a_json_413_when_the_limit_is_lower(checker_api):
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2 * MB):
        response = checker_api.post(
            "/api/v1/ingest/", article(3 * MB), content_type="application/json"
        )
    error = assert_error(response, 413, "payload_too_large")
    assert error["message"] == (
        "The request body is over the 2000000 byte limit (CLAIMTRACK_API_MAX_BODY_BYTES)."
    )
    assert not Article.objects.exists()


def test_a_body_over_the_default_limit_is_a_json_413(checker_api):
    size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1
    response = checker_api.post(
        "/api/v1/ingest/", article(size + 20), content_type="application/json"
    )
    assert_error(response, 413, "payload_too_large")
    assert not Article.objects.exists()
