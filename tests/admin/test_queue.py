"""The triage queue: ranking, columns, filters, search and bulk actions through the workflow."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim, Status, Transition
from tests.factories import (
    AppearanceFactory,
    ArticleFactory,
    ClaimFactory,
    FactCheckerFactory,
    SourceFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db
QUEUE = "/admin/claims/claim/"
QUOTE = "These exercises will not take place"


def listed(response) -> list[Claim]:
    return list(response.context["cl"].result_list)


def act(client, action: str, claims, **extra):
    data = {"action": action, "_selected_action": [c.pk for c in claims], **extra}
    return client.post(QUEUE, data, follow=True)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_queue_ranks_the_newest_articles_claims_by_check_worthiness(login, fact_checker):
    old = AppearanceFactory(claim__score=0.99).claim
    new_low = AppearanceFactory(claim__score=0.2).claim
    new_high = AppearanceFactory(claim__score=0.9, article=new_low.appearances.get().article).claim
    # Articles of the same day rank by score; a newer day's article comes first.
    from articles.models import Article

    Article.objects.filter(pk=old.appearances.get().article_id).update(
        created_at="2020-01-01T00:00:00Z"
    )
    response = login(fact_checker).get(QUEUE)
    assert response.status_code == 200
    assert listed(response) == [new_high, new_low, old]


def test_the_queue_shows_article_publisher_rating_and_status(seed, login, fact_checker):
    claim = Claim.objects.get(statement__contains=QUOTE)
    VerdictFactory(claim=claim)  # a draft rated False
    content = login(fact_checker).get(QUEUE).content.decode()
    assert "Armenia cancels drills with Russia" in content
    assert ">AP<" in content
    assert "ct-badge-draft" in content and ">False<" in content
    assert "Triage queue" in content


@pytest.mark.parametrize(
    "term", [QUOTE, "exercises will not", "Pashinyan", "Armenia cancels drills", "press briefing"]
)
def test_search_finds_the_quote_by_statement_claimant_title_or_sentence(
    seed, login, fact_checker, term
):
    found = listed(login(fact_checker).get(QUEUE, {"q": term}))
    assert any(QUOTE in c.statement for c in found)
    if term == QUOTE:
        assert len(found) == 1


def test_mine_and_unassigned_filters(login, fact_checker, editor):
    mine = ClaimFactory(assignee=fact_checker, status=Status.SELECTED)
    theirs = ClaimFactory(assignee=editor, status=Status.SELECTED)
    nobody = ClaimFactory()
    client = login(fact_checker)
    assert listed(client.get(QUEUE, {"assignee": "mine"})) == [mine]
    assert listed(client.get(QUEUE, {"assignee": "none"})) == [nobody]
    assert listed(client.get(QUEUE, {"assignee": str(editor.pk)})) == [theirs]


def test_rating_publisher_and_status_filters(login, fact_checker):
    rated = VerdictFactory().claim
    unrated = AppearanceFactory().claim
    client = login(fact_checker)
    assert listed(client.get(QUEUE, {"rating": "false"})) == [rated]
    assert unrated in listed(client.get(QUEUE, {"rating": "none"}))
    publisher = unrated.appearances.get().article.publisher
    assert listed(client.get(QUEUE, {"publisher": publisher.pk})) == [unrated]
    assert set(listed(client.get(QUEUE, {"status__exact": "new"}))) == {rated, unrated}
    assert listed(client.get(QUEUE, {"status__exact": "published"})) == []


def test_bulk_select_reports_what_moved_and_what_was_refused(login, fact_checker):
    fresh = ClaimFactory.create_batch(2)
    published = ClaimFactory(status=Status.PUBLISHED)
    response = act(login(fact_checker), "select_claims", [*fresh, published])
    texts = messages_of(response)
    assert "2 claim(s) moved to selected." in texts
    assert any(t.startswith("1 refused:") and "cannot move from published" in t for t in texts)
    assert Transition.objects.count() == 2


def test_bulk_dismiss_and_reopen(login, fact_checker):
    claims = ClaimFactory.create_batch(2)
    client = login(fact_checker)
    act(client, "dismiss_claims", claims)
    assert set(Claim.objects.values_list("status", flat=True)) == {Status.DISMISSED}
    act(client, "reopen_claims", claims)
    assert set(Claim.objects.values_list("status", flat=True)) == {Status.NEW}


def test_assign_to_me_then_to_a_colleague_through_the_intermediate_form(login, fact_checker):
    colleague = FactCheckerFactory(username="aram")
    claims = ClaimFactory.create_batch(2, status=Status.SELECTED)
    client = login(fact_checker)
    response = act(client, "assign_to_me", claims)
    assert f"2 claim(s) assigned to {fact_checker.username}." in messages_of(response)

    form = act(client, "assign_to_user", claims)
    assert form.templates[0].name == "admin/claims/claim/assign_to_user.html"
    assert "aram" in form.content.decode()
    response = act(client, "assign_to_user", claims, apply="1", assignee=colleague.pk)
    assert "2 claim(s) assigned to aram." in messages_of(response)
    assert set(Claim.objects.values_list("assignee", flat=True)) == {colleague.pk}


def test_send_to_review_needs_a_draft_verdict(login, fact_checker):
    ready = ClaimFactory(status=Status.RESEARCHING, assignee=fact_checker)
    VerdictFactory(claim=ready)
    bare = ClaimFactory(status=Status.RESEARCHING, assignee=fact_checker)
    response = act(login(fact_checker), "send_to_review", [ready, bare])
    texts = messages_of(response)
    assert "1 claim(s) moved to in review." in texts
    assert any("needs a draft verdict" in t for t in texts)


def test_fact_checkers_are_neither_offered_nor_allowed_merge_or_publish(login, fact_checker):
    claims = ClaimFactory.create_batch(2, status=Status.IN_REVIEW, assignee=fact_checker)
    for claim in claims:
        VerdictFactory(claim=claim)
    client = login(fact_checker)
    offered = dict(client.get(QUEUE).context["action_form"].fields["action"].choices)
    assert "merge_claims" not in offered
    assert "publish_claims" not in offered
    assert "select_claims" in offered
    act(client, "publish_claims", claims)
    act(client, "merge_claims", claims, apply="1", survivor=claims[0].pk)
    assert set(Claim.objects.values_list("status", flat=True)) == {Status.IN_REVIEW}


def test_an_editor_merges_duplicates_into_the_chosen_claim(login, editor):
    survivor = AppearanceFactory().claim
    duplicate = AppearanceFactory().claim
    client = login(editor)
    form = act(client, "merge_claims", [survivor, duplicate])
    assert form.templates[0].name == "admin/claims/claim/merge.html"
    response = act(client, "merge_claims", [survivor, duplicate], apply="1", survivor=survivor.pk)
    assert any(t.startswith("Merged 1 claim(s) into") for t in messages_of(response))
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.duplicate_of) == (Status.DISMISSED, survivor)
    assert survivor.appearances.count() == 2


def test_an_editor_publishes_in_bulk(login, editor):
    claim = ClaimFactory(status=Status.IN_REVIEW, assignee=editor)
    VerdictFactory(claim=claim)
    SourceFactory(claim=claim)
    act(login(editor), "publish_claims", [claim])
    claim.refresh_from_db()
    assert claim.status == Status.PUBLISHED


def test_staff_without_a_desk_role_cannot_open_the_queue(login, outsider):
    assert login(outsider).get(QUEUE).status_code == 403


def make_queue(n: int, fact_checker) -> None:
    for i in range(n):
        claim = AppearanceFactory(claim__assignee=fact_checker, claim__status=Status.SELECTED).claim
        VerdictFactory(claim=claim)
        if i % 2:
            AppearanceFactory(claim=claim, article=ArticleFactory())


def test_the_queue_costs_the_same_number_of_queries_for_3_or_30_claims(login, fact_checker):
    client = login(fact_checker)
    make_queue(3, fact_checker)
    client.get(QUEUE)  # warm the session and content types
    with CaptureQueriesContext(connection) as few:
        assert len(listed(client.get(QUEUE))) == 3
    make_queue(27, fact_checker)
    with CaptureQueriesContext(connection) as many:
        assert len(listed(client.get(QUEUE))) == 30
    assert len(many) == len(few)
