"""GET /api/v1/claims/export/: claims with their verdicts as CSV or JSON lines, streamed."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.export import COLUMNS
from tests.api.conftest import published_claim, reads
from tests.factories import ClaimantFactory, ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db
EXPORT = "/api/v1/claims/export/"


def body(response) -> str:
    assert response.streaming, "an export is streamed"
    return b"".join(response.streaming_content).decode()


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body(response))))


def json_rows(response) -> list[dict]:
    return [json.loads(line) for line in body(response).splitlines()]


@pytest.fixture
def desk(editor):
    published = published_claim(
        slug="false", claimant=ClaimantFactory(name="IMF", wikidata_id="Q7804")
    )
    draft = ClaimFactory(status="in_review", assignee=editor)
    VerdictFactory(claim=draft)  # a draft: not published, so not exported as a verdict
    return published, draft


def test_the_csv_has_a_header_and_a_row_per_claim_with_its_published_verdict(
    editor_api, editor, desk
):
    published, draft = desk
    response = editor_api.get(EXPORT, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="claims-')
    rows = csv_rows(response)
    assert list(rows[0]) == COLUMNS
    by_id = {int(row["id"]): row for row in rows}
    assert set(by_id) == {published.pk, draft.pk}
    row = by_id[published.pk]
    verdict = published.verdicts.get()
    assert row["statement"] == published.statement
    assert (row["claimant"], row["claimant_wikidata_id"]) == ("IMF", "Q7804")
    assert (row["rating"], row["rating_value"]) == ("False", "1")
    assert row["summary"] == verdict.summary
    assert row["verdict_published_at"] == verdict.published_at.isoformat()
    assert row["public_url"] == f"http://testserver/fact-checks/{published.pk}-{published.slug}/"
    unpublished = by_id[draft.pk]
    assert unpublished["rating"] == unpublished["summary"] == unpublished["public_url"] == ""
    assert unpublished["assignee"] == editor.username


def test_json_lines_give_one_object_per_claim_with_typed_values(editor_api, desk):
    published, draft = desk
    response = editor_api.get(EXPORT, {"format": "jsonl"})
    assert response["Content-Type"] == "application/jsonl; charset=utf-8"
    rows = {row["id"]: row for row in json_rows(response)}
    assert list(rows[published.pk]) == COLUMNS
    assert rows[published.pk]["rating_value"] == 1
    assert rows[published.pk]["score"] == published.score
    assert rows[draft.pk]["rating"] == "" and rows[draft.pk]["verdict_version"] is None


def test_anonymous_readers_export_published_fact_checks_only(anon, desk):
    published, _ = desk
    assert [row["id"] for row in json_rows(anon.get(EXPORT, {"format": "jsonl"}))] == [published.pk]


def test_the_claim_lists_filters_and_ordering_apply(editor_api, desk):
    published, draft = desk
    other = published_claim(slug="true")
    rows = json_rows(editor_api.get(EXPORT, {"format": "jsonl", "rating": "false"}))
    assert [row["id"] for row in rows] == [published.pk]
    rows = json_rows(editor_api.get(EXPORT, {"format": "jsonl", "status": "in_review"}))
    assert [row["id"] for row in rows] == [draft.pk]
    rows = json_rows(editor_api.get(EXPORT, {"format": "jsonl", "ordering": "id"}))
    assert [row["id"] for row in rows] == sorted([published.pk, draft.pk, other.pk])


def test_csv_is_the_default_format(editor_api, desk):
    response = editor_api.get(EXPORT)
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_an_unknown_format_or_filter_is_a_json_error_naming_it(editor_api):
    response = editor_api.get(EXPORT, {"format": "xlsx"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["fields"] == {"format": ["Export as csv or jsonl, not 'xlsx'."]}
    # (An unknown rating slug is no error: like the claim list, it matches no claim.)
    response = editor_api.get(EXPORT, {"format": "csv", "status": "pending"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "status" in response.json()["error"]["fields"]


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_defused(editor_api):
    claim = ClaimFactory(statement='=HYPERLINK("https://evil.example","click")')
    [row] = csv_rows(editor_api.get(EXPORT, {"format": "csv"}))
    assert row["statement"] == "'" + claim.statement
    [line] = json_rows(editor_api.get(EXPORT, {"format": "jsonl"}))
    assert line["statement"] == claim.statement  # JSON is data, never a formula


def test_the_export_reads_in_chunks_at_a_fixed_cost_per_chunk(editor_api, monkeypatch):
    monkeypatch.setattr("claims.export.EXPORT_CHUNK", 10)

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            rows = json_rows(editor_api.get(EXPORT, {"format": "jsonl"}))
        return len(rows), len(reads(captured))

    for _ in range(5):
        published_claim()
    rows, small = count()
    assert rows == 5
    for _ in range(5):
        published_claim()
    assert count() == (10, small)  # one chunk either way
    for _ in range(10):
        published_claim()
    rows, two_chunks = count()
    assert rows == 20
    # One query reads the claims (a cursor); each further chunk adds its verdicts and articles.
    assert two_chunks == small + 2


def test_the_export_is_documented_in_the_schema(anon):
    paths = anon.get("/api/schema/?format=json").json()["paths"]
    operation = paths["/api/v1/claims/export/"]["get"]
    assert set(operation["responses"]["200"]["content"]) == {"text/csv", "application/jsonl"}
    names = {p["name"] for p in operation["parameters"]}
    assert {"format", "q", "rating", "status", "ordering"} <= names
