"""Bad input gets a 4xx in one JSON shape with a message a person can act on, and writes nothing."""

from __future__ import annotations

import pytest
from django.test import override_settings
from rest_framework.throttling import AnonRateThrottle

from claims.models import Claim, Transition, Verdict
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert set(error) == {"status", "code", "message", "fields"}
    assert (error["status"], error["code"]) == (status, code)
    assert error["message"]
    return error


@pytest.fixture
def claim(db):
    return ClaimFactory(status="selected")


def unchanged(claim) -> bool:
    claim.refresh_from_db()
    return (
        claim.status == "selected"
        and not Transition.objects.exists()
        and not Verdict.objects.exists()
    )


def test_malformed_json_is_a_400_naming_the_parse_error(editor_api, claim):
    response = editor_api.post(
        f"/api/v1/claims/{claim.pk}/transition/",
        '{"to": "researching",',
        content_type="application/json",
    )
    error = assert_error(response, 400, "parse_error")
    assert error["message"].startswith("JSON parse error")
    assert unchanged(claim)


def test_a_body_that_is_not_a_json_object_is_a_400(editor_api, claim):
    response = editor_api.post(
        f"/api/v1/claims/{claim.pk}/transition/", '["dismissed"]', content_type="application/json"
    )
    error = assert_error(response, 400, "invalid")
    assert error["fields"] == {
        "non_field_errors": ["Invalid data. Expected a dictionary, but got list."]
    }
    assert unchanged(claim)


def test_a_form_encoded_body_is_an_unsupported_media_type(editor_api, claim):
    response = editor_api.post(
        f"/api/v1/claims/{claim.pk}/transition/", {"to": "dismissed"}, format="multipart"
    )
    assert_error(response, 415, "unsupported_media_type")
    assert unchanged(claim)


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"to": 5}, {"to": ['"5" is not a valid choice.']}),
        ({"to": "dismissed", "note": 7}, {"note": ["Not a valid string."]}),
        ({"to": "dismissed", "note": ["a"]}, {"note": ["Not a valid string."]}),
        ({}, {"to": ["This field is required."]}),
        ({"to": "closed"}, {"to": ['"closed" is not a valid choice.']}),
    ],
)
def test_wrong_types_and_missing_fields_are_400_per_field(editor_api, claim, body, fields):
    response = editor_api.post(f"/api/v1/claims/{claim.pk}/transition/", body)
    error = assert_error(response, 400, "invalid")
    assert error["fields"] == fields
    assert unchanged(claim)


def test_an_unknown_field_is_refused_not_ignored(editor_api, claim):
    response = editor_api.post(
        f"/api/v1/claims/{claim.pk}/transition/", {"to": "dismissed", "not": "typo for note"}
    )
    error = assert_error(response, 400, "invalid")
    assert error["fields"] == {"not": ["Unknown field (expected: to, note)."]}
    assert error["message"] == "Invalid input: not: Unknown field (expected: to, note)."
    assert unchanged(claim)


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"rating": "lies", "summary": "x"}, "rating", "Object with slug=lies does not exist."),
        ({"rating": "false", "summary": "x" * 201}, "summary", "no more than 200 characters"),
        (
            {"rating": "false", "summary": "x", "fact_check_url": "a"},
            "fact_check_url",
            "valid http:// or https:// URL",
        ),
    ],
)
def test_a_bad_draft_verdict_is_refused_per_field(checker_api, claim, body, field, message):
    response = checker_api.put(f"/api/v1/claims/{claim.pk}/verdict/draft/", body)
    fields = assert_error(response, 400, "invalid")["fields"]
    assert list(fields) == [field]
    assert message in fields[field][0]
    assert unchanged(claim)


def test_assigning_an_unknown_user_names_the_id(editor_api, claim):
    response = editor_api.post(f"/api/v1/claims/{claim.pk}/assign/", {"assignee": 987654})
    error = assert_error(response, 400, "invalid")
    assert error["fields"] == {"assignee": ['Invalid pk "987654" - object does not exist.']}
    assert unchanged(claim)


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=200)
def test_an_oversized_body_is_a_413_before_it_is_read(editor_api, claim):
    response = editor_api.post(
        f"/api/v1/claims/{claim.pk}/transition/", {"to": "dismissed", "note": "x" * 500}
    )
    error = assert_error(response, 413, "payload_too_large")
    assert "over the 200 byte limit (CLAIMTRACK_API_MAX_BODY_BYTES)" in error["message"]
    assert unchanged(claim)


@pytest.mark.parametrize("path", ["/api/v1/claims/424242/", "/api/v1/articles/9/", "/api/v1/nope/"])
def test_unknown_ids_and_paths_are_a_json_404(editor_api, path):
    assert_error(editor_api.get(path), 404, "not_found")


def test_a_bad_filter_value_is_a_400_naming_the_parameter(editor_api):
    response = editor_api.get("/api/v1/claims/?score_min=high&claimant=first")
    error = assert_error(response, 400, "invalid")
    assert set(error["fields"]) == {"score_min", "claimant"}


def test_a_method_the_resource_does_not_have_is_a_405(editor_api):
    assert_error(editor_api.delete("/api/v1/ratings/1/"), 405, "method_not_allowed")
    assert_error(editor_api.post("/api/v1/transitions/", {}), 405, "method_not_allowed")


def test_anonymous_clients_are_throttled_and_told_when_to_retry(anon, editor_api, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/min"})
    codes = [anon.get("/api/v1/claims/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = anon.get("/api/v1/claims/")
    error = assert_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0
    assert "Request was throttled" in error["message"]
    # Signed-in clients are not throttled.
    assert all(editor_api.get("/api/v1/claims/").status_code == 200 for _ in range(5))


def test_nothing_of_a_refused_request_reaches_the_database(editor_api, claim):
    count = Claim.objects.count()
    editor_api.post(f"/api/v1/claims/{claim.pk}/merge/", {"duplicates": "all"})
    editor_api.post(f"/api/v1/claims/{claim.pk}/merge/", {"duplicates": []})
    assert Claim.objects.count() == count
    assert unchanged(claim)


def test_a_date_with_an_offset_postgresql_cannot_store_is_read_as_utc(editor_api):
    # Found by schemathesis: PostgreSQL refuses offsets beyond ±15:59 with a DataError (500).
    response = editor_api.get("/api/v1/claims/?created_before=3013-11-01T07:10:27-17:32")
    assert response.status_code == 200


def test_a_date_that_falls_off_the_calendar_in_utc_is_a_400(editor_api):
    response = editor_api.get("/api/v1/claims/?created_after=0001-01-01T00:00:00%2B02:00")
    assert assert_error(response, 400, "invalid")["fields"] == {
        "created_after": ["Date and time out of range."]
    }


@pytest.mark.parametrize("size", ["ten", "0", "-3", "1.5", "201", "100000", "\u00b2"])
def test_a_page_size_that_is_not_a_whole_number_from_1_to_200_is_a_400(editor_api, size):
    for resource in ("claims", "claimants"):
        response = editor_api.get(f"/api/v1/{resource}/?page_size={size}")
        assert assert_error(response, 400, "invalid")["fields"] == {
            "page_size": ["A whole number from 1 to 200."]
        }
