"""Input crafted to break the server gets a 400 in the API's error shape, never a 500: tampered
pagination cursors and JSON nested deeper than any request needs."""

from __future__ import annotations

import base64

import pytest

from claims.models import Transition
from tests.api.conftest import published_claim
from tests.api.test_errors import assert_error
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def cursor(querystring: str) -> str:
    return base64.b64encode(querystring.encode()).decode()


# Positions no ordering key takes, and cursors that do not decode.
TAMPERED = [
    cursor("p=abc"),
    cursor("p="),
    cursor("p=\x00"),
    cursor("p=1;DROP TABLE claims_claim"),
    cursor("r=abc&p=1"),
    cursor("o=-5"),
    "not base64 at all!",
    "w6k=",  # base64 of bytes that are not ASCII
]
ORDERINGS = ["", "id", "-created_at", "updated_at", "-worthiness"]


@pytest.mark.parametrize("ordering", ORDERINGS)
@pytest.mark.parametrize("value", TAMPERED)
def test_a_tampered_claim_list_cursor_is_a_400_naming_the_cursor(anon, ordering, value):
    published_claim()
    response = anon.get("/api/v1/claims/", {"cursor": value, "ordering": ordering})
    error = assert_error(response, 400, "invalid")
    assert list(error["fields"]) == ["cursor"]


@pytest.mark.parametrize(
    ("ordering", "position"),
    [
        ("id", "99999999999999999999999999"),  # beyond a bigint
        ("id", "1e999"),
        ("id", "2026-01-01T00:00:00Z"),
        ("created_at", "2026-13-45T00:00:00Z"),
        ("created_at", "1e999"),
        ("worthiness", "2026-01-01T00:00:00Z"),
    ],
)
def test_a_cursor_position_its_ordering_key_cannot_take_is_a_400(anon, ordering, position):
    published_claim()
    response = anon.get(
        "/api/v1/claims/", {"cursor": cursor(f"p={position}"), "ordering": ordering}
    )
    assert list(assert_error(response, 400, "invalid")["fields"]) == ["cursor"]


@pytest.mark.parametrize(
    "path", ["/api/v1/articles/", "/api/v1/transitions/", "/api/v1/claimreview/"]
)
@pytest.mark.parametrize("value", [cursor("p=abc"), cursor("p=2026-13-45")])
def test_a_tampered_cursor_is_a_400_on_every_cursor_paginated_list(editor_api, path, value):
    published_claim()
    response = editor_api.get(path, {"cursor": value}, HTTP_ACCEPT="application/json")
    assert list(assert_error(response, 400, "invalid")["fields"]) == ["cursor"]


def test_a_cursor_the_api_gave_out_still_pages_on(anon):
    claims = [published_claim() for _ in range(3)]
    first = anon.get("/api/v1/claims/", {"page_size": 2, "ordering": "-worthiness"}).json()
    following = anon.get(first["next"]).json()
    seen = [row["id"] for row in first["results"] + following["results"]]
    assert sorted(seen) == sorted(claim.pk for claim in claims)


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [100_000, 5_000])
def test_json_nested_past_any_need_is_a_400_parse_error(editor_api, depth):
    claim = ClaimFactory(status="selected")
    body = '{"to": "dismissed", "note": ' + nested(depth) + "}"
    response = editor_api.post(
        f"/api/v1/claims/{claim.pk}/transition/", body, content_type="application/json"
    )
    error = assert_error(response, 400, "parse_error")
    assert "nested" in error["message"]
    assert not Transition.objects.exists()


def test_deep_json_is_a_400_on_ingest_too(editor_api):
    response = editor_api.post("/api/v1/ingest/", nested(100_000), content_type="application/json")
    assert_error(response, 400, "parse_error")
