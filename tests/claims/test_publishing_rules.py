"""The floor under publishing: sources, a summary, optionally an explanation and a second
editor (settings CLAIMTRACK_PUBLISH_*, CLAIMTRACK_REQUIRE_SECOND_REVIEWER), in one service."""

from __future__ import annotations

import pytest

from claims import services
from claims.models import Status, Transition
from claims.services import WorkflowError
from tests.factories import ClaimFactory, EditorFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def in_review(author, *, sources: int = 1, explanation: str = ""):
    claim = ClaimFactory(status=Status.IN_REVIEW, assignee=author)
    VerdictFactory(claim=claim, author=author, explanation=explanation)
    for _ in range(sources):
        SourceFactory(claim=claim)
    return claim


def test_a_verdict_without_a_source_is_not_published(editor):
    claim = in_review(editor, sources=0)
    with pytest.raises(WorkflowError, match="needs at least 1 source"):
        services.claim_transition(claim=claim, to=Status.PUBLISHED, by=editor)
    claim.refresh_from_db()
    assert claim.status == Status.IN_REVIEW
    assert not Transition.objects.exists()
    assert not claim.verdicts.filter(published_at__isnull=False).exists()


def test_the_number_of_sources_required_is_a_setting(editor, settings):
    settings.CLAIMTRACK_PUBLISH_MIN_SOURCES = 2
    claim = in_review(editor, sources=1)
    with pytest.raises(WorkflowError, match=r"needs at least 2 source.*has 1"):
        services.claim_transition(claim=claim, to=Status.PUBLISHED, by=editor)
    settings.CLAIMTRACK_PUBLISH_MIN_SOURCES = 0
    claim = in_review(editor, sources=0)
    services.claim_transition(claim=claim, to=Status.PUBLISHED, by=editor)
    assert claim.status == Status.PUBLISHED


def test_an_explanation_is_required_when_the_desk_says_so(editor, settings):
    settings.CLAIMTRACK_PUBLISH_REQUIRE_EXPLANATION = True
    claim = in_review(editor)
    with pytest.raises(WorkflowError, match="needs an explanation"):
        services.claim_transition(claim=claim, to=Status.PUBLISHED, by=editor)
    claim = in_review(editor, explanation="The survey's March table says 7.1%.")
    services.claim_transition(claim=claim, to=Status.PUBLISHED, by=editor)


def test_with_a_second_reviewer_required_an_editor_cannot_publish_their_own_draft(editor, settings):
    settings.CLAIMTRACK_REQUIRE_SECOND_REVIEWER = True
    claim = in_review(editor)
    with pytest.raises(WorkflowError, match=f"{editor.username} drafted this verdict"):
        services.claim_transition(claim=claim, to=Status.PUBLISHED, by=editor)
    other = EditorFactory()
    services.claim_transition(claim=claim, to=Status.PUBLISHED, by=other)
    assert claim.verdicts.get().published_by == other


def test_every_missing_thing_is_named_at_once(editor, settings):
    settings.CLAIMTRACK_PUBLISH_REQUIRE_EXPLANATION = True
    settings.CLAIMTRACK_REQUIRE_SECOND_REVIEWER = True
    claim = in_review(editor, sources=0)
    with pytest.raises(WorkflowError) as refused:
        services.claim_transition(claim=claim, to=Status.PUBLISHED, by=editor)
    assert str(refused.value) == (
        f"Claim {claim.pk} cannot be published yet: it needs at least 1 source(s), and has 0; "
        f"the verdict needs an explanation; {editor.username} drafted this verdict, and a "
        "second editor must publish it"
    )


def test_a_fact_checker_is_told_only_editors_publish_before_any_rule(fact_checker):
    claim = in_review(fact_checker, sources=0)
    with pytest.raises(services.PermissionDenied, match="only editors publish"):
        services.claim_transition(claim=claim, to=Status.PUBLISHED, by=fact_checker)


def test_the_api_refuses_with_the_rule_as_a_409(editor):
    from tests.api.conftest import client_for

    claim = in_review(editor, sources=0)
    response = client_for(editor).post(f"/api/v1/claims/{claim.pk}/publish/", {}, format="json")
    assert response.status_code == 409
    assert "needs at least 1 source" in response.json()["error"]["message"]


def test_the_admin_refuses_with_the_rule_as_a_message(editor, client):
    claim = in_review(editor, sources=0)
    client.force_login(editor)
    response = client.post(
        f"/admin/claims/claim/{claim.pk}/move/", {"to": "published"}, follow=True
    )
    assert "cannot be published yet: it needs at least 1 source" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Status.IN_REVIEW


def test_the_claim_page_tells_an_editor_what_publishing_still_needs(editor, client):
    claim = in_review(editor, sources=0)
    client.force_login(editor)
    response = client.get(f"/admin/claims/claim/{claim.pk}/change/")
    assert response.context["publish_problems"] == ["it needs at least 1 source(s), and has 0"]
    assert "Before it can be published: it needs at least 1 source" in response.content.decode()
