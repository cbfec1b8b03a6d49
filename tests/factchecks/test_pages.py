"""The public fact-check pages: what a reader sees, what they must not, and what it costs."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims import services
from claims.models import Claim
from tests.api.conftest import published_claim, reads
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
JAN = dt.datetime(2024, 1, 10, 9, 30, tzinfo=dt.UTC)


def page_of(claim: Claim) -> str:
    return f"/fact-checks/{claim.pk}-{claim.slug}/"


@pytest.fixture
def fact_check(editor):
    """A corrected fact-check with an explanation, sources and a dated article."""
    claim = published_claim(
        slug="false",
        statement="Unemployment fell to 3.1% in March, the lowest rate since 1974.",
        claimant=ClaimantFactory(name="Rachel Reeves", description="Chancellor"),
    )
    claim.verdicts.update(
        explanation="The statistics office put it at 4.2%.\n\nThe lowest since 2022.",
        summary="It was 4.2%, not 3.1%.",
    )
    AppearanceFactory(claim=claim, article=ArticleFactory(published_at=JAN, title="Jobs report"))
    SourceFactory(
        claim=claim,
        title="Labour market overview, March 2024",
        excerpt="The unemployment rate was 4.2%.",
        archived_url="https://archive.example/ons",
    )
    services.verdict_correct(
        claim=claim,
        by=editor,
        correction_note="The March figure was revised.",
        rating=rating("mostly-false"),
    )
    return claim


def test_a_fact_check_page_shows_the_claim_the_verdict_and_how_it_was_reached(client, fact_check):
    response = client.get(page_of(fact_check))
    assert response.status_code == 200
    html = response.content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Unemployment fell to 3.1% in March, the lowest rate since 1974." in text
    assert "Claimed by Rachel Reeves , Chancellor" in text
    assert "Mostly false" in text  # the current (corrected) rating
    assert "It was 4.2%, not 3.1%." in text
    assert "<p>The statistics office put it at 4.2%.</p>" in html
    assert "Labour market overview, March 2024" in text and "Archived copy" in text
    assert "The March figure was revised." in text
    assert "rating changed from False to Mostly false" in text
    assert "Jobs report" in text and "10 January 2024" in text
    assert response["Cache-Control"] == "public, max-age=60"


def test_a_page_is_plain_html_with_landmarks_one_heading_and_no_script(client, fact_check):
    html = client.get(page_of(fact_check)).content.decode()
    assert '<html lang="en">' in html
    assert html.count("<h1") == 1
    for landmark in ("<header", "<main", "<footer", "<nav"):
        assert landmark in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script type="application/ld+json">']  # data, not code
    assert 'name="viewport"' in html


@pytest.mark.parametrize("status", ["new", "selected", "researching", "in_review", "dismissed"])
def test_an_unpublished_claim_has_no_public_page(client, status):
    claim = ClaimFactory(status=status)
    VerdictFactory(claim=claim)
    assert client.get(page_of(claim)).status_code == 404
    assert client.get(f"/fact-checks/{claim.pk}/").status_code == 404


def test_an_unknown_fact_check_is_not_found(client):
    assert client.get("/fact-checks/999999-anything/").status_code == 404


def test_an_old_slug_and_the_bare_id_redirect_to_the_pages_address(client, fact_check):
    canonical = page_of(fact_check)
    assert canonical == (
        f"/fact-checks/{fact_check.pk}-unemployment-fell-to-31-in-march-the-lowest-rate-since-1974/"
    )
    old_slug = f"/fact-checks/{fact_check.pk}-unemployment-rose/"
    for old in (old_slug, f"/fact-checks/{fact_check.pk}/"):
        response = client.get(old)
        assert response.status_code == 301
        assert response["Location"] == canonical


def test_a_long_statement_is_cut_at_a_whole_word(client):
    claim = published_claim(statement="The government " + "spent billions on " * 10 + "roads.")
    assert claim.slug == "the-government-spent-billions-on-spent-billions-on-spent"
    assert client.get(page_of(claim)).status_code == 200


def test_a_statement_without_latin_letters_still_has_an_address(client):
    claim = published_claim(statement="Безработица упала до 3,1%.")
    assert claim.slug == "31"
    claim = published_claim(statement="Безработица упала.")
    assert claim.slug == "claim"
    assert client.get(page_of(claim)).status_code == 200


def test_the_page_never_shows_when_an_article_was_stored_as_when_it_was_published(client):
    claim = published_claim(published_at=timezone.now())
    article = claim.appearances.get().article
    assert article.published_at is None
    html = client.get(page_of(claim)).content.decode()
    assert "Publication date not known." in html
    assert article.created_at.strftime("%-d %B %Y") not in html.split("Where the claim was made")[1]


def test_a_statement_cannot_break_out_of_the_json_ld_block(client):
    claim = published_claim(statement='He said "</script><script>alert(1)</script>" & left.')
    html = client.get(page_of(claim)).content.decode()
    assert "<script>alert(1)" not in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "\\u003c/script\\u003e" in block


# --- The index -------------------------------------------------------------------------------


def test_the_index_lists_published_fact_checks_newest_first_and_nothing_else(client):
    older = published_claim(published_at=JAN)
    newer = published_claim()
    hidden = ClaimFactory(status="in_review")
    html = client.get("/fact-checks/").content.decode()
    assert html.index(newer.statement) < html.index(older.statement)
    assert hidden.statement not in html
    assert "2 fact-checks." in html
    assert f'href="{page_of(newer)}"' in html


def test_the_index_searches_statements(client):
    wanted = published_claim(statement="Inflation doubled in the eurozone last year.")
    other = published_claim(statement="The bridge cost 40 million euros.")
    html = client.get("/fact-checks/", {"q": "inflation"}).content.decode()
    assert wanted.statement in html and other.statement not in html
    assert "1 fact-check found." in html
    assert 'value="inflation"' in html  # the form keeps what was asked


def test_the_index_filters_by_the_current_rating(client, editor):
    false = published_claim(slug="false")
    true = published_claim(slug="true")
    corrected = published_claim(slug="true")
    services.verdict_correct(
        claim=corrected, by=editor, correction_note="Wrong year", rating=rating("false")
    )
    html = client.get("/fact-checks/", {"rating": "false"}).content.decode()
    assert false.statement in html and corrected.statement in html
    assert true.statement not in html


def test_the_index_pages_through_twenty_at_a_time(client):
    for _ in range(23):
        published_claim()
    first = client.get("/fact-checks/").content.decode()
    assert first.count('class="result"') == 20
    assert "page 1 of 2" in first
    assert 'href="?page=2"' in first
    second = client.get("/fact-checks/", {"page": 2}).content.decode()
    assert second.count('class="result"') == 3
    assert 'href="?page=1"' in second
    searched = client.get("/fact-checks/", {"q": "Unemployment", "rating": "false"})
    assert 'href="?q=Unemployment&amp;rating=false&amp;page=2"' in searched.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"rating": "pants-on-fire"}, "There is no rating “pants-on-fire”."),
        ({"page": "two"}, "Page: Enter a whole number."),
        ({"page": "0"}, "Page: Ensure this value is greater than or equal to 1."),
        ({"q": "x" * 501}, "Ensure this value has at most 500 characters (it has 501)."),
    ],
)
def test_a_bad_query_is_answered_with_what_was_wrong(client, query, message):
    response = client.get("/fact-checks/", query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_page_past_the_last_is_not_found(client):
    published_claim()
    assert client.get("/fact-checks/", {"page": 2}).status_code == 404


def test_the_index_costs_the_same_queries_for_three_fact_checks_or_sixty(client):
    def count(query: dict) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/fact-checks/", query).status_code == 200
        return len(reads(captured))

    for _ in range(3):
        published_claim(claimant=ClaimantFactory())
    few = [count({}), count({"q": "unemployment", "rating": "false"})]
    for _ in range(57):
        published_claim(claimant=ClaimantFactory())
    assert [count({}), count({"q": "unemployment", "rating": "false"})] == few


def test_a_fact_check_page_costs_the_same_queries_whatever_it_holds(client, fact_check, editor):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page_of(fact_check)).status_code == 200
        return len(reads(captured))

    before = count()
    for _ in range(5):
        SourceFactory(claim=fact_check)
        AppearanceFactory(claim=fact_check, article=ArticleFactory())
    services.verdict_correct(claim=fact_check, by=editor, correction_note="Again")
    assert count() == before


# --- Links to the public side ----------------------------------------------------------------


def test_view_site_in_the_admin_leads_to_the_public_index(client, editor):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert '<a href="/fact-checks/">View site</a>' in html
    assert client.get("/fact-checks/").status_code == 200
