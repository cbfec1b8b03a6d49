"""Actions on claims go through the workflow service: who may do what, and what it writes."""

from __future__ import annotations

import pytest

from claims.models import Claim, Claimant, ClaimantAlias, Source, Transition, Verdict
from tests.api.conftest import client_for, published_claim
from tests.factories import (
    AppearanceFactory,
    ClaimantFactory,
    ClaimFactory,
    SourceFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def desk_state() -> tuple:
    """Everything an action could write, to show a refused one wrote nothing."""
    return (
        list(Claim.objects.order_by("pk").values_list("pk", "status", "assignee", "duplicate_of")),
        list(Verdict.objects.order_by("pk").values()),
        list(Source.objects.order_by("pk").values_list("pk", "claim", "url")),
        Transition.objects.count(),
        list(Claimant.objects.order_by("pk").values_list("pk", "name", "wikidata_id")),
    )


def ready(status: str, assignee) -> Claim:
    claim = ClaimFactory(status=status, assignee=assignee)
    VerdictFactory(claim=claim)
    return claim


def test_a_fact_checker_takes_a_claim_from_new_to_review(checker_api, fact_checker):
    claim = ClaimFactory()
    url = f"/api/v1/claims/{claim.pk}"
    response = checker_api.post(f"{url}/transition/", {"to": "selected", "note": "worth it"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "selected"
    assert response.json()["allowed_transitions"] == ["new", "researching", "dismissed"]

    response = checker_api.post(f"{url}/assign/", {"assignee": fact_checker.pk})
    assert response.json()["assignee"] == {"id": fact_checker.pk, "username": fact_checker.username}
    assert checker_api.post(f"{url}/transition/", {"to": "researching"}).status_code == 200

    response = checker_api.post(
        f"{url}/sources/",
        {"url": "https://stats.example/t1", "title": "Survey", "stance": "refutes"},
    )
    assert response.status_code == 201
    assert response.json()["added_by"]["username"] == fact_checker.username

    response = checker_api.put(
        f"{url}/verdict/draft/",
        {"rating": "false", "summary": "It was 7.1%.", "fact_check_url": ""},
    )
    assert response.status_code == 200, response.content
    assert response.json()["rating"]["slug"] == "false"
    assert response.json()["published_at"] is None

    response = checker_api.post(f"{url}/transition/", {"to": "in_review"})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "in_review"
    assert body["draft_verdict"]["summary"] == "It was 7.1%."
    assert body["verdict"] is None
    assert body["allowed_transitions"] == ["researching"]  # publishing is for editors
    assert list(claim.transitions.values_list("to_status", flat=True)) == [
        "selected",
        "researching",
        "in_review",
    ]


def test_a_fact_checker_may_not_publish(checker_api, fact_checker):
    claim = ready("in_review", fact_checker)
    before = desk_state()
    response = checker_api.post(f"/api/v1/claims/{claim.pk}/publish/", {})
    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        f"{fact_checker.username} may not publish claim {claim.pk} (only editors publish)"
    )
    assert desk_state() == before


def test_an_editor_publishes_and_the_verdict_becomes_current(editor_api, editor):
    claim = ready("in_review", editor)
    response = editor_api.post(f"/api/v1/claims/{claim.pk}/publish/", {"note": "checked"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "published"
    assert body["verdict"]["version"] == 1
    assert body["verdict"]["published_at"] is not None
    assert body["draft_verdict"] is None
    assert claim.transitions.get().note == "checked"


def test_an_editor_corrects_a_published_verdict_as_a_new_version(editor_api):
    claim = published_claim(slug="false")
    response = editor_api.post(
        f"/api/v1/claims/{claim.pk}/correct/",
        {"correction_note": "The agency revised its data", "rating": "half-true"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["version"] == 2
    assert response.json()["correction_note"] == "The agency revised its data"
    detail = editor_api.get(f"/api/v1/claims/{claim.pk}/").json()
    assert detail["verdict"]["rating"]["slug"] == "half-true"
    assert claim.verdicts.get(version=1).rating.slug == "false"  # the old one stays


def test_a_correction_without_a_note_is_refused_and_nothing_is_written(editor_api):
    claim = published_claim()
    before = desk_state()
    response = editor_api.post(f"/api/v1/claims/{claim.pk}/correct/", {"correction_note": "  "})
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "correction_note": ["This field may not be blank."]
    }
    assert desk_state() == before


def test_an_editor_merges_duplicates_into_a_claim(editor_api):
    survivor, duplicate = ClaimFactory(), ClaimFactory()
    AppearanceFactory(claim=duplicate)
    SourceFactory(claim=duplicate)
    response = editor_api.post(
        f"/api/v1/claims/{survivor.pk}/merge/", {"duplicates": [duplicate.pk]}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["merged"], body["appearances_moved"], body["sources_moved"]) == (1, 1, 1)
    assert len(body["survivor"]["appearances"]) == 1
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.duplicate_of_id) == ("dismissed", survivor.pk)


def test_a_fact_checker_may_not_merge(checker_api):
    survivor, duplicate = ClaimFactory(), ClaimFactory()
    before = desk_state()
    response = checker_api.post(
        f"/api/v1/claims/{survivor.pk}/merge/", {"duplicates": [duplicate.pk]}
    )
    assert response.status_code == 403
    assert "only editors merge" in response.json()["error"]["message"]
    assert desk_state() == before


def test_merging_unknown_claims_names_them_and_writes_nothing(editor_api):
    survivor = ClaimFactory()
    before = desk_state()
    response = editor_api.post(
        f"/api/v1/claims/{survivor.pk}/merge/", {"duplicates": [survivor.pk + 1000, 99999]}
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "duplicates": [f"No claim with id {survivor.pk + 1000}, 99999."]
    }
    assert desk_state() == before


def test_an_editor_merges_claimants_and_their_names_become_aliases(editor_api):
    kept = ClaimantFactory(name="Nikol Pashinyan")
    other = ClaimantFactory(name="N. Pashinyan", wikidata_id="Q7000")
    claim = ClaimFactory(claimant=other)
    response = editor_api.post(f"/api/v1/claimants/{kept.pk}/merge/", {"others": [other.pk]})
    assert response.status_code == 200, response.content
    assert response.json()["merged"] == 1
    assert response.json()["claimant"]["wikidata_id"] == "Q7000"
    assert sorted(response.json()["claimant"]["aliases"]) == ["N. Pashinyan", "Nikol Pashinyan"]
    claim.refresh_from_db()
    assert claim.claimant == kept
    assert ClaimantAlias.objects.filter(claimant=kept).count() == 2


def test_a_fact_checker_may_not_merge_claimants(checker_api):
    kept, other = ClaimantFactory(), ClaimantFactory()
    before = desk_state()
    response = checker_api.post(f"/api/v1/claimants/{kept.pk}/merge/", {"others": [other.pk]})
    assert response.status_code == 403
    assert desk_state() == before


# --- Permission boundaries ------------------------------------------------------------------

ACTIONS = [
    ("post", "transition/", {"to": "selected"}),
    ("post", "assign/", {"assignee": None}),
    ("post", "sources/", {"url": "https://stats.example/x"}),
    ("put", "verdict/draft/", {"rating": "false", "summary": "No."}),
    ("post", "publish/", {}),
    ("post", "correct/", {"correction_note": "Fix"}),
    ("post", "merge/", {"duplicates": [1]}),
]


@pytest.mark.parametrize(("method", "path", "body"), ACTIONS)
def test_an_anonymous_client_may_not_act_on_a_claim(anon, method, path, body):
    claim = published_claim()
    before = desk_state()
    response = getattr(anon, method)(f"/api/v1/claims/{claim.pk}/{path}", body, format="json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Token"
    assert desk_state() == before


@pytest.mark.parametrize(("method", "path", "body"), ACTIONS)
def test_staff_without_a_desk_role_may_not_act_on_a_claim(outsider_api, method, path, body):
    claim = ready("selected", None)
    other = ClaimFactory()
    if path == "merge/":
        body = {"duplicates": [other.pk]}
    before = desk_state()
    response = getattr(outsider_api, method)(f"/api/v1/claims/{claim.pk}/{path}", body)
    assert response.status_code == 403, response.content
    assert response.json()["error"]["message"] == "Only fact-checkers and editors may do this."
    assert desk_state() == before


def test_a_fact_checker_may_not_be_assigned_by_an_outsider_nor_assign_an_outsider(
    checker_api, outsider
):
    claim = ClaimFactory(status="selected")
    before = desk_state()
    response = checker_api.post(f"/api/v1/claims/{claim.pk}/assign/", {"assignee": outsider.pk})
    assert response.status_code == 409
    assert response.json()["error"]["message"] == "intern is not a fact-checker or an editor"
    assert desk_state() == before


@pytest.mark.parametrize(
    ("start", "to"),
    [("new", "published"), ("new", "in_review"), ("published", "new"), ("dismissed", "selected")],
)
def test_a_forbidden_transition_is_a_conflict_that_says_why(editor_api, editor, start, to):
    claim = ready(start, editor)
    before = desk_state()
    response = editor_api.post(f"/api/v1/claims/{claim.pk}/transition/", {"to": to})
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "workflow_conflict"
    assert f"Claim {claim.pk} cannot move from" in error["message"]
    assert desk_state() == before


def test_research_without_an_assignee_is_refused(checker_api):
    claim = ClaimFactory(status="selected")
    response = checker_api.post(f"/api/v1/claims/{claim.pk}/transition/", {"to": "researching"})
    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        f"Claim {claim.pk} needs an assignee before research starts"
    )


def test_acting_on_an_unknown_claim_is_a_404(editor_api):
    before = desk_state()
    response = editor_api.post("/api/v1/claims/424242/transition/", {"to": "selected"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert desk_state() == before


def test_tokens_and_sessions_both_sign_in(client, editor):
    claim = ClaimFactory()
    client.force_login(editor)
    response = client.post(
        f"/api/v1/claims/{claim.pk}/transition/",
        {"to": "selected"},
        content_type="application/json",
    )
    assert response.status_code == 200
    token_client = client_for(editor)
    assert token_client.get(f"/api/v1/claims/{claim.pk}/").json()["status"] == "selected"
