"""Matching over the API: a claim's matches, decisions with their permissions, and /match/."""

from __future__ import annotations

import pytest

from claims.matching import services
from claims.models import Match, MatchStatus
from tests.api.conftest import published_claim
from tests.api.test_errors import assert_error
from tests.factories import ClaimFactory
from tests.matching.test_services import ORIGINAL, PARAPHRASE, claim_in_new_article, review

pytestmark = pytest.mark.django_db

QUERY = "Does drinking hot water kill the coronavirus?"


@pytest.fixture
def suggested():
    earlier = claim_in_new_article(ORIGINAL)
    later = claim_in_new_article(PARAPHRASE)
    services.claims_match(claim_ids=[earlier.pk, later.pk])
    return Match.objects.get(claim=later)


def test_a_claims_matches_show_the_earlier_claim_with_score_and_status(checker_api, suggested):
    response = checker_api.get(f"/api/v1/claims/{suggested.claim_id}/matches/")
    assert response.status_code == 200
    [row] = response.json()
    assert row["id"] == suggested.pk
    assert row["status"] == "suggested"
    assert row["claim"]["id"] == suggested.candidate_claim_id
    assert row["claim"]["statement"] == ORIGINAL
    assert row["fact_check"] is None
    assert 0 < row["score"] <= 1


def test_a_fact_checker_rejects_and_the_pair_does_not_come_back(checker_api, suggested):
    response = checker_api.post(f"/api/v1/matches/{suggested.pk}/reject/")
    assert (response.status_code, response.json()["status"]) == (200, "rejected")
    services.claims_match(claim_ids=[suggested.claim_id])
    rows = checker_api.get(f"/api/v1/claims/{suggested.claim_id}/matches/").json()
    assert [r["status"] for r in rows] == ["rejected"]


def test_a_fact_checker_may_not_confirm_a_repeat_and_an_editor_may(
    checker_api, editor_api, suggested
):
    refused = checker_api.post(f"/api/v1/matches/{suggested.pk}/confirm/")
    assert refused.status_code == 403
    assert "only editors merge" in refused.json()["error"]["message"]
    assert Match.objects.get(pk=suggested.pk).status == MatchStatus.SUGGESTED
    confirmed = editor_api.post(f"/api/v1/matches/{suggested.pk}/confirm/")
    assert (confirmed.status_code, confirmed.json()["status"]) == (200, "confirmed")
    again = editor_api.post(f"/api/v1/matches/{suggested.pk}/confirm/")
    assert again.status_code == 409


def test_anonymous_and_role_less_callers_may_not_decide(anon, outsider_api, suggested):
    assert anon.post(f"/api/v1/matches/{suggested.pk}/reject/").status_code == 401
    assert outsider_api.post(f"/api/v1/matches/{suggested.pk}/reject/").status_code == 403
    assert Match.objects.get(pk=suggested.pk).status == MatchStatus.SUGGESTED


def test_anonymous_readers_see_no_suggestion_and_no_unpublished_claims_matches(anon, suggested):
    assert anon.get(f"/api/v1/claims/{suggested.claim_id}/matches/").status_code == 404
    published = published_claim(statement="Hot water kills the coronavirus, says a post.")
    services.claims_match(claim_ids=[published.pk])
    assert Match.objects.filter(claim=published).exists()
    assert anon.get(f"/api/v1/claims/{published.pk}/matches/").json() == []


def test_match_returns_ranked_claims_and_fact_checks_with_rating_url_date(checker_api):
    claim = claim_in_new_article(ORIGINAL)
    services.claims_match(claim_ids=[claim.pk])
    services.fact_checks_import(
        reviews=[review(reviewed_on=__import__("datetime").date(2020, 3, 9))]
    )
    response = checker_api.post("/api/v1/match/", {"text": QUERY}, format="json")
    assert response.status_code == 200
    rows = response.json()
    assert {(r["claim"] or {}).get("id") for r in rows} >= {claim.pk}
    [check] = [r["fact_check"] for r in rows if r["fact_check"]]
    assert check["url"] == "https://factcheck.example/hot-water"
    assert (check["rating"], check["date"], check["publisher"]) == (
        "False",
        "2020-03-09",
        "Example Checks",
    )
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)


def test_anonymous_match_never_returns_an_unpublished_claim(anon):
    unpublished = [claim_in_new_article(ORIGINAL), ClaimFactory(statement=PARAPHRASE)]
    published = published_claim(statement="Hot water kills the coronavirus, a viral post says.")
    services.claims_match(claim_ids=[c.pk for c in [*unpublished, published]])
    services.fact_checks_import(reviews=[review()])
    rows = anon.post("/api/v1/match/", {"text": QUERY}, format="json").json()
    claim_ids = {r["claim"]["id"] for r in rows if r["claim"]}
    assert claim_ids == {published.pk}
    assert any(r["fact_check"] for r in rows)
    assert all(r["claim"]["status"] == "published" for r in rows if r["claim"])


def test_match_refuses_an_empty_or_missing_text(anon):
    response = anon.post("/api/v1/match/", {"text": ""}, format="json")
    assert response.status_code == 400
    assert "text" in str(response.json())
    assert anon.post("/api/v1/match/", {}, format="json").status_code == 400


def test_the_schema_documents_the_matching_endpoints(anon):
    paths = anon.get("/api/schema/?format=json").json()["paths"]
    assert {"/api/v1/match/", "/api/v1/claims/{id}/matches/"} <= set(paths)
    assert "/api/v1/matches/{id}/confirm/" in paths


def test_match_refuses_unknown_fields_and_wrong_types_by_name(anon):
    response = anon.post("/api/v1/match/", {"text": QUERY, "limt": 3}, format="json")
    assert assert_error(response, 400, "invalid")["fields"] == {
        "limt": ["Unknown field (expected: text, limit)."]
    }
    response = anon.post("/api/v1/match/", {"text": 0}, format="json")
    assert list(assert_error(response, 400, "invalid")["fields"]) == ["text"]
    for limit in (0, 21, True, "5"):
        response = anon.post("/api/v1/match/", {"text": QUERY, "limit": limit}, format="json")
        assert list(assert_error(response, 400, "invalid")["fields"]) == ["limit"], limit
    response = anon.post("/api/v1/match/", {"text": "a" * 5001}, format="json")
    assert list(assert_error(response, 400, "invalid")["fields"]) == ["text"]


def test_a_decision_refuses_any_field_by_name_and_decides_nothing(editor_api, suggested):
    for decision in ("confirm", "reject"):
        response = editor_api.post(
            f"/api/v1/matches/{suggested.pk}/{decision}/", {"note": "dup"}, format="json"
        )
        assert assert_error(response, 400, "invalid")["fields"] == {
            "note": ["Unknown field (expected: none)."]
        }
    assert Match.objects.get(pk=suggested.pk).status == MatchStatus.SUGGESTED
    response = editor_api.post(f"/api/v1/matches/{suggested.pk}/reject/", {}, format="json")
    assert (response.status_code, response.json()["status"]) == (200, "rejected")


def test_the_matching_bodies_are_strict_in_the_schema_with_their_413_and_414(anon):
    schema = anon.get("/api/schema/?format=json").json()
    components = schema["components"]["schemas"]
    for path in ("/api/v1/match/", "/api/v1/matches/{id}/confirm/", "/api/v1/matches/{id}/reject/"):
        operation = schema["paths"][path]["post"]
        ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        assert components[ref.rsplit("/", 1)[1]]["additionalProperties"] is False, path
        assert {"413", "414"} <= set(operation["responses"]), path
    limit = components["TextMatchInputRequest"]["properties"]["limit"]
    assert (limit["minimum"], limit["maximum"]) == (1, 20)


def test_a_signed_in_user_without_a_desk_role_reads_matches_as_the_public_does(
    outsider_api, suggested
):
    response = outsider_api.get(f"/api/v1/claims/{suggested.claim_id}/matches/")
    assert response.status_code == 404
    published = published_claim(statement="Hot water kills the coronavirus, says a post.")
    services.claims_match(claim_ids=[published.pk])
    assert Match.objects.filter(claim=published, status=MatchStatus.SUGGESTED).exists()
    assert outsider_api.get(f"/api/v1/claims/{published.pk}/matches/").json() == []
    rows = outsider_api.post("/api/v1/match/", {"text": QUERY}, format="json").json()
    assert all(r["claim"]["status"] == "published" for r in rows if r["claim"])


VARIANTS = [
    "Drinking hot water kills the coronavirus.",
    "Hot water kills the coronavirus, a viral post says.",
    "Drinking hot water every 15 minutes kills the coronavirus.",
    "You can kill the coronavirus by drinking hot water.",
    "Sipping hot water kills the new coronavirus.",
]


def match_queries(client, monkeypatch) -> tuple[int, list[dict]]:
    """Queries of one POST /match/ and its rows, the index already caught up (its
    once-a-second look for new rows is not what is counted)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    services.database_index().refresh(force=True)
    monkeypatch.setattr(services, "_REFRESH_SECONDS", 3600.0)
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/api/v1/match/", {"text": QUERY}, format="json")
    assert response.status_code == 200, response.content
    return len(captured), response.json()


@pytest.mark.parametrize("client_name", ["anon", "checker_api"])
def test_match_costs_the_same_queries_for_one_result_as_for_many(client_name, request, monkeypatch):
    client = request.getfixturevalue(client_name)
    first = published_claim(statement=VARIANTS[0])
    services.fact_checks_import(reviews=[review()])
    services.claims_match(claim_ids=[first.pk])
    few, few_rows = match_queries(client, monkeypatch)
    more = [published_claim(statement=s) for s in VARIANTS[1:]]
    services.claims_match(claim_ids=[c.pk for c in more])
    many, many_rows = match_queries(client, monkeypatch)
    assert len(many_rows) > len(few_rows) >= 2
    assert many == few


@pytest.mark.parametrize(
    ("client_name", "expected"),
    [
        # the candidates' claims with their verdicts, the candidates' fact-checks
        ("anon", 2),
        # ... after the sign-in (token and user) and the reader's permissions (Django's
        # ModelBackend: their own, their groups')
        ("checker_api", 5),
    ],
)
def test_match_reads_the_candidates_with_their_verdicts_in_one_query(
    client_name, expected, request, monkeypatch
):
    client = request.getfixturevalue(client_name)
    claims = [published_claim(statement=s) for s in VARIANTS]
    services.fact_checks_import(reviews=[review()])
    services.claims_match(claim_ids=[c.pk for c in claims])
    queries, rows = match_queries(client, monkeypatch)
    assert queries == expected
    verdicts = [r["claim"]["verdict"] for r in rows if r["claim"]]
    assert len(verdicts) >= 2 and all(v and v["rating"] == "False" for v in verdicts)


def test_a_match_row_shows_the_current_published_verdict_as_the_claim_page_does(
    checker_api, editor
):
    from claims.services import verdict_correct

    claim = published_claim(statement=VARIANTS[0])
    verdict_correct(
        claim=claim, by=editor, correction_note="Wording.", summary="Corrected: it does not."
    )
    services.claims_match(claim_ids=[claim.pk])
    rows = checker_api.post("/api/v1/match/", {"text": QUERY}, format="json").json()
    [row] = [r["claim"] for r in rows if r["claim"] and r["claim"]["id"] == claim.pk]
    page = checker_api.get(f"/api/v1/claims/{claim.pk}/").json()
    assert row["verdict"]["published_at"] == page["verdict"]["published_at"]
    assert row["verdict"]["summary"] == page["verdict"]["summary"] == "Corrected: it does not."
