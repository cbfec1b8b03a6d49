"""The queue's export actions: the selected claims, with their verdicts, as a download."""

from __future__ import annotations

import csv
import io
import json

import pytest

from claims.export import COLUMNS
from tests.api.conftest import published_claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db
QUEUE = "/admin/claims/claim/"


def export(client, action: str, claims, query: str = "", **extra) -> str:
    data = {"action": action, "_selected_action": [c.pk for c in claims], **extra}
    response = client.post(QUEUE + query, data)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="claims-')
    return b"".join(response.streaming_content).decode()


def test_the_queue_offers_both_exports_to_a_fact_checker(login, fact_checker):
    offered = dict(login(fact_checker).get(QUEUE).context["action_form"].fields["action"].choices)
    assert offered["export_csv"] == "Export selected claims as CSV"
    assert offered["export_jsonl"] == "Export selected claims as JSON lines"


def test_the_selected_claims_download_as_csv_with_their_verdicts(login, fact_checker):
    chosen = published_claim(slug="true")
    ClaimFactory()  # not selected
    rows = list(csv.DictReader(io.StringIO(export(login(fact_checker), "export_csv", [chosen]))))
    assert [int(row["id"]) for row in rows] == [chosen.pk]
    assert list(rows[0]) == COLUMNS
    assert rows[0]["rating"] == "True"
    assert rows[0]["public_url"].endswith(f"/fact-checks/{chosen.pk}-{chosen.slug}/")


def test_every_claim_matching_the_queue_downloads_as_json_lines(login, editor):
    claims = [ClaimFactory(status="new") for _ in range(3)]
    ClaimFactory(status="dismissed")
    # "Select all" on the queue filtered to new claims: the filter decides, not the ticks.
    text = export(
        login(editor), "export_jsonl", claims[:1], query="?status__exact=new", select_across="1"
    )
    rows = [json.loads(line) for line in text.splitlines()]
    assert sorted(row["id"] for row in rows) == sorted(c.pk for c in claims)
