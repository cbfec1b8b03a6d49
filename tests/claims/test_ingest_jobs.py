"""Ingest jobs run eagerly (no broker configured): `manage.py ingest --queue`,
`manage.py retry_ingest_job`, the admin's job screen and its retry action, and the service's
idempotence when a chunk runs twice."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from claims.ingest.jobs import (
    JobInput,
    ingest_job_chunk_run,
    ingest_job_create,
    text_payload,
    url_payload,
)
from claims.models import Appearance, Claim, IngestJob, ItemStatus, JobStatus

pytestmark = pytest.mark.django_db

TEXTS = [
    "The minister said unemployment fell to 5.5% last year.",
    "Inflation reached 12% in March, the central bank said on Tuesday.",
]


def test_ingest_queue_makes_a_job_from_files_and_urls(tmp_path, web, capsys):
    for index, text in enumerate(TEXTS):
        (tmp_path / f"story{index}.txt").write_text(text)
    (tmp_path / "empty.txt").write_text("")
    call_command("ingest", str(tmp_path), "--queue", "--url", f"{web}/story")
    job = IngestJob.objects.get()
    assert job.source == "command"
    assert job.total == 4
    outcome = {item.input.rsplit("/", 1)[-1]: item for item in job.items.all()}
    assert outcome["story0.txt"].status == ItemStatus.CREATED
    assert outcome["story"].status == ItemStatus.CREATED
    assert outcome["empty.txt"].status == ItemStatus.FAILED
    assert outcome["empty.txt"].error
    assert job.status == JobStatus.FAILED
    assert (
        f"ingest job {job.pk}: failed, 4 articles (4 finished, 1 failed)" in capsys.readouterr().out
    )
    assert Article.objects.count() == 3


def test_ingest_queue_refuses_a_dry_run():
    with pytest.raises(CommandError, match="--queue cannot be combined with --dry-run"):
        call_command("ingest", "-", "--queue", "--dry-run")


def test_a_chunk_run_again_writes_nothing_twice():
    job = ingest_job_create(
        inputs=[JobInput(f"t{i}", text_payload(text)) for i, text in enumerate(TEXTS)],
        source="api",
    )
    counts = (Article.objects.count(), Claim.objects.count(), Appearance.objects.count())
    # A redelivered task: its items are done, so it does nothing.
    assert ingest_job_chunk_run(job_id=job.pk, first=0, last=1) == 0
    # Even an item forced back to pending finds its article by content hash.
    job.items.filter(position=0).update(status=ItemStatus.PENDING)
    assert ingest_job_chunk_run(job_id=job.pk, first=0, last=0) == 1
    assert job.items.get(position=0).status == ItemStatus.UNCHANGED
    assert (Article.objects.count(), Claim.objects.count(), Appearance.objects.count()) == counts


def test_retry_ingest_job_runs_the_failed_items_again(web, capsys):
    job = ingest_job_create(inputs=[JobInput("u", url_payload(f"{web}/missing"))], source="api")
    assert job.status == JobStatus.FAILED
    call_command("retry_ingest_job", str(job.pk))
    job.refresh_from_db()
    assert job.attempts == 2
    assert job.items.get().error == "the server answered HTTP 404 Not Found"
    assert f"ingest job {job.pk}: failed, attempt 2, 0 pending, 1 failed" in capsys.readouterr().out


def test_retry_ingest_job_names_a_job_that_does_not_exist():
    with pytest.raises(CommandError, match="1 of 1 jobs not retried"):
        call_command("retry_ingest_job", "999999")


def test_the_admin_shows_a_jobs_progress_and_errors_and_retries_it(client, fact_checker, web):
    job = ingest_job_create(
        inputs=[
            JobInput("ok", text_payload(TEXTS[0])),
            JobInput("u", url_payload(f"{web}/missing")),
        ],
        source="api",
    )
    client.force_login(fact_checker)
    listing = client.get("/admin/claims/ingestjob/")
    assert listing.status_code == 200
    assert "2 / 2" in listing.content.decode()
    page = client.get(f"/admin/claims/ingestjob/{job.pk}/change/").content.decode()
    assert "1 of 2 articles failed" in page
    assert "the server answered HTTP 404 Not Found" in page
    response = client.post(
        "/admin/claims/ingestjob/",
        {"action": "retry", "_selected_action": [job.pk]},
        follow=True,
    )
    assert "1 jobs queued again." in response.content.decode()
    job.refresh_from_db()
    assert job.attempts == 2


def test_people_without_a_desk_role_do_not_see_jobs(client, outsider):
    client.force_login(outsider)
    assert client.get("/admin/claims/ingestjob/").status_code == 403
