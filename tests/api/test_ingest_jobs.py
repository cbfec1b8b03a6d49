"""POST /api/v1/ingest/ with many articles or URLs: a job (202), run eagerly here (no broker
configured); tests/workers runs the same jobs on a real broker and worker."""

from __future__ import annotations

import pytest

from articles.models import Article
from claims.models import Appearance, IngestJob
from tests.factories import stuck_ingest_job

pytestmark = pytest.mark.django_db

TEXTS = [
    "The minister said unemployment fell to 5.5% last year.",
    "Inflation reached 12% in March, the central bank said on Tuesday.",
    '"We built 300 new schools since 2020," Ani Petrosyan said.',
]


def test_many_articles_are_queued_as_a_job_that_reports_each_one(checker_api):
    response = checker_api.post(
        "/api/v1/ingest/",
        {"articles": [{"text": text, "publisher": "Daily Example"} for text in TEXTS]},
    )
    assert response.status_code == 202, response.content
    body = response.json()
    assert response["Location"] == body["url"]
    assert body["status"] == "done"
    assert body["total"] == 3
    assert body["progress"] == 1.0
    assert body["counts"]["created"] == 3 and body["counts"]["pending"] == 0

    detail = checker_api.get(body["url"]).json()
    assert [item["status"] for item in detail["items"]] == ["created"] * 3
    assert {item["article"] for item in detail["items"]} == set(
        Article.objects.values_list("pk", flat=True)
    )
    assert Appearance.objects.count() >= 3


def test_a_url_list_is_fetched_by_the_job_and_a_failing_url_shows_its_reason(checker_api, web):
    response = checker_api.post("/api/v1/ingest/", {"urls": [f"{web}/story", f"{web}/missing"]})
    assert response.status_code == 202, response.content
    job = checker_api.get(response.json()["url"]).json()
    assert job["status"] == "failed"
    assert job["error"] == "1 of 2 articles failed (see each article's error)"
    story, missing = job["items"]
    assert story["status"] == "created"
    assert Article.objects.get(pk=story["article"]).url == f"{web}/story"
    assert missing["status"] == "failed"
    assert missing["error"] == "the server answered HTTP 404 Not Found"


def test_the_same_articles_queued_twice_are_unchanged_the_second_time(checker_api):
    body = {"articles": [{"text": text} for text in TEXTS]}
    checker_api.post("/api/v1/ingest/", body)
    again = checker_api.post("/api/v1/ingest/", body).json()
    assert again["counts"]["unchanged"] == 3
    assert Article.objects.count() == 3


def test_a_failed_job_is_retried_and_only_its_failed_items_run_again(checker_api, web, settings):
    queued = checker_api.post(
        "/api/v1/ingest/", {"urls": [f"{web}/story", f"{web}/missing"]}
    ).json()
    retried = checker_api.post(f"{queued['url']}retry/")
    assert retried.status_code == 202, retried.content
    job = IngestJob.objects.get(pk=queued["id"])
    assert job.attempts == 2
    assert job.status == "failed"  # /missing is still missing
    assert [item.status for item in job.items.all()] == ["created", "failed"]
    assert Article.objects.count() == 1


def test_a_job_that_is_done_has_nothing_to_retry(checker_api):
    queued = checker_api.post("/api/v1/ingest/", {"articles": [{"text": TEXTS[0]}]}).json()
    response = checker_api.post(f"{queued['url']}retry/")
    assert response.status_code == 422
    assert response.json()["error"]["message"] == f"job {queued['id']} has no failed items to retry"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"articles": []}, "non_field_errors", "Send a non-empty list of articles or of urls."),
        ({"urls": ["ftp://example.org/x"]}, "urls", None),
        ({"articles": [{"text": "fine"}, {"title": "no text"}]}, "articles", None),
    ],
)
def test_a_bad_job_is_a_400_naming_the_input_and_stores_nothing(checker_api, body, field, message):
    response = checker_api.post("/api/v1/ingest/", body)
    assert response.status_code == 400, response.content
    fields = response.json()["error"]["fields"]
    assert field in fields
    if message:
        assert fields[field] == [message]
    assert not IngestJob.objects.exists()


def test_only_desk_members_may_queue_or_read_jobs(anon, outsider_api, checker_api):
    body = {"articles": [{"text": TEXTS[0]}]}
    assert outsider_api.post("/api/v1/ingest/", body).status_code == 403
    url = checker_api.post("/api/v1/ingest/", body).json()["url"]
    assert outsider_api.get(url).status_code == 403
    assert anon.get(url).status_code in (401, 403)


def test_the_job_list_shows_progress_newest_first(checker_api):
    first = checker_api.post("/api/v1/ingest/", {"articles": [{"text": TEXTS[0]}]}).json()
    second = checker_api.post("/api/v1/ingest/", {"articles": [{"text": TEXTS[1]}]}).json()
    results = checker_api.get("/api/v1/ingest/jobs/").json()["results"]
    assert [job["id"] for job in results] == [second["id"], first["id"]]
    assert results[0]["counts"]["created"] == 1


def test_a_stale_job_shows_as_stale_and_a_retry_finishes_its_unfinished_articles(checker_api):
    job = stuck_ingest_job(TEXTS, written=1)
    url = f"/api/v1/ingest/jobs/{job.pk}/"
    shown = checker_api.get(url).json()
    assert (shown["status"], shown["stale"]) == ("running", True)
    assert shown["counts"]["pending"] == 2
    listed = checker_api.get("/api/v1/ingest/jobs/").json()["results"]
    assert [(j["id"], j["stale"]) for j in listed] == [(job.pk, True)]

    retried = checker_api.post(f"{url}retry/")
    assert retried.status_code == 202, retried.content
    body = retried.json()
    assert (body["status"], body["stale"], body["attempts"]) == ("done", False, 2)
    assert body["counts"]["created"] == 3
    assert Article.objects.count() == 3


def test_a_job_still_running_is_not_retried(checker_api):
    job = stuck_ingest_job(TEXTS, written=1, idle_seconds=5)
    assert checker_api.get(f"/api/v1/ingest/jobs/{job.pk}/").json()["stale"] is False
    response = checker_api.post(f"/api/v1/ingest/jobs/{job.pk}/retry/")
    assert response.status_code == 422
    assert response.json()["error"]["message"].startswith(
        f"job {job.pk} is running and last moved "
    )
    assert Article.objects.count() == 1
