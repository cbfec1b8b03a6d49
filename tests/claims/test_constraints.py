"""Each database constraint rejects the bad row it exists for."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article, Publisher
from claims.models import Appearance, Claim, Claimant, Rating, Source, Transition, Verdict
from tests.factories import (
    AppearanceFactory,
    ArticleFactory,
    ClaimFactory,
    PublisherFactory,
    VerdictFactory,
    rating,
)

pytestmark = pytest.mark.django_db


def rejects(callable_) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_two_articles_cannot_share_a_canonical_url():
    ArticleFactory(url="https://news.example/a")
    rejects(lambda: ArticleFactory(url="https://news.example/a", text="Other text."))


def test_many_articles_may_have_no_url():
    ArticleFactory(url="", text="One.")
    ArticleFactory(url="", text="Two.")
    assert Article.objects.filter(url="").count() == 2


def test_the_same_text_cannot_be_stored_as_two_articles():
    ArticleFactory(text="Same words.")
    rejects(lambda: ArticleFactory(text="Same words."))


def test_an_article_needs_text():
    rejects(lambda: ArticleFactory(text=""))


def test_two_publishers_cannot_share_a_domain_but_may_both_have_none():
    PublisherFactory(domain="apnews.com")
    rejects(lambda: PublisherFactory(domain="apnews.com"))
    Publisher.objects.create(name="A", domain="")
    Publisher.objects.create(name="B", domain="")


def test_the_same_statement_cannot_be_two_claims_whatever_its_quote_style():
    ClaimFactory(statement='Russia\'s "presence" fails to guarantee security.')
    rejects(lambda: ClaimFactory(statement="Russia’s “presence”  fails to guarantee security."))


def test_an_appearance_span_is_recorded_once_per_claim_and_article():
    appearance = AppearanceFactory()
    rejects(
        lambda: Appearance.objects.create(
            claim=appearance.claim,
            article=appearance.article,
            start=appearance.start,
            end=appearance.end,
            sentence=appearance.sentence,
        )
    )


@pytest.mark.parametrize(("start", "end"), [(5, 5), (9, 3)])
def test_an_appearance_must_start_before_it_ends(start, end):
    article = ArticleFactory()
    rejects(
        lambda: Appearance.objects.create(
            claim=ClaimFactory(), article=article, start=start, end=end, sentence="x"
        )
    )


def test_a_claim_has_one_verdict_per_version_number():
    verdict = VerdictFactory(version=1, published_at="2026-01-01T00:00:00Z")
    rejects(lambda: VerdictFactory(claim=verdict.claim, version=1))


def test_a_claim_has_at_most_one_draft_verdict():
    draft = VerdictFactory(version=1)
    rejects(lambda: VerdictFactory(claim=draft.claim, version=2))


def test_a_published_verdict_needs_a_rating_and_a_summary():
    claim = ClaimFactory()
    rejects(
        lambda: Verdict.objects.create(
            claim=claim, version=1, rating=None, summary="x", published_at="2026-01-01T00:00:00Z"
        )
    )
    rejects(
        lambda: Verdict.objects.create(
            claim=claim, version=1, rating=rating(), summary="", published_at="2026-01-01T00:00Z"
        )
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("status", "lost"), ("kind", "rumour"), ("score", 1.5), ("score", -0.1), ("statement", "")],
)
def test_a_claim_rejects_a_value_outside_its_domain(field, value):
    claim = ClaimFactory()
    rejects(lambda: Claim.objects.filter(pk=claim.pk).update(**{field: value}))


def test_a_claim_cannot_be_a_duplicate_of_itself():
    claim = ClaimFactory()
    rejects(lambda: Claim.objects.filter(pk=claim.pk).update(duplicate_of=claim))


def test_a_source_stance_must_be_supports_refutes_or_context():
    claim = ClaimFactory()
    rejects(lambda: Source.objects.create(claim=claim, url="https://x.example", stance="maybe"))


def test_a_rating_value_starts_at_one_and_its_label_is_unique():
    rejects(lambda: Rating.objects.create(label="Zero", slug="zero", value=0))
    rejects(lambda: Rating.objects.create(label="False", slug="false-2", value=1))


def test_a_claimant_wikidata_id_must_look_like_q_and_a_number():
    rejects(lambda: Claimant.objects.create(name="X", wikidata_id="42"))
    Claimant.objects.create(name="Douglas Adams", wikidata_id="Q42")
    rejects(lambda: Claimant.objects.create(name="D. Adams", wikidata_id="Q42"))


def test_a_transition_cannot_be_edited_once_written():
    claim = ClaimFactory()
    record = Transition.objects.create(claim=claim, from_status="new", to_status="selected")
    record.note = "rewritten"
    with pytest.raises(TypeError, match="append-only"):
        record.save()
    with pytest.raises(TypeError, match="append-only"):
        Transition.objects.filter(pk=record.pk).update(note="rewritten")
