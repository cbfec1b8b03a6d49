"""The claim page dates an article by its publication, never by when the desk stored it."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import AppearanceFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def test_an_article_without_a_date_is_shown_as_undated_not_as_stored_that_day(login, fact_checker):
    article = ArticleFactory(published_at=None, title="Undated story")
    article.__class__.objects.filter(pk=article.pk).update(
        created_at=dt.datetime(2024, 3, 5, 12, tzinfo=dt.UTC)
    )
    claim = AppearanceFactory(article=article).claim
    content = login(fact_checker).get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()
    assert "publication date not known · stored 5 Mar 2024" in content
    assert "published 5 Mar 2024" not in content


def test_an_article_with_a_date_is_shown_published_that_day(login, fact_checker):
    article = ArticleFactory(published_at=dt.datetime(2024, 1, 10, 9, tzinfo=dt.UTC))
    claim = AppearanceFactory(article=article).claim
    content = login(fact_checker).get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()
    assert "published 10 Jan 2024" in content
