"""The claim detail: every part of a claim, shown to each reader as their role allows, in a
fixed number of queries; its statements prepared by psycopg on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims import services
from tests.api.conftest import published_claim, reads
from tests.factories import (
    AppearanceFactory,
    ArticleFactory,
    ClaimFactory,
    SourceFactory,
    VerdictFactory,
    rating,
)

pytestmark = pytest.mark.django_db

READERS = ["editor_api", "checker_api", "anon"]


@pytest.fixture
def worked_claims(editor, fact_checker):
    """A published claim seen in three articles, with sources and a corrected verdict, and a
    claim in review with a draft verdict and no claimant: every branch of the body."""
    published = published_claim(slug="false", articles=0, assignee=fact_checker)
    week_ago = timezone.now() - dt.timedelta(days=7)
    for article, start, quote in [
        (ArticleFactory(published_at=week_ago), 0, True),
        (ArticleFactory(published_at=None), 6, False),
        (ArticleFactory(published_at=timezone.now()), 3, False),
    ]:
        AppearanceFactory(claim=published, article=article, start=start, is_quote=quote)
    services.source_add(
        claim=published, by=editor, url="https://stats.example/a", title="Survey",
        stance="refutes", reliability="high", accessed_at=week_ago,
    )  # fmt: skip
    SourceFactory(claim=published, added_by=None, archived_url="https://archive.example/b")
    services.verdict_correct(
        claim=published, by=editor, correction_note="New figures.", rating=rating("true"),
        fact_check_url="https://desk.example/checks/1",
    )  # fmt: skip
    # Not something the workflow leaves on a published claim, but a reader must never see it.
    VerdictFactory(claim=published, version=3, published_at=None, summary="Draft")

    in_review = ClaimFactory(
        status="in_review", claimant=None, score=None, assignee=editor, duplicate_of=published
    )
    AppearanceFactory(claim=in_review)
    VerdictFactory(claim=in_review, rating=None, explanation="Still checking.")
    return {"published": published, "in_review": in_review}


def test_the_detail_shows_what_the_fixture_promises(editor_api, anon, worked_claims):
    published = worked_claims["published"]
    desk = editor_api.get(f"/api/v1/claims/{published.pk}/").json()
    assert [a["is_quote"] for a in desk["appearances"]] == [True, False, False]
    assert [a["article"]["published_at"] is None for a in desk["appearances"]] == [
        False,
        True,
        False,
    ]
    assert desk["verdict"]["version"] == 2
    assert desk["verdict"]["rating"]["slug"] == "true"
    assert desk["verdict"]["published_at"].endswith("Z")
    assert desk["draft_verdict"]["summary"] == "Draft"
    assert desk["assignee"] is not None
    assert [s["added_by"] is None for s in desk["sources"]] == [False, True]
    public = anon.get(f"/api/v1/claims/{published.pk}/").json()
    assert public["draft_verdict"] is None
    assert public["assignee"] is None
    assert all(s["added_by"] is None for s in public["sources"])
    in_review = editor_api.get(f"/api/v1/claims/{worked_claims['in_review'].pk}/").json()
    assert in_review["claimant"] is None and in_review["score"] is None
    assert in_review["verdict"] is None
    assert in_review["draft_verdict"]["rating"] is None
    assert in_review["duplicate_of"] == published.pk
    assert in_review["allowed_transitions"] == ["researching", "published"]


def test_an_action_answers_with_the_same_body_as_the_detail(checker_api, fact_checker):
    claim = ClaimFactory(status="new")
    AppearanceFactory(claim=claim)
    response = checker_api.post(f"/api/v1/claims/{claim.pk}/transition/", {"to": "selected"})
    assert response.status_code == 200, response.content
    assert response.content == checker_api.get(f"/api/v1/claims/{claim.pk}/").content


@pytest.mark.parametrize("reader", ["editor_api", "anon"])
@pytest.mark.parametrize("path", ["0", "99999", "99999999999999999999999"])
def test_an_unknown_claim_is_a_404_in_the_error_shape(request, reader, path):
    published_claim()
    response = request.getfixturevalue(reader).get(f"/api/v1/claims/{path}/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert response.json()["error"]["status"] == 404


def test_anonymous_readers_get_a_404_for_a_claim_not_yet_published(anon, editor_api):
    claim = ClaimFactory(status="in_review")
    VerdictFactory(claim=claim)
    response = anon.get(f"/api/v1/claims/{claim.pk}/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert editor_api.get(f"/api/v1/claims/{claim.pk}/").status_code == 200


def test_a_filter_in_the_query_string_still_narrows_the_detail(editor_api):
    claim = ClaimFactory(status="new")
    assert editor_api.get(f"/api/v1/claims/{claim.pk}/?status=new").status_code == 200
    response = editor_api.get(f"/api/v1/claims/{claim.pk}/?status=published")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert editor_api.get(f"/api/v1/claims/{claim.pk}/?score_min=high").status_code == 400


def queries(client, url: str) -> int:
    """Statements sent to read the page (see conftest.SETUP_STATEMENTS for what is not)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(reads(captured))


def grow(claim, editor, n: int) -> None:
    for _ in range(n):
        AppearanceFactory(claim=claim)
        SourceFactory(claim=claim, added_by=editor)
        if claim.status == "published":
            services.verdict_correct(claim=claim, by=editor, correction_note="x")


@pytest.mark.parametrize(
    ("reader", "status", "expected"),
    [
        # sign-in, the claim, its appearances, its sources, its verdicts, the reader's
        # permissions (ModelBackend: their own, their groups'), which decide whether they
        # read the desk's side of the claim at all
        ("editor_api", "in_review", 7),
        ("editor_api", "published", 7),
        ("anon", "published", 4),
    ],
)
def test_the_detail_costs_the_same_queries_however_many_appearances_sources_and_verdicts(
    request, editor, reader, status, expected
):
    client = request.getfixturevalue(reader)
    claim = published_claim(articles=1) if status == "published" else ClaimFactory(status=status)
    if status != "published":
        AppearanceFactory(claim=claim)
        VerdictFactory(claim=claim)
    url = f"/api/v1/claims/{claim.pk}/"
    assert queries(client, url) == expected
    grow(claim, editor, 5)
    body = client.get(url).json()
    assert len(body["appearances"]) == 6 and len(body["sources"]) == 5
    assert queries(client, url) == expected


# --- Who may move a claim -------------------------------------------------------------------


def fresh(user):
    return get_user_model().objects.get(pk=user.pk)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("editor", ["researching", "published"]),
        ("fact_checker", ["researching"]),
        ("outsider", []),
    ],
)
def test_who_may_move_a_claim_is_unchanged(request, role, expected):
    user = fresh(request.getfixturevalue(role))
    assert services.allowed_moves(status="in_review", user=user) == expected
    assert services.allowed_moves(status="published", user=user) == []
    assert services.allowed_moves(status="new", user=None) == []


def test_a_published_claim_offers_no_moves_without_asking_for_permissions(editor):
    user = fresh(editor)
    with CaptureQueriesContext(connection) as captured:
        assert services.allowed_moves(status="published", user=user) == []
    assert len(captured) == 0


# --- Prepared statements (PostgreSQL) -------------------------------------------------------


@pytest.mark.postgresql("psycopg prepares statements on the server")
def test_the_details_statements_are_prepared_by_psycopg_once_they_repeat(editor_api):
    claims = [ClaimFactory() for _ in range(8)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        (before,) = cursor.fetchone()
    for claim in claims:  # more often than the prepare threshold
        body = editor_api.get(f"/api/v1/claims/{claim.pk}/").json()
        assert body["id"] == claim.pk and body["statement"] == claim.statement
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        prepared = [sql for (sql,) in cursor.fetchall()]
    assert len(prepared) > before
    assert any('FROM "claims_claim"' in sql and "$1" in sql for sql in prepared)
