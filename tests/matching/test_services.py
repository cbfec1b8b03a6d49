"""Matches on the database: suggestions, the desk's decisions, and what is never suggested."""

from __future__ import annotations

import pytest

from claims.matching import services
from claims.matching.claimreview import ReviewRecord
from claims.models import Claim, Match, MatchStatus, Status, Transition
from claims.services import PermissionDenied, WorkflowError
from tests.factories import AppearanceFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

ORIGINAL = "Drinking hot water every 15 minutes kills the coronavirus."
PARAPHRASE = "The coronavirus is killed if you drink hot water every fifteen minutes."
UNRELATED = "The city council approved a new budget for public parks in Leeds."


def claim_in_new_article(statement: str) -> Claim:
    article = ArticleFactory(text=f"A report. {statement} More text.")
    start = article.text.index(statement)
    claim = ClaimFactory(statement=statement)
    AppearanceFactory(claim=claim, article=article, start=start, end=start + len(statement))
    return claim


def review(url: str = "https://factcheck.example/hot-water", **fields) -> ReviewRecord:
    values = {
        "where": "test",
        "url": url,
        "claim_reviewed": "Drinking hot water kills the coronavirus",
        "publisher": "Example Checks",
        "rating": "False",
        "reviewed_on": None,
        "title": "No, hot water does not kill the coronavirus",
        "claimant": "Viral post",
    }
    return ReviewRecord(**(values | fields))


@pytest.fixture
def pair():
    earlier = claim_in_new_article(ORIGINAL)
    later = claim_in_new_article(PARAPHRASE)
    services.claims_match(claim_ids=[earlier.pk])
    services.claims_match(claim_ids=[later.pk])
    return earlier, later


def test_a_paraphrase_in_another_article_is_suggested_as_the_earlier_claim(pair):
    earlier, later = pair
    match = Match.objects.get(claim=later)
    assert match.candidate_claim == earlier
    assert match.status == MatchStatus.SUGGESTED
    assert match.score >= services.database_index().matcher.reranker.threshold
    assert match.method == services.database_index().version
    # Matches point back in time: the earlier claim is not told it repeats the later one.
    assert not Match.objects.filter(claim=earlier).exists()


def test_an_unrelated_claim_is_not_suggested(pair):
    unrelated = claim_in_new_article(UNRELATED)
    run = services.claims_match(claim_ids=[unrelated.pk])
    assert (run.claims, run.embedded, run.suggested) == (1, 1, 0)
    assert not Match.objects.filter(claim=unrelated).exists()


def test_matching_again_keeps_one_suggestion_per_pair_and_embeds_nothing_new(pair):
    _, later = pair
    run = services.claims_match(claim_ids=[later.pk])
    assert run.embedded == 0
    assert Match.objects.filter(claim=later).count() == 1


def test_an_editor_confirms_a_repeat_and_its_wording_becomes_an_appearance_of_the_earlier(
    pair, editor
):
    earlier, later = pair
    match = Match.objects.get(claim=later)
    services.match_confirm(match=match, by=editor)
    match.refresh_from_db()
    later.refresh_from_db()
    assert (match.status, match.decided_by) == (MatchStatus.CONFIRMED, editor)
    assert match.decided_at is not None
    assert later.duplicate_of == earlier
    assert earlier.appearances.filter(sentence=PARAPHRASE).exists()
    assert Transition.objects.filter(claim=later, note=f"Merged into claim {earlier.pk}").exists()
    assert services.confirmed_since(match.decided_at) == 1


def test_a_fact_checker_may_not_confirm_a_repeat_since_only_editors_merge(pair, fact_checker):
    _, later = pair
    match = Match.objects.get(claim=later)
    with pytest.raises(PermissionDenied, match="only editors merge"):
        services.match_confirm(match=match, by=fact_checker)
    match.refresh_from_db()
    assert match.status == MatchStatus.SUGGESTED


def test_a_rejected_pair_is_never_suggested_again_in_either_direction(pair, fact_checker):
    earlier, later = pair
    services.match_reject(match=Match.objects.get(claim=later), by=fact_checker)
    services.claims_match(claim_ids=[later.pk, earlier.pk])
    assert list(Match.objects.values_list("status", flat=True)) == [MatchStatus.REJECTED]
    with pytest.raises(WorkflowError, match="already rejected"):
        services.match_confirm(match=Match.objects.get(claim=later), by=fact_checker)


def test_staff_without_a_desk_role_may_not_reject(pair, outsider):
    _, later = pair
    with pytest.raises(PermissionDenied):
        services.match_reject(match=Match.objects.get(claim=later), by=outsider)


def test_an_imported_fact_check_is_suggested_for_the_claim_it_reviewed_and_linked_on_confirm(
    fact_checker,
):
    claim = claim_in_new_article(ORIGINAL)
    unrelated = claim_in_new_article(UNRELATED)
    services.claims_match(claim_ids=[claim.pk, unrelated.pk])
    run = services.fact_checks_import(reviews=[review()])
    assert (run.created, run.suggested) == (1, 1)
    match = Match.objects.get(fact_check__isnull=False)
    assert match.claim == claim
    services.match_confirm(match=match, by=fact_checker)
    note = Transition.objects.get(claim=claim).note
    assert note == "Already checked by Example Checks (False): https://factcheck.example/hot-water"


def test_a_new_claim_is_suggested_an_earlier_imported_fact_check():
    services.fact_checks_import(reviews=[review()])
    claim = claim_in_new_article(PARAPHRASE)
    services.claims_match(claim_ids=[claim.pk])
    match = Match.objects.get(claim=claim)
    assert match.fact_check.url == "https://factcheck.example/hot-water"


def test_importing_the_same_review_again_changes_nothing_and_a_changed_one_updates_its_row():
    assert services.fact_checks_import(reviews=[review()]).created == 1
    again = services.fact_checks_import(reviews=[review()])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    changed = services.fact_checks_import(reviews=[review(rating="Mostly false")])
    assert (changed.created, changed.updated) == (0, 1)


def test_a_claim_merged_away_or_deleted_is_not_suggested(editor):
    earlier = claim_in_new_article(ORIGINAL)
    services.claims_match(claim_ids=[earlier.pk])
    earlier.status = Status.PUBLISHED
    earlier.save()
    earlier.delete()
    later = claim_in_new_article(PARAPHRASE)
    services.claims_match(claim_ids=[later.pk])
    assert not Match.objects.filter(claim=later).exists()


def test_a_claim_whose_nearest_are_later_claims_of_its_batch_still_finds_the_earlier_one(
    monkeypatch,
):
    earlier = claim_in_new_article(ORIGINAL)
    services.claims_match(claim_ids=[earlier.pk])
    batch = [
        claim_in_new_article(text)
        for text in (
            PARAPHRASE,
            f"Indeed, {PARAPHRASE[0].lower()}{PARAPHRASE[1:]}",
            f"So: {PARAPHRASE[0].lower()}{PARAPHRASE[1:]}",
            f"{PARAPHRASE[:-1]}, they say.",
        )
    ]
    # Two candidates per claim: its own later rewordings fill the first look at the index.
    monkeypatch.setattr(services.database_index().matcher.reranker, "candidates", 2)
    services.claims_match(claim_ids=[c.pk for c in batch])
    first = batch[0]
    assert Match.objects.filter(claim=first, candidate_claim=earlier).exists()
    assert not Match.objects.filter(claim=first, candidate_claim__in=batch[1:]).exists()
