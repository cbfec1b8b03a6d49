"""The claim page: provenance, sources, verdicts, history, and only the moves the user may make."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim, Status, Transition
from claims.services import claim_transition, source_edit
from tests.factories import (
    AppearanceFactory,
    ArticleFactory,
    ClaimantFactory,
    ClaimFactory,
    SourceFactory,
    VerdictFactory,
    rating,
)

pytestmark = pytest.mark.django_db
QUOTE = "These exercises will not take place"


def page(claim: Claim) -> str:
    return f"/admin/claims/claim/{claim.pk}/change/"


def post(client, claim: Claim, what: str, data: dict):
    return client.post(f"/admin/claims/claim/{claim.pk}/{what}/", data, follow=True)


def move_buttons(response) -> list[str]:
    return [to for to, _, _ in response.context["moves"]]


def test_it_shows_the_sentence_highlighted_in_its_paragraph(seed, login, fact_checker):
    claim = Claim.objects.get(statement__contains=QUOTE)
    content = login(fact_checker).get(page(claim)).content.decode()
    assert '<a class="ct-hl ct-span" href="#"' in content
    assert "Armenian Prime Minister Nikol Pashinyan told a Tuesday press briefing." in content
    # The whole paragraph, not just the sentence: the next sentence of the quote is there too.
    assert "Armenia does not believe it is expedient" in content
    assert "Armenia cancels drills with Russia" in content and "direct quote" in content


def test_the_buttons_are_the_moves_this_user_may_make_now(login, fact_checker, editor):
    claim = ClaimFactory(status=Status.IN_REVIEW, assignee=fact_checker)
    VerdictFactory(claim=claim)
    assert move_buttons(login(fact_checker).get(page(claim))) == [Status.RESEARCHING]
    assert move_buttons(login(editor).get(page(claim))) == [Status.RESEARCHING, Status.PUBLISHED]


def test_a_fact_checker_works_a_claim_through_to_review(login, fact_checker):
    claim = AppearanceFactory().claim
    client = login(fact_checker)
    post(client, claim, "move", {"to": "selected"})
    post(client, claim, "assign", {"assignee": "me"})
    post(client, claim, "move", {"to": "researching", "note": "Checking the ministry"})
    response = post(
        client,
        claim,
        "sources",
        {
            "url": "https://stats.example/t1",
            "title": "Labour force survey",
            "stance": "refutes",
            "reliability": "high",
        },
    )
    assert "Source added (Refutes)." in response.content.decode()
    post(client, claim, "verdict", {"rating": rating("false").pk, "summary": "It was 7.1%."})
    response = post(client, claim, "move", {"to": "in_review"})
    assert "moved to in review" in response.content.decode()
    claim.refresh_from_db()
    assert (claim.status, claim.assignee) == (Status.IN_REVIEW, fact_checker)
    assert claim.sources.get().added_by == fact_checker
    assert claim.verdicts.get().summary == "It was 7.1%."
    assert Transition.objects.filter(note="Checking the ministry").exists()


def test_a_move_the_workflow_refuses_is_reported_and_nothing_changes(login, fact_checker):
    claim = ClaimFactory(status=Status.SELECTED)
    response = post(login(fact_checker), claim, "move", {"to": "researching"})
    assert "needs an assignee" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Status.SELECTED


def test_a_fact_checker_cannot_publish_even_by_posting(login, fact_checker):
    claim = ClaimFactory(status=Status.IN_REVIEW, assignee=fact_checker)
    VerdictFactory(claim=claim)
    response = post(login(fact_checker), claim, "move", {"to": "published"})
    assert "only editors publish" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Status.IN_REVIEW


def test_an_invalid_draft_is_shown_back_with_its_errors(login, fact_checker):
    claim = ClaimFactory(status=Status.SELECTED)
    response = login(fact_checker).post(
        f"/admin/claims/claim/{claim.pk}/verdict/", {"summary": "x" * 201}
    )
    assert response.status_code == 400
    assert "Please correct the errors below" in response.content.decode()
    assert not claim.verdicts.exists()


def test_an_editor_corrects_a_published_verdict_as_a_new_version(login, editor, fact_checker):
    claim = ClaimFactory(status=Status.IN_REVIEW, assignee=fact_checker)
    VerdictFactory(claim=claim)
    SourceFactory(claim=claim)
    claim_transition(claim=claim, to=Status.PUBLISHED, by=editor)
    response = login(fact_checker).get(page(claim))
    assert not response.context["may_correct"]
    assert "ct-correct-form" not in response.content.decode()
    refused = post(login(fact_checker), claim, "correct", {"correction_note": "n", "summary": "s"})
    assert "may not correct" in refused.content.decode()

    response = post(
        login(editor),
        claim,
        "correct",
        {"correction_note": "The figure was revised.", "summary": "It was 7.3%.", "rating": ""},
    )
    assert "Correction published as v2." in response.content.decode()
    versions = [(v.version, v.summary) for v in claim.verdicts.order_by("version")]
    assert versions == [(1, "The figure was 7.1%, not 5.5%."), (2, "It was 7.3%.")]


def test_staff_without_a_desk_role_may_not_open_a_claim(login, outsider):
    claim = ClaimFactory()
    assert login(outsider).get(page(claim)).status_code == 403
    assert post(login(outsider), claim, "move", {"to": "selected"}).status_code == 403


def busy_claim(n: int, user) -> Claim:
    claim = ClaimFactory(status=Status.SELECTED, assignee=user)
    for i in range(n):
        AppearanceFactory(claim=claim, article=ArticleFactory())
        source = SourceFactory(claim=claim, added_by=user)
        source_edit(source=source, by=user, title=f"Table {i}")
    for version in range(1, n + 1):
        VerdictFactory(claim=claim, version=version, published_at="2024-01-01T00:00:00Z")
    VerdictFactory(claim=claim, version=n + 1)
    for _ in range(n):
        claim_transition(claim=claim, to=Status.NEW, by=user)
        claim_transition(claim=claim, to=Status.SELECTED, by=user)
    return claim


def test_the_claim_page_costs_the_same_number_of_queries_however_busy(login, fact_checker):
    client = login(fact_checker)
    quiet, busy = busy_claim(1, fact_checker), busy_claim(12, fact_checker)
    client.get(page(quiet))
    with CaptureQueriesContext(connection) as few:
        assert client.get(page(quiet)).status_code == 200
    with CaptureQueriesContext(connection) as many:
        response = client.get(page(busy))
    assert len(response.context["appearances"]) == 12
    assert len(response.context["history"]) == 36  # 24 moves, 12 source edits
    assert len(many) == len(few)


def test_a_fact_checker_edits_the_statement_kind_and_claimant_and_sees_it_in_the_history(
    login, fact_checker
):
    claim = ClaimFactory(status=Status.RESEARCHING, assignee=fact_checker, kind="other")
    other = ClaimantFactory(name="Office for National Statistics")
    client = login(fact_checker)
    assert 'id="ct-edit-form"' in client.get(page(claim)).content.decode()
    response = post(
        client,
        claim,
        "edit",
        {
            "statement": "Unemployment fell to 5.5% in 2023.",
            "kind": "statistic",
            "claimant": other.pk,
            "note": "year",
        },
    )
    claim.refresh_from_db()
    assert (claim.statement, claim.kind, claim.claimant) == (
        "Unemployment fell to 5.5% in 2023.",
        "statistic",
        other,
    )
    content = response.content.decode()
    assert "edited: statement:" in content  # the success message
    history = response.context["history"]
    assert history[0].edit and history[0].by == fact_checker and history[0].note == "year"
    assert "kind: “other” → “statistic”" in content


def test_an_empty_statement_is_shown_back_on_the_form(login, fact_checker):
    claim = ClaimFactory(status=Status.SELECTED)
    response = post(login(fact_checker), claim, "edit", {"statement": "", "kind": "quote"})
    assert response.status_code == 400
    assert response.context["edit_form"].errors["statement"]
    assert not claim.edits.exists()


def test_a_fact_checker_may_not_edit_a_published_claim_even_by_posting(login, fact_checker):
    claim = ClaimFactory(status=Status.PUBLISHED)
    client = login(fact_checker)
    assert 'id="ct-edit-form"' not in client.get(page(claim)).content.decode()
    response = post(client, claim, "edit", {"statement": "Changed.", "kind": "other"})
    assert "only an editor changes a published fact-check" in response.content.decode()
    claim.refresh_from_db()
    assert claim.statement != "Changed."


def test_a_source_is_edited_and_removed_from_the_claim_page(login, fact_checker):
    claim = ClaimFactory(status=Status.RESEARCHING, assignee=fact_checker)
    source = SourceFactory(claim=claim, stance="refutes")
    client = login(fact_checker)
    prefix = f"source-{source.pk}-"
    response = client.post(
        f"/admin/claims/claim/{claim.pk}/sources/{source.pk}/",
        {
            f"{prefix}url": source.url,
            f"{prefix}title": "LFS table 3",
            f"{prefix}stance": "supports",
            f"{prefix}reliability": "high",
            f"{prefix}excerpt": "",
            f"{prefix}archived_url": "",
        },
        follow=True,
    )
    assert "Source edited" in response.content.decode()
    source.refresh_from_db()
    assert (source.title, source.stance, source.reliability) == ("LFS table 3", "supports", "high")

    response = client.post(
        f"/admin/claims/claim/{claim.pk}/sources/{source.pk}/remove/", follow=True
    )
    assert "removed (kept in the history)" in response.content.decode()
    assert not claim.sources.exists()
    assert [e.subject for e in claim.edits.all()] == ["source", "source_removed"]


def test_a_bad_source_url_is_shown_back_on_that_sources_form(login, fact_checker):
    claim = ClaimFactory(status=Status.RESEARCHING, assignee=fact_checker)
    source = SourceFactory(claim=claim)
    prefix = f"source-{source.pk}-"
    response = login(fact_checker).post(
        f"/admin/claims/claim/{claim.pk}/sources/{source.pk}/",
        {
            f"{prefix}url": "not a url",
            f"{prefix}stance": "context",
            f"{prefix}reliability": "unknown",
        },
    )
    assert response.status_code == 400
    assert "Enter a valid URL." in response.content.decode()
    source.refresh_from_db()
    assert source.url.startswith("https://stats.example/")
