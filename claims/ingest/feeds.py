"""Feeds into ingest: a polled feed's new entries become an ingest job (source "feed"), whose
worker fetches each page through the guarded fetcher and writes it through the one write path."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from articles.feeds import PollResult, feed_poll, feeds_due
from articles.models import Feed
from claims.ingest.jobs import JobInput, ingest_job_create, url_payload


def feed_poll_and_ingest(*, feed_id: int) -> PollResult | None:
    """Poll one feed and queue its new entries for ingest; None if the feed is gone or off."""
    feed = Feed.objects.select_related("publisher").filter(pk=feed_id, active=True).first()
    if feed is None:
        return None
    result = feed_poll(feed=feed)
    if result.new_urls:
        publisher = feed.publisher.name if feed.publisher else None
        ingest_job_create(
            inputs=[
                JobInput(url, url_payload(url, publisher=publisher)) for url in result.new_urls
            ],
            source="feed",
        )
    return result


def feeds_due_claim(*, now: dt.datetime | None = None) -> list[int]:
    """The due feeds' ids, each pushed a poll interval ahead first, so that the next beat does
    not queue a poll that is still running (the poll then sets the real next time)."""
    now = now or timezone.now()
    ids = []
    for feed in feeds_due(now=now).only("pk", "poll_interval"):
        Feed.objects.filter(pk=feed.pk).update(
            next_poll_at=now + dt.timedelta(seconds=feed.poll_interval)
        )
        ids.append(feed.pk)
    return ids
