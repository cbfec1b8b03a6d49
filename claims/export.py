"""Claims with their verdicts as rows for newsroom spreadsheets and tools: CSV or JSON lines.

One row shape (`ExportRow`), built once per claim from claims.selectors.claim_export and written
by either writer; the API's /claims/export/ and the admin's export actions both stream it.
Rows are read in chunks (`EXPORT_CHUNK` claims, a fixed number of queries each), so a large
export neither holds every claim in memory nor waits for the last one to send the first.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone

from claims.models import Claim, Status

EXPORT_CHUNK = 500
FORMATS = {"csv": "text/csv", "jsonl": "application/jsonl"}
# A spreadsheet runs a cell that starts with one of these as a formula: statements come from
# articles, so a text cell that starts so gets a leading apostrophe (OWASP's CSV injection advice).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclasses.dataclass(frozen=True, slots=True)
class ExportRow:
    """A claim and its current published verdict (empty verdict fields when it has none)."""

    id: int
    statement: str
    kind: str
    status: str
    score: float | None
    claimant: str
    claimant_wikidata_id: str
    assignee: str
    first_article_url: str
    first_article_published_at: dt.datetime | None
    rating: str
    rating_value: int | None
    summary: str
    explanation: str
    fact_check_url: str
    verdict_version: int | None
    verdict_published_at: dt.datetime | None
    public_url: str
    created_at: dt.datetime
    updated_at: dt.datetime


COLUMNS = [field.name for field in dataclasses.fields(ExportRow)]


def export_row(claim: Claim, *, site: str) -> ExportRow:
    """The row of a claim from claims.selectors.claim_export (its relations prefetched)."""
    verdict = claim.current_verdicts[0] if claim.current_verdicts else None
    appearance = claim.first_appearances[0] if claim.first_appearances else None
    rating = verdict.rating if verdict is not None else None
    published = claim.status == Status.PUBLISHED
    return ExportRow(
        id=claim.pk,
        statement=claim.statement,
        kind=claim.kind,
        status=claim.status,
        score=claim.score,
        claimant=claim.claimant.name if claim.claimant else "",
        claimant_wikidata_id=claim.claimant.wikidata_id if claim.claimant else "",
        assignee=claim.assignee.get_username() if claim.assignee else "",
        first_article_url=appearance.article.url if appearance else "",
        first_article_published_at=appearance.article.published_at if appearance else None,
        rating=rating.label if rating else "",
        rating_value=rating.value if rating else None,
        summary=verdict.summary if verdict else "",
        explanation=verdict.explanation if verdict else "",
        fact_check_url=verdict.fact_check_url if verdict else "",
        verdict_version=verdict.version if verdict else None,
        verdict_published_at=verdict.published_at if verdict else None,
        public_url=site + claim.get_absolute_url() if published else "",
        created_at=claim.created_at,
        updated_at=claim.updated_at,
    )


def export_rows(claims: QuerySet[Claim], *, site: str) -> Iterator[ExportRow]:
    for claim in claims.iterator(chunk_size=EXPORT_CHUNK):
        yield export_row(claim, site=site)


class _Line:
    """What csv.writer writes to: hands each line back instead of keeping it."""

    def write(self, line: str) -> str:
        return line


def csv_lines(rows: Iterable[ExportRow]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield writer.writerow(COLUMNS)
    for row in rows:
        yield writer.writerow([_cell(value) for value in dataclasses.astuple(row)])


def json_lines(rows: Iterable[ExportRow]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(dataclasses.asdict(row), cls=DjangoJSONEncoder, ensure_ascii=False) + "\n"


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return "" if value is None else value


def export_response(
    claims: QuerySet[Claim], *, format: str, request: HttpRequest
) -> StreamingHttpResponse:
    """The claims as a streamed download in `format` ("csv" or "jsonl")."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    site = request.build_absolute_uri("/").removesuffix("/")
    rows = export_rows(claims, site=site)
    lines = csv_lines(rows) if format == "csv" else json_lines(rows)
    response = StreamingHttpResponse(lines, content_type=f"{FORMATS[format]}; charset=utf-8")
    stamp = timezone.now().strftime("%Y-%m-%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="claims-{stamp}.{format}"'
    return response
