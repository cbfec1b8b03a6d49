"""POST /api/v1/ingest/: an article in as text, HTML or a URL; its claims out."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.test import override_settings

from articles.models import Article
from claims.models import Appearance, Claim

pytestmark = pytest.mark.django_db
SEED = (Path(__file__).parent.parent / "claims" / "fixtures" / "seed_article.txt").read_text()
SHORT = (
    "The minister said unemployment fell to 5.5% last year. "
    '"We built 300 new schools since 2020," Ani Petrosyan said.'
)
HTML = f"""<!doctype html><html><head><title>Jobs figures</title>
<meta property="og:site_name" content="Daily Example">
<meta name="author" content="Lena Adams">
<meta property="article:published_time" content="2024-03-01T08:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Jobs figures</h1>
<p>{SHORT}</p><p>Inflation reached 12% in March, the central bank said on Tuesday.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"""


def ingest(client, **body):
    return client.post("/api/v1/ingest/", body)


def test_new_text_is_created_with_its_claims_and_their_spans(checker_api):
    response = ingest(
        checker_api,
        text=SEED,
        title="Armenia cancels drills",
        url="https://news.example/armenia",
        publisher="Sample News",
        published="2023-01-10T12:00:00Z",
        authors=["A. Reporter"],
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "created"
    article = body["article"]
    assert (article["title"], article["url"], article["authors"]) == (
        "Armenia cancels drills",
        "https://news.example/armenia",
        ["A. Reporter"],
    )
    assert article["publisher"]["name"] == "Sample News"
    assert article["published_at"] == "2023-01-10T12:00:00Z"
    assert body["claims_created"] == Claim.objects.count() == len(article["claims"]) > 5
    for claim in article["claims"]:
        assert article["text"][claim["start"] : claim["end"]] == claim["sentence"]
    assert any("CSTO" in c["statement"] for c in article["claims"])


def test_the_same_text_again_is_200_unchanged_and_writes_nothing(checker_api):
    assert ingest(checker_api, text=SEED).status_code == 201
    counts = (Article.objects.count(), Claim.objects.count(), Appearance.objects.count())
    response = ingest(checker_api, text=SEED)
    assert response.status_code == 200
    assert response.json()["status"] == "unchanged"
    assert response.json()["claims_created"] == 0
    assert (Article.objects.count(), Claim.objects.count(), Appearance.objects.count()) == counts


def test_new_text_at_a_known_url_is_200_updated(checker_api):
    url = "https://news.example/jobs"
    ingest(checker_api, text=SHORT, url=url)
    response = ingest(checker_api, text=SHORT + " Exports doubled to $4 billion in 2023.", url=url)
    assert response.status_code == 200
    assert response.json()["status"] == "updated"
    assert Article.objects.count() == 1


def test_html_is_reduced_to_the_article_and_its_metadata(checker_api):
    response = ingest(checker_api, html=HTML, url="https://daily.example/jobs")
    assert response.status_code == 201, response.content
    article = response.json()["article"]
    assert "newsletter" not in article["text"]
    assert "Inflation reached 12% in March" in article["text"]
    assert article["title"] == "Jobs figures"
    assert article["url"] == "https://daily.example/jobs"
    assert article["claims"]


def test_metadata_sent_with_html_wins_over_what_the_page_says(checker_api):
    response = ingest(checker_api, html=HTML, title="Our title", publisher="Wire")
    article = response.json()["article"]
    assert (article["title"], article["publisher"]["name"]) == ("Our title", "Wire")


def test_a_url_alone_is_fetched_and_ingested(checker_api, web):
    response = ingest(checker_api, url=f"{web}/story")
    assert response.status_code == 201, response.content
    article = response.json()["article"]
    assert article["title"].startswith("Jobs report")
    assert article["url"] == f"{web}/story"
    assert article["published_at"] == "2024-04-02T00:00:00Z"
    assert Article.objects.get().raw_text.startswith("<!doctype html>")


def test_a_url_that_cannot_be_fetched_is_a_422_with_the_reason(checker_api, web):
    response = ingest(checker_api, url=f"{web}/missing")
    assert response.status_code == 422
    assert response.json()["error"] == {
        "status": 422,
        "code": "ingest_failed",
        "message": f"{web}/missing: the server answered HTTP 404 Not Found",
        "fields": {},
    }
    assert not Article.objects.exists()


def test_a_url_on_a_private_address_is_refused(checker_api, settings):
    settings.CLAIMTRACK_ALLOW_PRIVATE_URLS = False
    response = ingest(checker_api, url="http://127.0.0.1:8000/admin/")
    assert response.status_code == 422
    assert "resolves to a private address (127.0.0.1)" in response.json()["error"]["message"]
    assert not Article.objects.exists()


def test_html_without_an_article_is_a_422(checker_api):
    response = ingest(checker_api, html="<html><head><title>x</title></head><body></body></html>")
    assert response.status_code == 422
    assert "no article text could be extracted" in response.json()["error"]["message"]
    assert not Article.objects.exists()


def test_boilerplate_only_text_is_a_422_from_the_ingest_service(checker_api):
    response = ingest(checker_api, text="Advertisement\nLoading…")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "ingest_failed"
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({}, "non_field_errors", "Send the article as text or html, or a url to fetch it from."),
        ({"text": SHORT, "html": HTML}, "non_field_errors", "as text or as html, not both."),
        ({"text": "   "}, "text", "The article is empty."),
        ({"text": SHORT, "published": "last tuesday"}, "published", "Datetime has wrong format"),
        (
            {"text": SHORT, "authors": "Lena"},
            "authors",
            'Expected a list of items but got type "str"',
        ),
        ({"text": 42}, "text", "Not a valid string."),
        ({"text": SHORT, "url": "news.example/x"}, "url", "Enter a valid http:// or https:// URL."),
        ({"text": SHORT, "dry_run": True}, "dry_run", "Unknown field (expected: text, html, url"),
    ],
)
def test_bad_ingest_input_is_a_400_per_field_and_nothing_is_stored(
    checker_api, body, field, message
):
    response = checker_api.post("/api/v1/ingest/", body)
    assert response.status_code == 400, response.content
    fields = response.json()["error"]["fields"]
    assert list(fields) == [field]
    assert message in fields[field][0]
    assert not Article.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_an_article_over_the_body_limit_is_a_413(checker_api):
    response = ingest(checker_api, text=SEED)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert not Article.objects.exists()


def test_only_fact_checkers_and_editors_may_ingest(anon, outsider_api, editor_api):
    assert anon.post("/api/v1/ingest/", {"text": SHORT}).status_code == 401
    response = outsider_api.post("/api/v1/ingest/", {"text": SHORT})
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Only fact-checkers and editors may do this."
    assert not Article.objects.exists()
    assert editor_api.post("/api/v1/ingest/", {"text": SHORT}).status_code == 201


def test_a_breadcrumb_line_built_to_backtrack_is_ingested_promptly(checker_api):
    # 179 bytes: before the fix this pinned a gunicorn worker until it was killed (500).
    text = ("Home > World > Europe > " * 7)[:178] + "?"
    start = time.perf_counter()
    response = ingest(checker_api, text=text + "\n" + SHORT)
    assert time.perf_counter() - start < 5
    assert response.status_code == 201, response.content
