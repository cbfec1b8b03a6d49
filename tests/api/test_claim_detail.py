"""The claim detail: built from plain rows, exactly what the documented ClaimSerializer shows,
in a fixed number of queries; the permissions behind its next moves read in one."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from claims import selectors, services
from claims.api.serializers import ClaimSerializer
from tests.api.conftest import published_claim, reads
from tests.factories import (
    AppearanceFactory,
    ArticleFactory,
    ClaimFactory,
    SourceFactory,
    UserFactory,
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


def reference(client_response, claim_id: int) -> bytes:
    """ClaimSerializer over prefetched model instances (claims.selectors.claim_list), for a
    fresh copy of the reader (no permissions cached), rendered as the API renders it."""
    reader = client_response.wsgi_request.user
    user = fresh(reader) if reader.is_authenticated else AnonymousUser()
    claim = selectors.claim_list(user=user).get(pk=claim_id)
    data = ClaimSerializer(claim, context={"request": SimpleNamespace(user=user)}).data
    return JSONRenderer().render(data)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("which", ["published", "in_review"])
def test_the_detail_is_exactly_what_the_documented_claim_serializer_shows(
    request, reader, which, worked_claims
):
    """The detail builds its body from plain rows (claims.api.serializers.claim_detail_body);
    ClaimSerializer over model instances documents it: the two must agree, byte for byte."""
    claim = worked_claims[which]
    client = request.getfixturevalue(reader)
    response = client.get(f"/api/v1/claims/{claim.pk}/")
    if reader == "anon" and which == "in_review":
        assert response.status_code == 404
        return
    assert response.status_code == 200, response.content
    expected = reference(response, claim.pk)
    assert response.json() == json.loads(expected)  # a readable diff first
    assert response.content == expected  # then key order and formats too


def test_the_detail_shows_what_the_fixture_promises(editor_api, anon, worked_claims):
    """The reference comparison above is only as good as the data: check it has every branch."""
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
    assert response.json() == checker_api.get(f"/api/v1/claims/{claim.pk}/").json()
    assert response.content == reference(response, claim.pk)


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
    assert editor_api.get(f"/api/v1/claims/{claim.pk}/?rating=nonsense").status_code == 400


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
        # sign-in, the claim with its verdicts, its appearances, its sources, the reader's
        # permissions
        ("editor_api", "in_review", 5),
        ("editor_api", "published", 4),  # a published claim moves no further: no permissions
        ("anon", "published", 3),
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
    if connection.vendor == "postgresql":
        # The claim's three queries, and the reader's permissions, go as one execute.
        expected = {5: 2, 4: 2, 3: 1}[expected]
    assert queries(client, url) == expected
    grow(claim, editor, 5)
    body = client.get(url).json()
    assert len(body["appearances"]) == 6 and len(body["sources"]) == 5
    assert queries(client, url) == expected


# --- Permissions: one query instead of ModelBackend's two ---------------------------------


def fresh(user):
    return get_user_model().objects.get(pk=user.pk)


@pytest.mark.parametrize("role", ["editor", "fact_checker", "outsider"])
def test_permissions_read_in_one_query_are_those_model_backend_reads_in_two(request, role):
    user = fresh(request.getfixturevalue(role))
    user.user_permissions.add(Permission.objects.get(codename="add_source"))
    backend = ModelBackend()
    expected = backend.get_user_permissions(fresh(user)) | backend.get_group_permissions(
        fresh(user)
    )
    with CaptureQueriesContext(connection) as captured:
        services.load_permissions(user)
    assert len(captured) == 1
    assert user._perm_cache == expected
    assert "claims.add_source" in user._perm_cache
    with CaptureQueriesContext(connection) as captured:
        assert user.has_perm("claims.add_source")
        assert user.has_perm(services.WORK_PERMISSION) == (role != "outsider")
        assert user.has_perm(services.PUBLISH_PERMISSION) == (role == "editor")
        assert user.get_all_permissions() == expected
    assert len(captured) == 0


def test_permissions_already_read_are_not_read_again(editor):
    user = fresh(editor)
    assert user.has_perm(services.WORK_PERMISSION)
    with CaptureQueriesContext(connection) as captured:
        services.load_permissions(user)
    assert len(captured) == 0


def test_permissions_are_not_loaded_for_users_has_perm_answers_without_them(db):
    inactive = UserFactory(is_active=False)
    superuser = UserFactory(is_superuser=True)
    for user in (fresh(inactive), fresh(superuser), AnonymousUser()):
        with CaptureQueriesContext(connection) as captured:
            services.load_permissions(user)
        assert len(captured) == 0
        assert not hasattr(user, "_perm_cache")
    assert not fresh(inactive).has_perm(services.WORK_PERMISSION)
    assert fresh(superuser).has_perm(services.PUBLISH_PERMISSION)


def test_permissions_are_left_to_django_when_another_backend_is_set_up(settings, editor):
    settings.AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
        "django.contrib.auth.backends.RemoteUserBackend",
    ]
    user = fresh(editor)
    services.load_permissions(user)
    assert not hasattr(user, "_perm_cache")
    assert services.allowed_moves(status="in_review", user=user) == ["researching", "published"]


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


def prepared_statements() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM pg_prepared_statements WHERE name LIKE %s", ["claimtrack\\_%"]
        )
        return {name for (name,) in cursor.fetchall()}


@pytest.mark.postgresql("prepared statements")
def test_the_details_statements_are_prepared_once_per_connection_and_then_executed(editor_api):
    first, second = ClaimFactory(), ClaimFactory()
    editor_api.get(f"/api/v1/claims/{first.pk}/")
    prepared = prepared_statements()
    assert len(prepared) >= 3  # the claim, its appearances, its sources (and permissions)
    with CaptureQueriesContext(connection) as captured:
        body = editor_api.get(f"/api/v1/claims/{second.pk}/").json()
    assert body["id"] == second.pk and body["statement"] == second.statement
    sql = " ".join(q["sql"] for q in captured.captured_queries)
    assert "PREPARE" not in sql and sql.count("EXECUTE claimtrack_") >= 3
    assert prepared_statements() == prepared


@pytest.mark.postgresql("prepared statements")
def test_a_session_that_lost_its_prepared_statements_prepares_them_again(editor_api, anon):
    claim = published_claim(statement="Exports doubled in 2023.")
    before = {c: c.get(f"/api/v1/claims/{claim.pk}/").json() for c in (editor_api, anon)}
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")  # as a connection pooler's DISCARD ALL does
    assert not prepared_statements()
    after = {c: c.get(f"/api/v1/claims/{claim.pk}/").json() for c in (editor_api, anon)}
    assert after == before and after[anon]["statement"] == "Exports doubled in 2023."
    assert prepared_statements()
