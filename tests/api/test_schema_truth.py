"""The OpenAPI schema says what the server does: strict bodies, page size bounds, the 413 and
414 answers, http(s)-only URLs and sane dates as field errors, merges that report the claim
that survives."""

from __future__ import annotations

import pytest

from claims.models import Article, Source
from tests.api.test_errors import assert_error
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(anon) -> dict:
    return anon.get("/api/schema/?format=json").json()


def operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def request_schema(schema: dict, operation: dict) -> dict | None:
    body = operation.get("requestBody")
    if body is None:
        return None
    ref = body["content"]["application/json"]["schema"]["$ref"]
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]]


def test_every_request_body_says_it_refuses_unknown_fields(schema, editor_api):
    bodies = [request_schema(schema, op) for _, _, op in operations(schema)]
    bodies = [body for body in bodies if body is not None]
    assert len(bodies) >= 8
    components = schema["components"]["schemas"]
    for body in bodies:
        # A body of several shapes (one article, or a job of many): each shape is strict.
        shapes = [components[one["$ref"].rsplit("/", 1)[1]] for one in body.get("oneOf", [])]
        for shape in shapes or [body]:
            assert shape["additionalProperties"] is False, shape
    # And the server does refuse them.
    claim = ClaimFactory(status="selected")
    response = editor_api.post(f"/api/v1/claims/{claim.pk}/publish/", {"not": "x"})
    assert assert_error(response, 400, "invalid")["fields"] == {
        "not": ["Unknown field (expected: note)."]
    }


def test_page_size_has_the_bounds_the_server_enforces(schema, editor_api):
    for _, _, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            if parameter["name"] == "page_size":
                assert parameter["schema"] == {"type": "integer", "minimum": 1, "maximum": 200}
    for size in ("0", "201", "100000"):
        response = editor_api.get("/api/v1/claims/", {"page_size": size})
        assert assert_error(response, 400, "invalid")["fields"] == {
            "page_size": ["A whole number from 1 to 200."]
        }
    assert editor_api.get("/api/v1/claims/", {"page_size": 200}).status_code == 200


def test_413_is_documented_where_a_body_is_read_and_414_everywhere(schema):
    for path, method, operation in operations(schema):
        assert "414" in operation["responses"], f"{method} {path}"
        assert ("413" in operation["responses"]) == ("requestBody" in operation), f"{method} {path}"


def test_a_url_over_the_limit_is_a_json_414(anon, editor_api):
    long_query = "q=" + "a" * 5000
    response = anon.get(f"/api/v1/claims/?{long_query}")
    error = assert_error(response, 414, "uri_too_long")
    assert "4000" in error["message"]
    claim = ClaimFactory(status="selected")
    response = editor_api.post(f"/api/v1/claims/{claim.pk}/publish/?{long_query}", {})
    assert_error(response, 414, "uri_too_long")


def test_url_inputs_document_http_only_and_refuse_others_per_field(schema, checker_api):
    components = schema["components"]["schemas"]
    for name, field in [
        ("IngestInputRequest", "url"),
        ("SourceInputRequest", "url"),
        ("SourceInputRequest", "archived_url"),
        ("VerdictDraftInputRequest", "fact_check_url"),
        ("CorrectionInputRequest", "fact_check_url"),
    ]:
        prop = components[name]["properties"][field]
        assert "pattern" in prop.get("oneOf", [prop])[0], (name, field)
    claim = ClaimFactory(status="selected")
    for url in ("ftp://files.example/a.txt", "javascript:alert(1)", "file:///etc/passwd"):
        response = checker_api.post(f"/api/v1/claims/{claim.pk}/sources/", {"url": url})
        assert assert_error(response, 400, "invalid")["fields"] == {
            "url": ["Enter a valid http:// or https:// URL."]
        }, url
        response = checker_api.post("/api/v1/ingest/", {"text": "A sentence.", "url": url})
        assert assert_error(response, 400, "invalid")["fields"] == {
            "url": ["Enter a valid http:// or https:// URL."]
        }, url
    assert not Source.objects.exists() and not Article.objects.exists()


@pytest.mark.parametrize(
    "published", ["1700-01-01T00:00:00Z", "2999-01-01T00:00:00Z", "9999-12-31T23:59:59-12:00"]
)
def test_an_article_date_out_of_range_is_a_field_error(checker_api, published):
    response = checker_api.post(
        "/api/v1/ingest/", {"text": "The minister said so.", "published": published}
    )
    fields = assert_error(response, 400, "invalid")["fields"]
    assert list(fields) == ["published"]
    assert not Article.objects.exists()


def test_a_merge_reports_the_claim_that_survives(editor_api):
    a, b, c = ClaimFactory(), ClaimFactory(), ClaimFactory()
    merged = editor_api.post(f"/api/v1/claims/{b.pk}/merge/", {"duplicates": [a.pk]})
    assert merged.status_code == 200
    response = editor_api.post(f"/api/v1/claims/{a.pk}/merge/", {"duplicates": [c.pk]})
    assert response.status_code == 200, response.content
    assert response.json()["survivor"]["id"] == b.pk
