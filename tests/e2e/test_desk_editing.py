"""The desk's editing screens in a real browser (issue 16): adding articles, correcting claims
and sources, the publishing rules, and the queue fitting a laptop screen."""

from __future__ import annotations

import pytest

from articles.models import Article
from claims import services
from claims.models import Claim, Rating, Status
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_desk_flow import PASSWORD, SEED
from tests.factories import EditorFactory, FactCheckerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
QUOTE = "These exercises will not take place"
WIDTHS = {"wide": 1440, "narrow": 390}


@pytest.fixture
def seed(desk_defaults):
    from claims.ingest import article_ingest

    return article_ingest(text=SEED, title="Armenia cancels drills with Russia", publisher="AP")


def shoot(page, name: str) -> None:
    """The screen at a laptop's and a phone's width, for the README (into the untracked
    artifacts/screenshots/: a test run leaves the checkout's docs/screenshots/ as they are)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1440, "height": 900})


def in_review(seed, checker, *, sources: int) -> Claim:
    """The Pashinyan quote, researched by `checker`, with a draft verdict, sent to review."""
    claim = Claim.objects.get(statement__contains=QUOTE)
    services.claim_transition(claim=claim, to=Status.SELECTED, by=checker)
    services.claim_assign(claim=claim, assignee=checker, by=checker)
    services.claim_transition(claim=claim, to=Status.RESEARCHING, by=checker)
    for n in range(sources):
        services.source_add(claim=claim, by=checker, url=f"https://www.mil.am/en/news/{n}")
    services.verdict_draft_save(
        claim=claim,
        by=checker,
        rating=Rating.objects.get(slug="false"),
        summary="The drills went ahead in Armenia in September.",
    )
    services.claim_transition(claim=claim, to=Status.IN_REVIEW, by=checker)
    return claim


def log_in(browser, live_server, username: str, password: str = PASSWORD):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_selector("#ct-desk")
    return page


def test_the_queue_shows_every_column_on_a_1440_pixel_screen(browser, live_server, seed):
    FactCheckerFactory(username="maria")
    page = log_in(browser, live_server, "maria")
    page.goto(f"{live_server.url}/admin/claims/claim/")
    page.wait_for_selector("#result_list")
    # The table sits in a box that scrolls sideways: a column past its edge is off-screen.
    box, last = page.evaluate(
        """() => {
        const results = document.querySelector('#changelist .results');
        const headers = document.querySelectorAll('#result_list thead th');
        return [results.getBoundingClientRect().right,
                headers[headers.length - 1].getBoundingClientRect().right];
    }"""
    )
    headers = [h.strip().lower() for h in page.locator("#result_list thead th").all_inner_texts()]
    assert headers[1:] == [
        "claim",
        "matches",
        "claimant",
        "article",
        "score",
        "kind",
        "status",
        "assignee",
        "rating",
        "age",
    ]
    assert last <= box + 1, f"the last column ends at {last}px, past the list's edge at {box}px"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1440
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "queue-1440.png", full_page=False)


def test_an_article_is_added_by_pasted_text_and_by_url(browser, live_server, desk_defaults, web):
    FactCheckerFactory(username="maria")
    page = log_in(browser, live_server, "maria")
    page.goto(f"{live_server.url}/admin/articles/article/")
    page.click("a.addlink")
    page.wait_for_selector("#ct-ingest-form")
    shoot(page, "add-article")

    page.fill("#id_text", SEED)
    page.fill("#id_title", "Armenia cancels drills with Russia")
    page.fill("#id_publisher", "AP")
    page.fill("#id_published", "2023-09-06")
    page.click("#ct-ingest-form input[type=submit]")
    page.wait_for_selector(".ct-article-text .st-new")
    assert "Article “Armenia cancels drills with Russia” added with" in page.inner_text(
        "ul.messagelist"
    )
    assert QUOTE in page.inner_text(".ct-article-text")
    article = Article.objects.get(title="Armenia cancels drills with Russia")
    assert page.url.endswith(f"/admin/articles/article/{article.pk}/change/")
    shoot(page, "article-added")

    # A URL the server cannot fetch: the reason on the form, nothing stored.
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_url", f"{web}/missing")
    page.click("#ct-ingest-form input[type=submit]")
    page.wait_for_selector(".field-url .errorlist")
    assert "the server answered HTTP 404 Not Found" in page.inner_text(".field-url .errorlist")
    assert Article.objects.count() == 1
    shoot(page, "add-article-error")

    page.fill("#id_url", f"{web}/story")
    page.click("#ct-ingest-form input[type=submit]")
    page.wait_for_selector(".ct-article-text .st-new")
    assert "Jobs report" in page.inner_text("ul.messagelist")
    assert Article.objects.get(url=f"{web}/story").title.startswith("Jobs report")


def test_a_statement_and_a_source_are_corrected_on_the_claim_page(browser, live_server, seed):
    maria = FactCheckerFactory(username="maria")
    claim = Claim.objects.get(statement__contains=QUOTE)
    services.claim_transition(claim=claim, to=Status.SELECTED, by=maria)
    services.claim_assign(claim=claim, assignee=maria, by=maria)
    services.claim_transition(claim=claim, to=Status.RESEARCHING, by=maria)
    source = services.source_add(
        claim=claim, by=maria, url="https://www.mil.am/en/news/1", stance="refutes"
    )

    page = log_in(browser, live_server, "maria")
    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    page.click("#ct-edit summary")
    page.fill("#ct-edit-form [name=statement]", "Armenia will not host the CSTO exercises in 2023.")
    page.select_option("#ct-edit-form [name=kind]", "event")
    page.fill("#ct-edit-form [name=note]", "the quote made standalone")
    shoot(page, "claim-edit")
    page.click("#ct-edit-form button")
    page.wait_for_selector("text=edited: statement:")
    assert page.inner_text(".ct-statement") == "Armenia will not host the CSTO exercises in 2023."
    history = page.inner_text("#ct-history")
    assert "edited" in history and "the quote made standalone" in history

    row = f"#ct-source-{source.pk}"
    page.click(f"{row} summary")
    page.fill(f"{row} [name=source-{source.pk}-title]", "Defence ministry: exercise schedule")
    page.select_option(f"{row} [name=source-{source.pk}-stance]", "context")
    page.click(f"{row} .ct-source-edit-form button")
    page.wait_for_selector("text=Source edited")
    assert "Defence ministry: exercise schedule" in page.inner_text("#ct-sources")
    assert "Context" in page.inner_text("#ct-sources")

    page.click(f"{row} summary")
    page.click(f"{row} .ct-source-remove-form button")
    page.wait_for_selector("text=removed (kept in the history)")
    assert "No sources yet." in page.inner_text("#ct-sources")
    assert "source removed" in page.inner_text("#ct-history")
    shoot(page, "claim-history")
    claim.refresh_from_db()
    assert claim.kind == "event" and claim.edits.count() == 3


def test_a_fact_checker_is_refused_a_publish_and_an_editor_publishes(browser, live_server, seed):
    maria = FactCheckerFactory(username="maria")
    EditorFactory(username="edith")
    claim = in_review(seed, maria, sources=0)
    url = f"{live_server.url}/admin/claims/claim/{claim.pk}/change/"

    page = log_in(browser, live_server, "maria")
    page.goto(url)
    assert page.locator("#ct-moves button", has_text="Publish").count() == 0
    # Posting the move anyway (a crafted form) is refused by the service.
    page.evaluate(
        """() => {
        const button = document.createElement('button');
        button.name = 'to'; button.value = 'published'; button.id = 'forged';
        document.querySelector('#ct-moves form').appendChild(button);
    }"""
    )
    page.click("#forged")
    page.wait_for_selector("ul.messagelist .error")
    assert "may not publish" in page.inner_text("ul.messagelist")

    page = log_in(browser, live_server, "edith")
    page.goto(url)
    page.click("#ct-moves button:has-text('Publish')")
    page.wait_for_selector("ul.messagelist .error")
    assert "cannot be published yet: it needs at least 1 source(s), and has 0" in page.inner_text(
        "ul.messagelist"
    )
    shoot(page, "publish-refused")
    claim.refresh_from_db()
    assert claim.status == Status.IN_REVIEW

    page.click("#ct-sources > details > summary")
    page.fill("#ct-source-form [name=url]", "https://www.mil.am/en/news/drills-2023")
    page.click("#ct-source-form button")
    page.wait_for_selector("text=Source added (Context)")
    page.click("#ct-moves button:has-text('Publish')")
    page.wait_for_selector("text=moved to published")
    claim.refresh_from_db()
    assert claim.status == Status.PUBLISHED
    assert claim.verdicts.get().published_by.username == "edith"


def test_a_desk_member_is_given_a_role_on_the_user_form(browser, live_server, desk_defaults):
    from tests.factories import UserFactory

    UserFactory(username="root", is_superuser=True)
    page = log_in(browser, live_server, "root")
    page.goto(f"{live_server.url}/admin/auth/user/add/")
    page.fill("#id_username", "newbie")
    page.select_option("#id_desk_role", "fact-checker")
    page.fill("#id_password1", "a long enough pass phrase 42")
    page.fill("#id_password2", "a long enough pass phrase 42")
    shoot(page, "desk-member")
    page.click("input[name=_save]")
    page.wait_for_selector("ul.messagelist")

    # Staff status came with the role: the newcomer signs in to the desk.
    page = log_in(browser, live_server, "newbie", "a long enough pass phrase 42")
    page.goto(f"{live_server.url}/admin/claims/claim/")
    page.wait_for_selector("#result_list, .paginator")
