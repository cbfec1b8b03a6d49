"""Ingest jobs run eagerly (no broker configured): `manage.py ingest --queue`,
`manage.py retry_ingest_job`, the admin's job screen and its retry action, the service's
idempotence when a chunk runs twice, and stale jobs (a worker died, its tasks were lost)
detected and retried."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Article
from claims.ingest import IngestError
from claims.ingest.jobs import (
    JobInput,
    ingest_job_chunk_run,
    ingest_job_create,
    ingest_job_retry,
    job_is_stale,
    stale_jobs,
    text_payload,
    url_payload,
)
from claims.models import Appearance, Claim, IngestJob, ItemStatus, JobStatus
from tests.factories import stuck_ingest_job

pytestmark = pytest.mark.django_db

TEXTS = [
    "The minister said unemployment fell to 5.5% last year.",
    "Inflation reached 12% in March, the central bank said on Tuesday.",
]
MORE = [
    *TEXTS,
    '"We built 300 new schools since 2020," Ani Petrosyan said.',
    "Exports grew by 8% in 2023, according to the statistics office.",
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


def test_a_job_queued_or_running_with_no_progress_for_longer_than_the_setting_is_stale(settings):
    settings.CLAIMTRACK_JOB_STALE_AFTER = 600
    stuck = stuck_ingest_job(MORE[:2], written=1, idle_seconds=601)
    moving = stuck_ingest_job(MORE[2:], written=1, idle_seconds=599)
    finished = ingest_job_create(inputs=[JobInput("t", text_payload(MORE[0]))], source="api")
    IngestJob.objects.filter(pk=finished.pk).update(
        progress_at=timezone.now() - dt.timedelta(days=1)
    )
    finished.refresh_from_db()
    assert list(stale_jobs()) == [stuck]
    assert job_is_stale(stuck)
    assert not job_is_stale(moving)
    assert not job_is_stale(finished)  # done: nothing left to run
    IngestJob.objects.filter(pk=moving.pk).update(status=JobStatus.QUEUED)
    assert set(stale_jobs(now=timezone.now() + dt.timedelta(seconds=2))) == {stuck, moving}


def test_each_chunk_a_worker_runs_moves_its_job_forward():
    job = stuck_ingest_job(MORE, written=0, idle_seconds=3600)
    before = job.progress_at
    assert ingest_job_chunk_run(job_id=job.pk, first=0, last=1) == 2
    job.refresh_from_db()
    assert job.progress_at > before + dt.timedelta(seconds=3500)
    assert job.status == JobStatus.RUNNING
    assert not job_is_stale(job)


def test_a_stale_job_is_retried_and_only_its_unfinished_items_run_again():
    job = stuck_ingest_job(MORE, written=2)
    written = dict(job.items.filter(position__lt=2).values_list("position", "article_id"))
    counts = (Article.objects.count(), Appearance.objects.count())
    assert counts[0] == 2

    job = ingest_job_retry(job=job)  # eagerly run here: no broker configured
    assert job.status == JobStatus.DONE
    assert job.attempts == 2
    assert not job_is_stale(job)
    assert dict(job.items.filter(position__lt=2).values_list("position", "article_id")) == written
    assert list(job.items.values_list("status", flat=True)) == [ItemStatus.CREATED] * 4
    assert Article.objects.count() == 4
    spans = list(Appearance.objects.values_list("claim_id", "article_id", "start", "end"))
    assert len(spans) == len(set(spans))


def test_a_stale_job_whose_articles_were_all_written_is_settled_by_a_retry():
    # The worker died after committing the last chunk but before marking the job done.
    job = stuck_ingest_job(TEXTS, written=2)
    articles = Article.objects.count()
    job = ingest_job_retry(job=job)
    assert job.status == JobStatus.DONE
    assert job.finished_at is not None
    assert Article.objects.count() == articles


def test_a_job_that_still_moves_is_not_retried(settings):
    settings.CLAIMTRACK_JOB_STALE_AFTER = 1800
    job = stuck_ingest_job(MORE, written=1, idle_seconds=30)
    with pytest.raises(IngestError) as refused:
        ingest_job_retry(job=job)
    assert re.fullmatch(
        rf"job {job.pk} is running and last moved 3\d s ago; a job is retried once finished, "
        r"or once stale \(no progress for 1800 s, CLAIMTRACK_JOB_STALE_AFTER\)",
        str(refused.value),
    )
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.RUNNING, 1)
    assert job.items.filter(status=ItemStatus.PENDING).count() == 3


def test_retry_ingest_job_stale_retries_every_stale_job_and_says_when_there_is_none(capsys):
    stuck = stuck_ingest_job(MORE[:2], written=1)
    moving = stuck_ingest_job(MORE[2:], written=1, idle_seconds=5)
    call_command("retry_ingest_job", "--stale")
    assert f"ingest job {stuck.pk}: done, attempt 2, 0 pending, 0 failed" in capsys.readouterr().out
    moving.refresh_from_db()
    assert (moving.status, moving.attempts) == (JobStatus.RUNNING, 1)
    call_command("retry_ingest_job", "--stale")
    assert capsys.readouterr().out == "no stale ingest jobs\n"


def test_retry_ingest_job_needs_a_job_or_stale():
    with pytest.raises(CommandError, match=r"name the jobs to retry \(JOB_ID \.\.\.\), or give"):
        call_command("retry_ingest_job")


def test_the_admin_shows_a_stale_job_filters_it_and_retries_it(client, fact_checker):
    stuck = stuck_ingest_job(MORE[:2], written=1)
    moving = stuck_ingest_job(MORE[2:], written=1, idle_seconds=5)
    client.force_login(fact_checker)
    listing = client.get("/admin/claims/ingestjob/?stale=yes").content.decode()
    assert "running, stale: no progress since" in listing
    assert f'href="/admin/claims/ingestjob/{stuck.pk}/change/' in listing
    assert f'href="/admin/claims/ingestjob/{moving.pk}/change/' not in listing
    others = client.get("/admin/claims/ingestjob/?stale=no").content.decode()
    assert f'href="/admin/claims/ingestjob/{moving.pk}/change/' in others
    assert "stale: no progress" not in others

    response = client.post(
        "/admin/claims/ingestjob/",
        {"action": "retry", "_selected_action": [stuck.pk, moving.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "1 jobs queued again." in page
    assert f"1 refused: job {moving.pk} is running and last moved" in page
    stuck.refresh_from_db()
    assert (stuck.status, stuck.attempts) == (JobStatus.DONE, 2)
    assert Article.objects.count() == 3
