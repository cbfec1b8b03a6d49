"""The public side in a real browser: a reader finds a fact-check, reads the verdict (with and
without JavaScript), the page passes axe-core's accessibility rules and fits a phone; the API
docs render with every other host unreachable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

import claims
from claims import services
from claims.ingest import article_ingest
from claims.models import Claim, Rating
from tests.factories import EditorFactory, FactCheckerFactory

pytestmark = [
    pytest.mark.e2e,
    # Transactional: the live server runs in another thread (see test_desk_flow.py).
    pytest.mark.django_db(transaction=True),
]

SEED = (Path(claims.__file__).parent / "samples" / "seed_article.txt").read_text(encoding="utf-8")
QUOTE = "These exercises will not take place"
WIDTHS = {"desktop": 1440, "phone": 390}
# axe-core's impact levels that fail the page; "moderate" and "minor" are reported, not fatal.
BLOCKING = ("serious", "critical")


def publish(claim: Claim, *, rating: str, summary: str, explanation: str, source: dict) -> None:
    """The desk's workflow, through its services: research, a source, a verdict, publication."""
    checker = FactCheckerFactory(username="maria")
    editor = EditorFactory(username="edith")
    services.claim_transition(claim=claim, to="selected", by=checker)
    services.claim_assign(claim=claim, assignee=checker, by=checker)
    services.claim_transition(claim=claim, to="researching", by=checker)
    services.source_add(claim=claim, by=checker, **source)
    services.verdict_draft_save(
        claim=claim,
        by=checker,
        rating=Rating.objects.get(slug=rating),
        summary=summary,
        explanation=explanation,
    )
    services.claim_transition(claim=claim, to="in_review", by=checker)
    services.claim_transition(claim=claim, to="published", by=editor)


@pytest.fixture
def fact_checks(desk_defaults):
    article_ingest(
        text=SEED,
        title="Armenia cancels drills with Russia",
        publisher="AP",
        url="https://news.example/armenia-drills",
        published=dt.datetime(2023, 1, 10, 9, tzinfo=dt.UTC),
    )
    quote = Claim.objects.get(statement__contains=QUOTE)
    publish(
        quote,
        rating="false",
        summary="The drills did take place: Armenia hosted them in September.",
        explanation=(
            "Armenia's defence ministry lists the CSTO command-staff exercises as held in "
            "September.\n\nThe prime minister's statement concerned the January dates only."
        ),
        source={
            "url": "https://www.mil.am/en/news/drills-2023",
            "title": "Armenian defence ministry: joint exercises schedule",
            "excerpt": "The command-staff exercises were held in Armenia in September.",
            "stance": "refutes",
            "reliability": "high",
        },
    )
    services.verdict_correct(
        claim=quote,
        by=EditorFactory(username="edith"),
        correction_note="The exercises were postponed, not cancelled: the rating is Misleading.",
        rating=Rating.objects.get(slug="misleading"),
    )
    others = Claim.objects.exclude(pk=quote.pk).order_by("-score")[:2]
    for claim, rating in zip(others, ("true", "unverifiable"), strict=True):
        publish(
            claim,
            rating=rating,
            summary="What the record shows, in one line.",
            explanation="",
            source={"url": "https://archive.example/record", "title": "The record"},
        )
    return Claim.objects.get(pk=quote.pk)


def new_page(browser, width: int, *, javascript: bool = True):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def assert_accessible(page) -> None:
    violations = Axe().run(page).response["violations"]
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]
    assert blocking == []


def assert_fits(page, width: int) -> None:
    # Nothing wider than the screen: no sideways scrolling at 390 px.
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_reader_finds_a_fact_check_and_reads_the_verdict(
    browser, live_server, fact_checks, screenshots
):
    claim = fact_checks
    for name, width in WIDTHS.items():
        page = new_page(browser, width)
        page.goto(f"{live_server.url}/fact-checks/")
        assert page.locator("ol.results > li").count() == 3
        assert_accessible(page)
        assert_fits(page, width)
        page.screenshot(path=screenshots / f"public-index-{name}.png", full_page=True)

        page.fill("#id_q", "take place")
        page.click("form[role=search] button")
        page.wait_for_selector("text=1 fact-check found")
        page.click(f"ol.results a:has-text('{QUOTE}')")
        page.wait_for_selector("h1#claim")
        assert page.url == f"{live_server.url}/fact-checks/{claim.pk}-{claim.slug}/"
        assert QUOTE in page.inner_text("h1")
        verdict = page.inner_text(".verdict")
        assert "Misleading" in verdict
        assert "The drills did take place: Armenia hosted them in September." in verdict
        assert "Claimed by Nikol Pashinyan" in page.inner_text(".claimant")
        assert "Armenian defence ministry: joint exercises schedule" in page.inner_text(".sources")
        assert "rating changed from False to Misleading" in page.inner_text("#corrections")
        assert "10 January 2023" in page.inner_text(".appearances")
        assert_accessible(page)
        assert_fits(page, width)
        page.screenshot(path=screenshots / f"public-fact-check-{name}.png", full_page=True)
        page.context.close()


def test_the_page_reads_the_same_without_javascript(browser, live_server, fact_checks):
    page = new_page(browser, 390, javascript=False)
    page.goto(f"{live_server.url}/fact-checks/?rating=misleading")
    page.click(f"ol.results a:has-text('{QUOTE}')")
    assert "Misleading" in page.inner_text(".verdict")
    assert "The drills did take place" in page.inner_text(".verdict")
    page.context.close()


@pytest.mark.parametrize(("path", "rendered"), [("/api/docs/", ".opblock"), ("/api/redoc/", "h1")])
def test_the_api_docs_render_with_every_other_host_unreachable(
    browser, live_server, desk_defaults, path, rendered
):
    page = new_page(browser, 1440)
    own = urlsplit(live_server.url).netloc
    elsewhere: list[str] = []

    def only_this_site(route) -> None:
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_site)
    page.goto(f"{live_server.url}{path}")
    page.wait_for_selector(rendered)
    assert "Claimtrack API" in page.content()
    assert elsewhere == []
    page.context.close()
