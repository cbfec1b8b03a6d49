"""PATCH /api/v1/claims/{id}/ and PATCH, DELETE /api/v1/sources/{id}/: corrections with history."""

from __future__ import annotations

import pytest

from claims.models import Claim, ClaimEdit, Source, Status
from tests.factories import ClaimantFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_a_fact_checker_patches_a_claims_statement_kind_and_claimant(checker_api, fact_checker):
    claim = ClaimFactory(kind="other")
    ons = ClaimantFactory(name="ONS")
    response = checker_api.patch(
        f"/api/v1/claims/{claim.pk}/",
        {"statement": "Unemployment fell to 4.1%.", "kind": "statistic", "claimant": ons.pk},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["statement"], body["kind"], body["claimant"]["name"]) == (
        "Unemployment fell to 4.1%.",
        "statistic",
        "ONS",
    )
    edit = ClaimEdit.objects.get()
    assert edit.by == fact_checker and set(edit.changes) == {"statement", "kind", "claimant"}


def test_a_claimant_is_cleared_with_null(checker_api):
    claim = ClaimFactory()
    response = checker_api.patch(f"/api/v1/claims/{claim.pk}/", {"claimant": None}, format="json")
    assert response.status_code == 200
    assert response.json()["claimant"] is None


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"kind": "rumour"}, 400, "kind"),
        ({"statement": 5}, 400, "statement"),
        ({"claimant": 999999}, 400, "claimant"),
        ({"status": "published"}, 400, "status"),
        ({"statement": " "}, 400, "statement"),
    ],
)
def test_a_bad_patch_is_refused_naming_the_field_and_nothing_changes(
    checker_api, body, status, field
):
    claim = ClaimFactory()
    before = Claim.objects.values().get(pk=claim.pk)
    response = checker_api.patch(f"/api/v1/claims/{claim.pk}/", body, format="json")
    assert response.status_code == status, response.content
    if field:
        assert field in response.json()["error"]["fields"]
    assert Claim.objects.values().get(pk=claim.pk) == before
    assert not ClaimEdit.objects.exists()


def test_a_published_claim_is_patched_by_editors_only(checker_api, editor_api):
    claim = ClaimFactory(status=Status.PUBLISHED)
    url = f"/api/v1/claims/{claim.pk}/"
    assert checker_api.patch(url, {"kind": "event"}, format="json").status_code == 403
    assert editor_api.patch(url, {"kind": "event"}, format="json").status_code == 200


def test_anonymous_and_outsiders_cannot_patch(anon, outsider_api):
    claim = ClaimFactory()
    assert anon.patch(f"/api/v1/claims/{claim.pk}/", {"kind": "event"}).status_code == 401
    assert outsider_api.patch(f"/api/v1/claims/{claim.pk}/", {"kind": "event"}).status_code == 403


def test_a_source_is_patched_and_removed(checker_api):
    source = SourceFactory(stance="refutes")
    url = f"/api/v1/sources/{source.pk}/"
    response = checker_api.patch(url, {"stance": "context", "note": "it only adds"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["stance"] == "context"
    assert checker_api.delete(url).status_code == 204
    assert not Source.objects.exists()
    assert list(ClaimEdit.objects.values_list("subject", "note")) == [
        ("source", "it only adds"),
        ("source_removed", ""),
    ]


def test_the_last_source_of_a_published_claim_is_not_removed(editor_api):
    source = SourceFactory(claim=ClaimFactory(status=Status.PUBLISHED))
    response = editor_api.delete(f"/api/v1/sources/{source.pk}/")
    assert response.status_code == 409
    assert "add another source before removing this one" in response.json()["error"]["message"]
    assert Source.objects.filter(pk=source.pk).exists()


def test_a_claimant_shows_its_type(checker_api):
    claimant = ClaimantFactory(name="Bank of England", type="organization")
    response = checker_api.get(f"/api/v1/claimants/{claimant.pk}/")
    assert response.json()["type"] == "organization"
