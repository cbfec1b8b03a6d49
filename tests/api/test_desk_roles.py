"""Reading the desk needs a desk role (fact-checker or editor), as in the admin: a signed-in user
without one reads what an anonymous client reads, and filters on what a reader cannot see
neither filter nor answer differently for ids that exist and ids that do not."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from rest_framework.throttling import AnonRateThrottle

from claims.models import Transition
from tests.api.conftest import client_for, published_claim
from tests.factories import (
    AppearanceFactory,
    ArticleFactory,
    ClaimantFactory,
    ClaimFactory,
    SourceFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["staff_without_a_group", "plain_user"])
def roleless_api(request, outsider):
    """A signed-in client with no desk role: staff with no group, or a plain user."""
    if request.param == "plain_user":
        user = get_user_model().objects.create_user("reader", password="x" * 20)
    else:
        user = outsider
    return client_for(user)


@pytest.fixture
def desk(editor):
    """A published fact-check carrying desk-only details, and a claim still in research."""
    public = published_claim(assignee=editor)
    VerdictFactory(claim=public, version=2, summary="Draft of the next version")  # unpublished
    SourceFactory(claim=public, added_by=editor)
    Transition.objects.create(
        claim=public, from_status="in_review", to_status="published", by=editor
    )
    researching = ClaimFactory(status="researching", assignee=editor)
    VerdictFactory(claim=researching, summary="Not for the public yet")
    return {"public": public, "researching": researching}


def test_a_user_without_a_desk_role_lists_what_an_anonymous_client_lists(roleless_api, anon, desk):
    seen = roleless_api.get("/api/v1/claims/")
    assert seen.status_code == 200
    assert [row["id"] for row in seen.json()["results"]] == [desk["public"].pk]
    assert seen.json()["results"][0]["assignee"] is None
    assert seen.json() == anon.get("/api/v1/claims/").json()


def test_a_user_without_a_desk_role_reads_a_published_claim_without_its_desk_details(
    roleless_api, anon, desk
):
    response = roleless_api.get(f"/api/v1/claims/{desk['public'].pk}/")
    assert response.status_code == 200
    claim = response.json()
    assert claim["assignee"] is None
    assert claim["draft_verdict"] is None
    assert claim["allowed_transitions"] == []
    assert [source["added_by"] for source in claim["sources"]] == [None]
    assert claim == anon.get(f"/api/v1/claims/{desk['public'].pk}/").json()


def test_a_user_without_a_desk_role_cannot_read_a_claim_in_research(roleless_api, desk):
    response = roleless_api.get(f"/api/v1/claims/{desk['researching'].pk}/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    "path", ["articles/", "sources/", "transitions/", "claimants/", "publishers/", "ratings/"]
)
def test_the_desk_only_lists_refuse_a_user_without_a_desk_role(roleless_api, desk, path):
    response = roleless_api.get(f"/api/v1/{path}")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


@pytest.mark.parametrize("path", ["articles/", "sources/", "transitions/", "claimants/"])
def test_the_desk_only_lists_answer_the_desk(checker_api, desk, path):
    assert checker_api.get(f"/api/v1/{path}").status_code == 200


def test_a_user_without_a_desk_role_gets_the_same_403_for_a_claim_that_does_not_exist(
    roleless_api, desk
):
    """Otherwise 403 against 404 would tell which unpublished claim ids exist."""
    hidden = roleless_api.post(
        f"/api/v1/claims/{desk['researching'].pk}/transition/", {"to": "dismissed"}
    )
    missing = roleless_api.post("/api/v1/claims/999999/transition/", {"to": "dismissed"})
    assert hidden.status_code == missing.status_code == 403
    assert hidden.json() == missing.json()


# --- Filters on what a reader cannot see -----------------------------------------------------


@pytest.fixture(params=["anonymous", "roleless"])
def public_api(request, anon, outsider):
    return anon if request.param == "anonymous" else client_for(outsider)


def test_the_assignee_filter_is_not_offered_to_readers_who_cannot_see_assignees(
    public_api, editor, desk
):
    everything = public_api.get("/api/v1/claims/").json()
    for value in (str(editor.pk), "999999", "abc"):
        response = public_api.get("/api/v1/claims/", {"assignee": value})
        assert response.status_code == 200, value
        assert response.json() == everything, value


def test_the_desk_still_filters_by_assignee(checker_api, editor, desk):
    response = checker_api.get("/api/v1/claims/", {"assignee": editor.pk})
    assert {row["id"] for row in response.json()["results"]} == {
        desk["public"].pk,
        desk["researching"].pk,
    }
    assert checker_api.get("/api/v1/claims/", {"assignee": 999999}).json()["results"] == []


def test_filters_by_article_and_claimant_do_not_tell_hidden_ids_from_missing_ones(public_api, desk):
    unpublished_article = ArticleFactory()
    AppearanceFactory(claim=desk["researching"], article=unpublished_article)
    hidden_claimant = ClaimantFactory()
    ClaimFactory(status="new", claimant=hidden_claimant)
    for name, hidden in [
        ("article", unpublished_article.pk),
        ("claimant", hidden_claimant.pk),
        ("publisher", unpublished_article.publisher_id),
    ]:
        seen = public_api.get("/api/v1/claims/", {name: hidden})
        missing = public_api.get("/api/v1/claims/", {name: 999999})
        assert seen.status_code == missing.status_code == 200, name
        assert seen.json()["results"] == missing.json()["results"] == [], name


def test_filters_by_an_article_of_a_published_claim_still_work_for_the_public(public_api, desk):
    article = desk["public"].appearances.get().article
    response = public_api.get("/api/v1/claims/", {"article": article.pk})
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [desk["public"].pk]


def test_a_user_without_a_desk_role_is_throttled_as_the_public_is(
    roleless_api, checker_api, monkeypatch
):
    """Otherwise any account would be a way round the public rate limit."""
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/min"})
    codes = [roleless_api.get("/api/v1/claims/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert roleless_api.get("/api/v1/claims/")["Retry-After"]
    # Counted per account, not per address: the desk on the same address is not held up.
    assert all(checker_api.get("/api/v1/claims/").status_code == 200 for _ in range(5))
