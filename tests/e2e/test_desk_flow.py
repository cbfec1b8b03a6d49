"""A claim's day on the desk, in a real browser: from the triage queue to a corrected verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

import claims
from claims.ingest import article_ingest
from claims.models import Claim, Status, Transition
from tests.factories import EditorFactory, FactCheckerFactory

pytestmark = [
    pytest.mark.e2e,
    # Transactional: the live server runs in another thread. A flush by an earlier
    # transactional test removes the seeded rating scale and roles: see `desk_defaults`.
    pytest.mark.django_db(transaction=True),
]

SEED = (Path(claims.__file__).parent / "samples" / "seed_article.txt").read_text(encoding="utf-8")
PASSWORD = "correct horse battery staple"
QUOTE = "These exercises will not take place"


@pytest.fixture
def seed(desk_defaults):
    return article_ingest(text=SEED, title="Armenia cancels drills with Russia", publisher="AP")


def log_in(browser, live_server, username: str):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#ct-desk")
    return page


def run_action(page, row_text: str, action: str) -> None:
    page.locator("#result_list tr", has_text=row_text).locator("input.action-select").check()
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")
    page.wait_for_selector("ul.messagelist")


def test_a_claim_goes_from_the_queue_to_a_corrected_verdict(
    browser, live_server, seed, screenshots
):
    FactCheckerFactory(username="maria")
    EditorFactory(username="edith")

    # The fact-checker finds the Pashinyan quote in the queue, selects it and takes it.
    page = log_in(browser, live_server, "maria")
    page.click("text=Triage queue")
    page.wait_for_selector("#result_list")
    page.screenshot(path=screenshots / "queue.png", full_page=True)
    page.fill("#searchbar", QUOTE)
    page.press("#searchbar", "Enter")
    page.wait_for_selector(f"#result_list >> text={QUOTE}")
    assert page.locator("#result_list tbody tr").count() == 1
    run_action(page, QUOTE, "select_claims")
    assert "1 claim(s) moved to selected" in page.inner_text("ul.messagelist")
    run_action(page, QUOTE, "assign_to_me")
    assert "1 claim(s) assigned to maria" in page.inner_text("ul.messagelist")
    assert "merge_claims" not in page.inner_html("select[name=action]")  # editors only

    # On the claim page: research, a refuting source, a draft verdict, then review.
    page.locator("#result_list a", has_text=QUOTE).click()
    page.wait_for_selector(".ct-statement")
    assert QUOTE in page.inner_text(".ct-paragraph .ct-span")
    assert page.locator("#ct-moves button", has_text="Publish").count() == 0
    page.click("#ct-moves button:has-text('Start research')")
    page.wait_for_selector("text=moved to researching")

    page.click("#ct-sources summary")
    page.fill("#ct-source-form [name=url]", "https://www.mil.am/en/news/drills-2023")
    page.fill("#ct-source-form [name=title]", "Armenian defence ministry: joint exercises schedule")
    page.fill(
        "#ct-source-form [name=excerpt]",
        "The ministry confirms CSTO command-staff exercises were held in Armenia in September.",
    )
    page.select_option("#ct-source-form [name=stance]", "refutes")
    page.select_option("#ct-source-form [name=reliability]", "high")
    page.click("#ct-source-form button")
    page.wait_for_selector("text=Source added (Refutes)")

    summary = page.locator("#ct-draft-form [name=summary]")
    summary.fill("x" * 80)
    assert "5 over the guide" in page.inner_text("#ct-draft-form .ct-guide")
    summary.fill("The drills did take place: Armenia hosted them in September.")
    assert "/ 75 characters" in page.inner_text("#ct-draft-form .ct-guide")
    page.select_option("#ct-draft-form [name=rating]", label="False")
    page.fill(
        "#ct-draft-form [name=explanation]",
        "The defence ministry's own schedule lists the exercises as held.",
    )
    page.click("#ct-draft-form button")
    page.wait_for_selector("text=Draft verdict v1 saved")
    page.click("#ct-moves button:has-text('Send to review')")
    page.wait_for_selector("text=moved to in review")
    page.screenshot(path=screenshots / "claim.png", full_page=True)
    assert page.locator("#ct-moves button", has_text="Publish").count() == 0

    claim = Claim.objects.get(statement__contains=QUOTE)
    assert claim.status == Status.IN_REVIEW
    assert claim.assignee.username == "maria"
    assert claim.sources.get().stance == "refutes"

    # The editor publishes it, then corrects it: a second version, the first kept.
    page = log_in(browser, live_server, "edith")
    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    page.click("#ct-moves button:has-text('Publish')")
    page.wait_for_selector("text=moved to published")
    page.click("#ct-verdicts summary")
    page.fill("#ct-correct-form [name=correction_note]", "The exercises were held in Armenia.")
    page.fill("#ct-correct-form [name=summary]", "The drills went ahead in Armenia in September.")
    page.click("#ct-correct-form button")
    page.wait_for_selector("text=Correction published as v2")
    versions = page.locator(".ct-version h3").all_inner_texts()
    assert [v.split()[0] for v in versions] == ["v2", "v1"]
    assert claim.verdicts.filter(published_at__isnull=False).count() == 2
    page.screenshot(path=screenshots / "claim-published.png", full_page=True)

    # The dashboard shows the moves.
    page.goto(f"{live_server.url}/admin/")
    page.click("text=Desk dashboard")
    page.wait_for_selector("#ct-recent")
    recent = page.inner_text("#ct-recent")
    assert "correction" in recent
    assert "edith" in recent and "maria" in recent
    queue = page.inner_text("#ct-queue")
    assert "Published\t\n1" in queue or "Published" in queue
    assert Transition.objects.filter(claim=claim).count() == 5
    page.screenshot(path=screenshots / "dashboard.png", full_page=True)

    page.goto(f"{live_server.url}/admin/articles/article/{seed.article.pk}/change/")
    page.wait_for_selector(".ct-article-text .st-published")
    page.screenshot(path=screenshots / "article.png", full_page=True)
