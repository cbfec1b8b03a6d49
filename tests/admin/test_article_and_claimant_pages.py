"""The article page (text with claims, add by span, re-extract) and the claimant pages."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Appearance, Claim, Claimant, Status
from tests.factories import AppearanceFactory, ArticleFactory, ClaimantFactory, ClaimFactory

pytestmark = pytest.mark.django_db
QUOTE = "These exercises will not take place"


def article_page(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def test_the_article_page_marks_every_claim_by_its_status(seed, login, fact_checker):
    claim = Claim.objects.get(statement__contains=QUOTE)
    Claim.objects.filter(pk=claim.pk).update(status=Status.SELECTED)
    response = login(fact_checker).get(article_page(seed.article))
    content = response.content.decode()
    assert content.count('class="ct-hl st-') == content.count("ct-hl st-")
    assert f'<a class="ct-hl st-selected" href="/admin/claims/claim/{claim.pk}/change/"' in content
    assert "claims in this article" in content.lower()
    assert (
        f'href="/admin/claims/claim/?article={seed.article.pk}">Its claims in the queue' in content
    )
    # Fact-checkers add claims; only editors re-run extraction.
    assert response.context["may_add_claim"] and not response.context["may_reextract"]


def test_a_claim_is_added_from_a_span_of_the_text(seed, login, fact_checker):
    text = seed.article.text
    start = text.index("The Associated Press reviews")
    end = text.index("\n", start)
    response = login(fact_checker).post(
        f"/admin/articles/article/{seed.article.pk}/add-claim/",
        {"start": start, "end": end, "kind": "other", "statement": ""},
        follow=True,
    )
    assert "recorded at" in response.content.decode()
    appearance = Appearance.objects.get(start=start, article=seed.article)
    assert appearance.sentence == text[start:end].strip()
    assert appearance.claim.statement.startswith("The Associated Press reviews")


def test_a_span_outside_the_text_is_refused_with_the_reason(seed, login, fact_checker):
    before = Claim.objects.count()
    response = login(fact_checker).post(
        f"/admin/articles/article/{seed.article.pk}/add-claim/",
        {"start": 10, "end": 10**6, "kind": "other"},
        follow=True,
    )
    assert "is outside the article" in response.content.decode()
    assert Claim.objects.count() == before


def test_an_editor_reruns_extraction_and_a_fact_checker_may_not(seed, login, editor, fact_checker):
    url = f"/admin/articles/article/{seed.article.pk}/reextract/"
    refused = login(fact_checker).post(url, follow=True)
    assert "may not re-run extraction" in refused.content.decode()
    response = login(editor).post(url, follow=True)
    assert "Extraction re-run on" in response.content.decode()
    assert "0 new claim(s)" in response.content.decode()


def test_the_article_page_costs_the_same_number_of_queries_for_more_claims(login, fact_checker):
    small, large = ArticleFactory(), ArticleFactory(text="Sentence one. " * 60)
    AppearanceFactory(article=small, start=0, end=5)
    for i in range(20):
        AppearanceFactory(article=large, start=i * 14, end=i * 14 + 13)
    client = login(fact_checker)
    client.get(article_page(small))
    with CaptureQueriesContext(connection) as few:
        client.get(article_page(small))
    with CaptureQueriesContext(connection) as many:
        client.get(article_page(large))
    assert len(many) == len(few), [q["sql"][:150] for q in many.captured_queries]


def test_the_article_list_counts_claims_and_offers_reextraction_to_editors_only(
    seed, login, editor, fact_checker
):
    url = "/admin/articles/article/"
    listed = login(fact_checker).get(url)
    assert "reextract_articles" not in listed.content.decode()
    assert listed.context["cl"].result_list.get().claim_count == seed.article.appearances.count()
    response = login(editor).post(
        url, {"action": "reextract_articles", "_selected_action": [seed.article.pk]}, follow=True
    )
    assert "Extraction re-run on 1 article(s)." in response.content.decode()


def test_the_article_list_costs_the_same_number_of_queries_for_2_or_20_articles(
    login, fact_checker
):
    client = login(fact_checker)
    for article in ArticleFactory.create_batch(2):
        AppearanceFactory(article=article, start=0, end=5)
    client.get("/admin/articles/article/")
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/articles/article/")
    for article in ArticleFactory.create_batch(18):
        AppearanceFactory(article=article, start=0, end=5)
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/articles/article/")
    assert len(many) == len(few), [q["sql"][:150] for q in many.captured_queries]


def test_the_claimant_page_lists_their_claims_with_verdicts(seed, login, fact_checker):
    pashinyan = Claimant.objects.get(name="Nikol Pashinyan")
    content = login(fact_checker).get(f"/admin/claims/claimant/{pashinyan.pk}/change/")
    text = content.content.decode()
    assert "claims and their verdicts" in text.lower()
    assert QUOTE in text


def test_an_editor_merges_claimants_and_a_fact_checker_is_not_offered_it(
    login, editor, fact_checker
):
    keep, other = ClaimantFactory(name="Nikol Pashinyan"), ClaimantFactory(name="N. Pashinyan")
    ClaimFactory(claimant=other)
    url = "/admin/claims/claimant/"
    # Merging is their only action, so fact-checkers get no action bar at all.
    assert login(fact_checker).get(url).context["action_form"] is None
    data = {"action": "merge_claimants", "_selected_action": [keep.pk, other.pk]}
    form = login(editor).post(url, data)
    assert form.templates[0].name == "admin/claims/claimant/merge.html"
    login(editor).post(url, {**data, "apply": "1", "keep": keep.pk})
    assert list(Claimant.objects.all()) == [keep]
    assert keep.claims.count() == 1
    assert "N. Pashinyan" in keep.aliases.values_list("name", flat=True)


def test_a_claimants_type_is_edited_on_its_page(login, fact_checker):
    claimant = ClaimantFactory(name="Bank of England")
    response = login(fact_checker).post(
        f"/admin/claims/claimant/{claimant.pk}/change/",
        {
            "name": "Bank of England",
            "type": "organization",
            "description": "",
            "wikidata_id": "",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-MIN_NUM_FORMS": "0",
            "aliases-MAX_NUM_FORMS": "1000",
            "aliases-0-name": "BoE",
            "claims-TOTAL_FORMS": "0",
            "claims-INITIAL_FORMS": "0",
            "claims-MIN_NUM_FORMS": "0",
            "claims-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    claimant.refresh_from_db()
    assert claimant.type == "organization"
    assert list(claimant.aliases.values_list("name", flat=True)) == ["BoE"]


def test_an_editor_deletes_an_unused_claimant_and_not_one_in_use(login, editor):
    junk = ClaimantFactory(name="Loading")
    used = ClaimFactory().claimant
    client = login(editor)
    assert client.get(f"/admin/claims/claimant/{used.pk}/delete/").status_code == 403
    response = client.post(f"/admin/claims/claimant/{junk.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert list(Claimant.objects.all()) == [used]
