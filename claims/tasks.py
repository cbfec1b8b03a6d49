"""Celery tasks: thin wrappers over the services, idempotent, acknowledged late (settings).

A task that fails on the database's side (connection lost, deadlock) is retried a few times;
any other failure marks its job failed with the error, for the desk to see and retry.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError

from claims.ingest.jobs import ingest_job_chunk_run, ingest_job_fail
from claims.ingest.rescore import articles_rescore

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=3)
def ingest_job_chunk(self, job_id: int, first: int, last: int) -> int:
    """Ingest the pending items first..last of an ingest job."""
    try:
        return ingest_job_chunk_run(job_id=job_id, first=first, last=last)
    except OperationalError as error:
        if self.request.retries < self.max_retries and not self.request.is_eager:
            raise self.retry(exc=error, countdown=2 ** (self.request.retries + 1)) from error
        logger.exception("ingest job %s, items %s-%s failed", job_id, first, last)
        ingest_job_fail(job_id=job_id, error=f"{type(error).__name__}: {error}")
    except Exception as error:
        logger.exception("ingest job %s, items %s-%s failed", job_id, first, last)
        ingest_job_fail(job_id=job_id, error=f"{type(error).__name__}: {error}")
    return 0


@shared_task(bind=True, max_retries=3)
def rescore_articles(self, article_ids: list[int]) -> int:
    """Two-stage scoring: the default model's scores for these articles' new claims."""
    try:
        return articles_rescore(article_ids=article_ids)
    except OperationalError as error:
        if self.request.is_eager:
            raise
        raise self.retry(exc=error, countdown=2 ** (self.request.retries + 1)) from error


@shared_task(bind=True, max_retries=3)
def match_articles(self, article_ids: list[int]) -> int:
    """Match the claims of articles just written against stored claims and fact-checks."""
    from claims.matching.services import articles_match  # matching loads its encoder

    try:
        return articles_match(article_ids=article_ids).suggested
    except OperationalError as error:
        if self.request.is_eager:
            raise
        raise self.retry(exc=error, countdown=2 ** (self.request.retries + 1)) from error


@shared_task
def poll_due_feeds() -> int:
    """Beat's periodic task: one poll task per due feed (a slow or broken feed holds up only
    its own task)."""
    from claims.ingest.feeds import feeds_due_claim
    from config.celery import enqueue

    ids = feeds_due_claim()
    for feed_id in ids:
        enqueue(poll_feed, feed_id)
    return len(ids)


@shared_task
def poll_feed(feed_id: int) -> int:
    """Poll one feed; its new entries are queued as an ingest job."""
    from claims.ingest.feeds import feed_poll_and_ingest

    result = feed_poll_and_ingest(feed_id=feed_id)
    return len(result.new_urls) if result else 0
