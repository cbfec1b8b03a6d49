"""Services the admin added: a claim from a span of an article, and re-running extraction."""

from __future__ import annotations

from pathlib import Path

import pytest

import claims
from articles.models import Article
from claims import services
from claims.ingest import article_ingest
from claims.models import Appearance, Claim, Status
from claims.services import PermissionDenied, WorkflowError
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
SEED = (Path(claims.__file__).parent / "samples" / "seed_article.txt").read_text(encoding="utf-8")


@pytest.fixture
def article():
    return ArticleFactory(text="Intro line.\n\n  The mayor said the bridge cost $40 million.  ")


def span_of(article, words: str) -> tuple[int, int]:
    start = article.text.index(words)
    return start, start + len(words)


def test_a_span_becomes_a_claim_with_its_exact_appearance(article, fact_checker):
    start, end = span_of(article, "The mayor said the bridge cost $40 million.")
    appearance = services.claim_add_from_span(
        article=article, start=start, end=end, by=fact_checker, kind="statistic"
    )
    assert article.text[appearance.start : appearance.end] == appearance.sentence
    assert appearance.claim.statement == "The mayor said the bridge cost $40 million."
    assert (appearance.claim.kind, appearance.claim.score) == ("statistic", None)


def test_whitespace_around_a_selection_is_trimmed_off_the_span(article, fact_checker):
    start = article.text.index("The mayor") - 2
    appearance = services.claim_add_from_span(
        article=article, start=start, end=len(article.text), by=fact_checker, statement="Cost"
    )
    assert appearance.start == start + 2
    assert appearance.sentence.endswith("million.")
    assert appearance.claim.statement == "Cost"


@pytest.mark.parametrize(("start", "end"), [(-1, 5), (5, 5), (0, 10_000), (11, 15)])
def test_a_span_outside_the_text_or_only_whitespace_is_refused(article, fact_checker, start, end):
    with pytest.raises(WorkflowError):
        services.claim_add_from_span(article=article, start=start, end=end, by=fact_checker)
    assert not Claim.objects.exists()


def test_a_known_statement_gets_the_appearance_and_the_same_span_twice_is_refused(
    article, fact_checker
):
    start, end = span_of(article, "Intro line.")
    first = services.claim_add_from_span(article=article, start=start, end=end, by=fact_checker)
    other = ArticleFactory(text="Intro line. And more.")
    second = services.claim_add_from_span(article=other, start=0, end=11, by=fact_checker)
    assert second.claim == first.claim
    with pytest.raises(WorkflowError, match="already recorded"):
        services.claim_add_from_span(article=article, start=start, end=end, by=fact_checker)


def test_staff_without_a_desk_role_may_not_add_a_claim(article, outsider):
    with pytest.raises(PermissionDenied):
        services.claim_add_from_span(article=article, start=0, end=5, by=outsider)


@pytest.fixture
def seed():
    return article_ingest(text=SEED, title="Armenia cancels drills", publisher="AP").article


def test_re_extraction_of_an_unchanged_article_changes_nothing(seed, editor):
    before = set(Appearance.objects.values_list("claim_id", "start", "end"))
    result = services.article_reextract(article=seed, by=editor)
    assert (result.claims_created, result.appearances_created, result.appearances_removed) == (
        0,
        0,
        0,
    )
    assert set(Appearance.objects.values_list("claim_id", "start", "end")) == before


def test_re_extraction_rescores_untouched_claims_and_keeps_desk_work(seed, editor):
    untouched = Claim.objects.filter(status=Status.NEW).first()
    Claim.objects.filter(pk=untouched.pk).update(score=0.5, model_version="old")
    text = seed.text
    start = text.index("The Associated Press reviews")
    by_hand = services.claim_add_from_span(
        article=seed, start=start, end=text.index("\n", start), by=editor
    )
    result = services.article_reextract(article=seed, by=editor)
    assert result.claims_rescored == 1
    untouched.refresh_from_db()
    assert untouched.model_version == seed.model_version
    assert Appearance.objects.filter(pk=by_hand.pk).exists()


def test_only_editors_re_run_extraction(seed, fact_checker):
    with pytest.raises(PermissionDenied):
        services.article_reextract(article=seed, by=fact_checker)
    assert Article.objects.get().pk == seed.pk


def test_re_extraction_reads_an_html_article_through_the_main_text_extractor(editor):
    from articles.inputs import document_from_html
    from tests.conftest import PAGE

    # Ingested as the command does for HTML: the main text, with the page kept as raw text.
    page = document_from_html("page", PAGE, None)
    article = article_ingest(text=page.text, raw_text=PAGE, url="https://x.example/jobs").article
    services.article_reextract(article=article, by=editor)
    article.refresh_from_db()
    assert "<" not in article.text
    assert "Unemployment fell to 3.1%" in article.text


def test_re_extraction_refuses_to_give_an_article_another_articles_text(editor):
    one = article_ingest(text="Unemployment fell to 3.1% in March, the office said.").article
    other = article_ingest(text="Inflation rose to 9.4% in June, the office said.").article
    Article.objects.filter(pk=one.pk).update(raw_text=other.raw_text)
    one.refresh_from_db()
    with pytest.raises(WorkflowError, match=f"same text as article {other.pk}"):
        services.article_reextract(article=one, by=editor)
    one.refresh_from_db()
    assert "Unemployment" in one.text
