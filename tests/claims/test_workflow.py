"""The workflow service: who may move a claim where, and what it writes."""

from __future__ import annotations

import itertools

import pytest

from claims import services
from claims.models import Claim, Claimant, ClaimantAlias, Status, Transition, Verdict
from claims.services import ALLOWED, PermissionDenied, WorkflowError
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
S = Status


def ready_claim(status: str, assignee) -> Claim:
    """A claim in `status` that meets every precondition for moving on from it."""
    claim = ClaimFactory(status=status, assignee=assignee)
    VerdictFactory(claim=claim)  # a draft with a rating and a summary
    SourceFactory(claim=claim)  # publishing needs a source (CLAIMTRACK_PUBLISH_MIN_SOURCES)
    return claim


EVERY_PAIR = list(itertools.product(S.values, S.values))
ALLOWED_PAIRS = [(a, b) for a, b in EVERY_PAIR if b in ALLOWED[a]]
FORBIDDEN_PAIRS = [(a, b) for a, b in EVERY_PAIR if b not in ALLOWED[a]]


def test_the_workflow_table_is_the_one_in_the_design():
    expected = sorted(
        [
            ("new", "selected"),
            ("new", "dismissed"),
            ("selected", "new"),
            ("selected", "researching"),
            ("selected", "dismissed"),
            ("researching", "selected"),
            ("researching", "in_review"),
            ("in_review", "researching"),
            ("in_review", "published"),
            ("dismissed", "new"),
        ],
        key=lambda p: (S.values.index(p[0]), S.values.index(p[1])),
    )
    assert expected == ALLOWED_PAIRS


@pytest.mark.parametrize(("start", "to"), ALLOWED_PAIRS)
def test_an_editor_may_make_every_allowed_move(start, to, editor):
    claim = ready_claim(start, editor)
    record = services.claim_transition(claim=claim, to=to, by=editor, note="why")
    claim.refresh_from_db()
    assert claim.status == to
    assert (record.from_status, record.to_status, record.by, record.note) == (
        start,
        to,
        editor,
        "why",
    )


@pytest.mark.parametrize(("start", "to"), FORBIDDEN_PAIRS)
def test_every_other_move_is_refused_and_nothing_is_written(start, to, editor):
    claim = ready_claim(start, editor)
    with pytest.raises(WorkflowError, match=f"cannot move from {S(start).label.lower()}"):
        services.claim_transition(claim=claim, to=to, by=editor)
    claim.refresh_from_db()
    assert claim.status == start
    assert not Transition.objects.exists()


@pytest.mark.parametrize(("start", "to"), [p for p in ALLOWED_PAIRS if p[1] != "published"])
def test_a_fact_checker_may_make_every_move_but_publishing(start, to, fact_checker):
    claim = ready_claim(start, fact_checker)
    services.claim_transition(claim=claim, to=to, by=fact_checker)
    assert Claim.objects.get(pk=claim.pk).status == to


def test_only_editors_publish(fact_checker, editor):
    claim = ready_claim(S.IN_REVIEW, fact_checker)
    with pytest.raises(PermissionDenied, match="only editors publish"):
        services.claim_transition(claim=claim, to=S.PUBLISHED, by=fact_checker)
    assert Claim.objects.get(pk=claim.pk).status == S.IN_REVIEW
    assert not Verdict.objects.filter(published_at__isnull=False).exists()

    services.claim_transition(claim=claim, to=S.PUBLISHED, by=editor)
    verdict = Verdict.objects.get(claim=claim)
    assert verdict.is_published and verdict.published_by == editor


def test_a_user_without_a_desk_role_cannot_move_claims(outsider):
    claim = ClaimFactory()
    with pytest.raises(PermissionDenied, match="intern may not change the status"):
        services.claim_transition(claim=claim, to=S.SELECTED, by=outsider)


def test_research_needs_an_assignee(fact_checker):
    claim = ClaimFactory(status=S.SELECTED, assignee=None)
    with pytest.raises(WorkflowError, match="needs an assignee"):
        services.claim_transition(claim=claim, to=S.RESEARCHING, by=fact_checker)


@pytest.mark.parametrize("draft", [None, {"rating": None}, {"summary": "  "}])
def test_review_needs_a_draft_verdict_with_a_rating_and_a_summary(draft, fact_checker):
    claim = ClaimFactory(status=S.RESEARCHING, assignee=fact_checker)
    if draft is not None:
        VerdictFactory(claim=claim, **draft)
    with pytest.raises(WorkflowError, match="needs a draft verdict with a rating and a summary"):
        services.claim_transition(claim=claim, to=S.IN_REVIEW, by=fact_checker)


def test_an_unknown_status_is_named_in_the_error(editor):
    with pytest.raises(WorkflowError, match="'archived' is not a claim status"):
        services.claim_transition(claim=ClaimFactory(), to="archived", by=editor)


def test_the_transition_log_holds_every_move_in_order(fact_checker, editor):
    claim = ClaimFactory()
    services.claim_transition(claim=claim, to=S.SELECTED, by=fact_checker)
    services.claim_assign(claim=claim, assignee=fact_checker, by=fact_checker)
    services.claim_transition(claim=claim, to=S.RESEARCHING, by=fact_checker)
    services.verdict_draft_save(claim=claim, by=fact_checker, rating=rating("false"), summary="No.")
    services.source_add(claim=claim, by=fact_checker, url="https://stats.example/t")
    services.claim_transition(claim=claim, to=S.IN_REVIEW, by=fact_checker)
    services.claim_transition(claim=claim, to=S.RESEARCHING, by=editor, note="cite the law")
    services.claim_transition(claim=claim, to=S.IN_REVIEW, by=fact_checker)
    services.claim_transition(claim=claim, to=S.PUBLISHED, by=editor)
    services.verdict_correct(claim=claim, by=editor, correction_note="Date fixed.")

    log = list(claim.transitions.values_list("from_status", "to_status", "by__username"))
    c, e = fact_checker.username, editor.username
    assert log == [
        ("new", "selected", c),
        ("selected", "researching", c),
        ("researching", "in_review", c),
        ("in_review", "researching", e),
        ("researching", "in_review", c),
        ("in_review", "published", e),
        ("published", "published", e),
    ]


def test_a_correction_adds_a_version_and_keeps_the_published_one(editor):
    claim = ready_claim(S.IN_REVIEW, editor)
    services.claim_transition(claim=claim, to=S.PUBLISHED, by=editor)
    first = Verdict.objects.get(claim=claim)

    corrected = services.verdict_correct(
        claim=claim, by=editor, rating=rating("mostly-false"), correction_note="New data."
    )

    first_again = Verdict.objects.get(pk=first.pk)
    assert (first_again.version, first_again.rating.slug, first_again.summary) == (
        1,
        "false",
        first.summary,
    )
    assert first_again.published_at == first.published_at
    assert (corrected.version, corrected.rating.slug, corrected.summary) == (
        2,
        "mostly-false",
        first.summary,
    )
    assert corrected.correction_note == "New data."


def test_only_editors_correct_and_only_published_claims(fact_checker, editor):
    claim = ready_claim(S.IN_REVIEW, editor)
    with pytest.raises(WorkflowError, match="not published"):
        services.verdict_correct(claim=claim, by=editor, correction_note="x")
    services.claim_transition(claim=claim, to=S.PUBLISHED, by=editor)
    with pytest.raises(PermissionDenied):
        services.verdict_correct(claim=claim, by=fact_checker, correction_note="x")
    with pytest.raises(WorkflowError, match="needs a note"):
        services.verdict_correct(claim=claim, by=editor, correction_note=" ")
    assert claim.verdicts.count() == 1


def test_a_draft_is_updated_in_place_until_published(fact_checker):
    claim = ClaimFactory(status=S.RESEARCHING, assignee=fact_checker)
    one = services.verdict_draft_save(claim=claim, by=fact_checker, rating=None, summary="a")
    two = services.verdict_draft_save(
        claim=claim, by=fact_checker, rating=rating("true"), summary="b"
    )
    assert one.pk == two.pk and two.version == 1 and two.summary == "b"


def test_drafts_are_refused_once_published(editor):
    claim = ready_claim(S.IN_REVIEW, editor)
    services.claim_transition(claim=claim, to=S.PUBLISHED, by=editor)
    with pytest.raises(WorkflowError, match="use a correction"):
        services.verdict_draft_save(claim=claim, by=editor, rating=rating(), summary="x")


def test_an_assignee_must_have_a_desk_role_and_research_keeps_one(fact_checker, outsider):
    claim = ClaimFactory(status=S.SELECTED)
    with pytest.raises(WorkflowError, match="intern is not a fact-checker"):
        services.claim_assign(claim=claim, assignee=outsider, by=fact_checker)
    services.claim_assign(claim=claim, assignee=fact_checker, by=fact_checker)
    services.claim_transition(claim=claim, to=S.RESEARCHING, by=fact_checker)
    with pytest.raises(WorkflowError, match="without an assignee"):
        services.claim_assign(claim=claim, assignee=None, by=fact_checker)


def test_allowed_transitions_offer_publishing_to_editors_only(fact_checker, editor, outsider):
    claim = ready_claim(S.IN_REVIEW, editor)
    assert services.allowed_transitions(claim=claim, user=editor) == ["researching", "published"]
    assert services.allowed_transitions(claim=claim, user=fact_checker) == ["researching"]
    assert services.allowed_transitions(claim=claim, user=outsider) == []


def test_merging_claims_moves_appearances_sources_and_history_to_the_survivor(editor, fact_checker):
    survivor, duplicate = ClaimFactory(), ClaimFactory()
    article = ArticleFactory()
    AppearanceFactory(claim=survivor, article=article)
    AppearanceFactory(claim=duplicate, article=article)  # same span: kept once
    AppearanceFactory(claim=duplicate)  # another article: moves
    SourceFactory(claim=duplicate)
    services.claim_transition(claim=duplicate, to=S.SELECTED, by=fact_checker)

    result = services.claim_merge(survivor=survivor, duplicates=[duplicate], by=editor)

    assert (result.merged, result.appearances_moved, result.sources_moved) == (1, 1, 1)
    assert survivor.appearances.count() == 2
    assert survivor.sources.count() == 1
    assert list(survivor.transitions.values_list("to_status", flat=True)) == ["selected"]
    duplicate.refresh_from_db()
    assert duplicate.status == S.DISMISSED and duplicate.duplicate_of == survivor
    assert duplicate.transitions.get().note == f"Merged into claim {survivor.pk}"


def test_only_editors_merge_and_published_claims_are_not_merged_away(fact_checker, editor):
    survivor = ClaimFactory()
    published = ready_claim(S.IN_REVIEW, editor)
    services.claim_transition(claim=published, to=S.PUBLISHED, by=editor)
    with pytest.raises(PermissionDenied, match="only editors merge"):
        services.claim_merge(survivor=survivor, duplicates=[ClaimFactory()], by=fact_checker)
    with pytest.raises(WorkflowError, match="Published claims cannot be merged away"):
        services.claim_merge(survivor=survivor, duplicates=[published], by=editor)


def test_merging_claimants_moves_their_claims_and_aliases(editor):
    kept = ClaimantFactory(name="Nikol Pashinyan")
    other = ClaimantFactory(name="N. Pashinyan", wikidata_id="Q7035409")
    ClaimantAlias.objects.create(claimant=other, name="Pashinyan")
    claim = ClaimFactory(claimant=other)

    services.claimant_merge(into=kept, others=[other], by=editor)

    assert not Claimant.objects.filter(pk=other.pk).exists()
    assert Claim.objects.get(pk=claim.pk).claimant == kept
    assert set(kept.aliases.values_list("name", flat=True)) == {
        "Nikol Pashinyan",
        "N. Pashinyan",
        "Pashinyan",
    }
    kept.refresh_from_db()
    assert kept.wikidata_id == "Q7035409"
