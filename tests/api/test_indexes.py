"""The API's orderings can be served by an index (PostgreSQL): the view's expression and the
index's must stay the same, or every page sorts the whole table (0.6 s at a million claims)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ClaimFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgresql("query plans are PostgreSQL's"),
]


def _plan_of_the_page_query(client, url: str) -> str:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    page = next(q["sql"] for q in queries.captured_queries if 'FROM "claims_claim"' in q["sql"])
    with connection.cursor() as cursor:
        # The test tables are tiny: forbid the sort and the scan so that only a usable index
        # can make a plan without them.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {page}")
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(
    "url",
    ["/api/v1/claims/?ordering=-worthiness", "/api/v1/claims/?ordering=-worthiness&page_size=5"],
)
def test_the_claim_list_by_worthiness_reads_the_worthiness_index(editor_api, url):
    ClaimFactory.create_batch(8)
    ClaimFactory(score=None)
    plan = _plan_of_the_page_query(editor_api, url)
    assert "claim_worthiness_idx" in plan
    assert not [line for line in plan.splitlines() if line.strip(" ->").startswith("Sort")]


def test_the_next_page_by_worthiness_reads_the_index_too(editor_api):
    ClaimFactory.create_batch(8)
    first = editor_api.get("/api/v1/claims/?ordering=-worthiness&page_size=3").json()
    plan = _plan_of_the_page_query(editor_api, first["next"])
    assert "claim_worthiness_idx" in plan
