"""Small things the desk tripped over (issue 16): each test failed before its fix."""

from __future__ import annotations

import pytest

from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_the_source_form_starts_at_context_as_the_model_does(login, fact_checker):
    claim = ClaimFactory(status="researching", assignee=fact_checker)
    response = login(fact_checker).get(f"/admin/claims/claim/{claim.pk}/change/")
    assert response.context["source_form"]["stance"].value() == "context"
    assert '<option value="context" selected>' in response.content.decode()


def test_an_article_without_authors_shows_an_empty_box_not_brackets(login, editor):
    article = ArticleFactory(authors=[])
    content = login(editor).get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "[]</textarea>" not in content
    assert 'name="authors"' in content


def test_authors_are_edited_one_per_line_and_stored_as_a_list(login, editor):
    article = ArticleFactory(authors=["Ann Lee", "Bo Chan"])
    client = login(editor)
    page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "Ann Lee\nBo Chan</textarea>" in page
    response = client.post(
        f"/admin/articles/article/{article.pk}/change/",
        {
            "title": article.title,
            "url": article.url,
            "publisher": article.publisher_id,
            "authors": "Ann Lee\n\n  Cy Dorn  \n",
            "language": "en",
            **_empty_inlines(),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.authors == ["Ann Lee", "Cy Dorn"]


def test_the_article_legend_names_statuses_as_the_desk_does(login, fact_checker):
    article = ArticleFactory()
    content = login(fact_checker).get(f"/admin/articles/article/{article.pk}/change/")
    content = content.content.decode()
    assert "In_review" not in content
    assert ">In review</span>" in content


def _empty_inlines() -> dict:
    return {
        "appearances-TOTAL_FORMS": "0",
        "appearances-INITIAL_FORMS": "0",
        "appearances-MIN_NUM_FORMS": "0",
        "appearances-MAX_NUM_FORMS": "1000",
    }
