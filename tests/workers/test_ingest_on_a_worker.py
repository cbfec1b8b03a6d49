"""Ingest jobs on a real broker and a real `celery worker` process: a queued job completes,
and a worker SIGKILLed mid-job leaves no half-written article; the job completes after a
restart with no duplicate rows; a job whose tasks were lost as well goes stale, and a retry
finishes it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from articles.models import Article
from claims.extraction.checkworthiness import load_default, load_shipped
from claims.ingest import IngestError
from claims.ingest.jobs import (
    JobInput,
    ingest_job_create,
    ingest_job_retry,
    job_is_stale,
    text_payload,
)
from claims.models import Appearance, Claim, IngestJob, ItemStatus, JobStatus
from tests.workers.conftest import wait_for

pytestmark = [
    pytest.mark.broker,
    pytest.mark.postgresql("a worker process shares the test database"),
]

SEED = (Path(__file__).parents[1] / "claims" / "fixtures" / "seed_article.txt").read_text()


def texts(n: int) -> list[str]:
    return [
        f"{SEED}\n\nThe ministry said {index + 3} new schools opened in region {index}."
        for index in range(n)
    ]


def queue(stories: list[str]) -> IngestJob:
    return ingest_job_create(
        inputs=[JobInput(f"story {i}", text_payload(t)) for i, t in enumerate(stories)],
        source="api",
    )


def finished(job: IngestJob) -> bool:
    job.refresh_from_db()
    return job.status in (JobStatus.DONE, JobStatus.FAILED)


def test_a_queued_job_waits_for_a_worker_and_the_worker_completes_it(worker, settings):
    settings.CLAIMTRACK_JOB_CHUNK_SIZE = 2
    job = queue(texts(4))
    assert job.status == JobStatus.QUEUED  # nothing ran in this process
    assert not Article.objects.exists()

    running = worker()
    wait_for(lambda: finished(job), seconds=180, what="the job to finish", worker=running)
    assert job.status == JobStatus.DONE, running.output()
    assert list(job.items.values_list("status", flat=True)) == [ItemStatus.CREATED] * 4
    assert Article.objects.count() == 4
    assert all(article.appearances.exists() for article in Article.objects.all())
    # Two-stage scoring (on by default with a broker): the worker wrote the claims with the
    # fast model's score and then rescored them with the default model.
    fast = str(load_shipped("linear").version)
    wait_for(
        lambda: not Claim.objects.filter(model_version__startswith=fast).exists(),
        seconds=120,
        what="the claims to be rescored",
        worker=running,
    )
    versions = set(Claim.objects.values_list("model_version", flat=True))
    assert versions and all(v.startswith(str(load_default().version)) for v in versions)


def test_a_worker_killed_mid_job_leaves_no_half_written_article_and_a_restart_finishes_it(
    worker, settings
):
    settings.CLAIMTRACK_JOB_CHUNK_SIZE = 2
    stories = texts(16)
    job = queue(stories)
    first = worker()
    wait_for(
        lambda: job.items.exclude(status=ItemStatus.PENDING).exists(),
        seconds=180,
        what="the first articles to be written",
        worker=first,
    )
    first.kill()
    assert job.items.filter(status=ItemStatus.PENDING).exists(), "the job finished too soon"
    # Each article is written with its item's outcome, or not at all.
    for item in job.items.all():
        stored = Article.objects.filter(raw_text=item.payload["text"])
        if item.status == ItemStatus.PENDING:
            assert not stored.exists(), f"{item.input} is written but its item is pending"
        else:
            assert [a.pk for a in stored] == [item.article_id]
            assert stored.get().appearances.exists()
    # Nor a claim without the appearance that was written with it.
    assert not Claim.objects.filter(appearances__isnull=True).exists()

    second = worker()
    wait_for(lambda: finished(job), seconds=240, what="the job to finish", worker=second)
    assert job.status == JobStatus.DONE, second.output()
    assert list(job.items.values_list("status", flat=True)) == [ItemStatus.CREATED] * 16
    assert Article.objects.count() == 16
    assert len(set(job.items.values_list("article_id", flat=True))) == 16
    # No duplicate rows: every (claim, article, span) once, every statement one claim.
    spans = list(Appearance.objects.values_list("claim_id", "article_id", "start", "end"))
    assert len(spans) == len(set(spans))
    keys = list(Claim.objects.values_list("statement_key", flat=True))
    assert len(keys) == len(set(keys))


def test_a_job_whose_worker_died_and_whose_tasks_were_lost_is_stale_and_a_retry_finishes_it(
    worker, broker, settings
):
    from config.celery import app

    settings.CLAIMTRACK_JOB_CHUNK_SIZE = 2
    job = queue(texts(12))
    first = worker()
    wait_for(
        lambda: job.items.exclude(status=ItemStatus.PENDING).exists(),
        seconds=180,
        what="the first articles to be written",
        worker=first,
    )
    first.kill()
    # The broker forgets the job's tasks (a purge, a queue lost with its node): nothing will
    # run them again, and a new worker finds nothing to do.
    lost = wait_until_purged(app)
    assert lost >= 1
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING
    written = dict(
        job.items.exclude(status=ItemStatus.PENDING).values_list("position", "article_id")
    )
    assert 0 < len(written) < 12
    with pytest.raises(IngestError, match=f"job {job.pk} is running and last moved"):
        ingest_job_retry(job=job)

    settings.CLAIMTRACK_JOB_STALE_AFTER = 1
    wait_for(
        lambda: job.refresh_from_db() or job_is_stale(job), seconds=5, what="the job to go stale"
    )
    second = worker()
    job = ingest_job_retry(job=job)
    assert (job.status, job.attempts) == (JobStatus.QUEUED, 2)
    wait_for(lambda: finished(job), seconds=240, what="the retried job to finish", worker=second)
    assert job.status == JobStatus.DONE, second.output()
    assert list(job.items.values_list("status", flat=True)) == [ItemStatus.CREATED] * 12
    kept = dict(job.items.filter(position__in=written).values_list("position", "article_id"))
    assert kept == written
    assert Article.objects.count() == 12
    spans = list(Appearance.objects.values_list("claim_id", "article_id", "start", "end"))
    assert len(spans) == len(set(spans))


def wait_until_purged(app) -> int:
    """Purge the queue until it stays empty: the messages the killed worker held come back to
    the queue when the broker sees its connection close. Returns how many were purged."""
    purged, empty_since = 0, None
    for _ in range(100):
        count = app.control.purge()
        purged += count
        if count:
            empty_since = None
        elif empty_since is None:
            empty_since = time.monotonic()
        elif time.monotonic() - empty_since > 2:
            return purged
        time.sleep(0.2)
    raise AssertionError("the queue did not stay empty")
