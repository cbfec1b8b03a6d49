"""Matches in the desk admin: the claim page, the queue badge, decisions, the dashboard."""

from __future__ import annotations

import pytest

from claims.matching import services
from claims.models import Match, MatchStatus
from tests.matching.test_services import ORIGINAL, PARAPHRASE, claim_in_new_article, review

pytestmark = pytest.mark.django_db


@pytest.fixture
def suggested():
    earlier = claim_in_new_article(ORIGINAL)
    later = claim_in_new_article(PARAPHRASE)
    services.claims_match(claim_ids=[earlier.pk, later.pk])
    return Match.objects.get(claim=later)


def decide(client, match: Match, decision: str):
    url = f"/admin/claims/claim/{match.claim_id}/matches/{match.pk}/{decision}/"
    return client.post(url, follow=True)


def test_the_claim_page_shows_seen_before_with_confirm_and_reject(login, fact_checker, suggested):
    content = login(fact_checker).get(f"/admin/claims/claim/{suggested.claim_id}/change/")
    html = content.content.decode()
    assert "Seen before / already checked (1)" in html
    assert ORIGINAL in html
    assert f"/matches/{suggested.pk}/confirm/" in html
    assert f"/matches/{suggested.pk}/reject/" in html


def test_the_queue_marks_a_repeat_and_a_claim_an_imported_fact_check_reviewed(
    login, fact_checker, suggested
):
    services.fact_checks_import(reviews=[review()])
    html = login(fact_checker).get("/admin/claims/claim/").content.decode()
    assert "seen before" in html
    assert "already checked" in html


def test_a_fact_checker_rejects_from_the_claim_page_and_is_refused_a_merge(
    login, fact_checker, suggested
):
    client = login(fact_checker)
    refused = decide(client, suggested, "confirm")
    assert "only editors merge" in refused.content.decode()
    assert Match.objects.get(pk=suggested.pk).status == MatchStatus.SUGGESTED
    done = decide(client, suggested, "reject")
    assert "will not be suggested again" in done.content.decode()
    assert Match.objects.get(pk=suggested.pk).status == MatchStatus.REJECTED


def test_an_editor_confirms_from_the_claim_page_and_the_dashboard_counts_it(
    login, editor, suggested
):
    client = login(editor)
    decide(client, suggested, "confirm")
    assert Match.objects.get(pk=suggested.pk).status == MatchStatus.CONFIRMED
    dashboard = client.get("/admin/claims/claim/dashboard/")
    assert dashboard.context["repeated_this_week"] == 1


def test_a_get_to_the_decision_url_changes_nothing(login, editor, suggested):
    url = f"/admin/claims/claim/{suggested.claim_id}/matches/{suggested.pk}/confirm/"
    assert login(editor).get(url).status_code == 403
    assert Match.objects.get(pk=suggested.pk).status == MatchStatus.SUGGESTED
