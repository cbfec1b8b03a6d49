"""Feeds polled by a real worker from a local HTTP server: new entries ingested once, a 304
writes nothing, a changed feed gives only its new entry, a broken feed backs off while the
others go on."""

from __future__ import annotations

import pytest

from articles.models import Article, Feed
from claims.models import IngestJob, JobStatus
from claims.tasks import poll_due_feeds
from tests.articles.test_feeds import site  # noqa: F401  (the fixture)
from tests.workers.conftest import wait_for

pytestmark = [
    pytest.mark.broker,
    pytest.mark.postgresql("a worker process shares the test database"),
]


def test_a_worker_polls_due_feeds_ingests_new_entries_once_and_backs_off_a_broken_one(
    worker,
    site,  # noqa: F811
):
    good = Feed.objects.create(url=f"{site.base}/feed.xml", poll_interval=600)
    broken = Feed.objects.create(url=f"{site.base}/broken.xml", poll_interval=600)
    running = worker(CLAIMTRACK_ALLOW_PRIVATE_URLS="1", CLAIMTRACK_MATCH_ON_INGEST="0")

    poll_due_feeds.delay()  # what beat sends
    wait_for(
        lambda: (
            IngestJob.objects.filter(status=JobStatus.DONE).exists()
            and Feed.objects.filter(pk=broken.pk, failures=1).exists()
        ),
        seconds=180,
        what="the feeds to be polled and the entries ingested",
        worker=running,
    )
    assert sorted(Article.objects.values_list("url", flat=True)) == [
        f"{site.base}/story/1",
        f"{site.base}/story/2",
    ]
    broken.refresh_from_db()
    assert broken.last_error.startswith("is not an RSS or Atom feed")
    assert (broken.next_poll_at - broken.last_polled_at).total_seconds() == 1200

    # Due again, unchanged: the server answers 304, and nothing is written.
    polled = Feed.objects.get(pk=good.pk).last_polled_at
    Feed.objects.filter(pk=good.pk).update(next_poll_at=None)
    site.requests.clear()
    poll_due_feeds.delay()
    wait_for(
        lambda: ("/feed.xml", '"v1"') in site.requests,
        seconds=120,
        what="the second poll",
        worker=running,
    )
    wait_for(
        lambda: Feed.objects.get(pk=good.pk).last_polled_at > polled,
        seconds=60,
        what="the poll to be recorded",
        worker=running,
    )
    assert IngestJob.objects.count() == 1
    assert Article.objects.count() == 2

    # The feed changes: only the entry it never listed before is fetched and ingested.
    site.stories, site.etag = [1, 2, 3], '"v2"'
    Feed.objects.filter(pk=good.pk).update(next_poll_at=None)
    site.requests.clear()
    poll_due_feeds.delay()
    wait_for(
        lambda: IngestJob.objects.filter(status=JobStatus.DONE).count() == 2,
        seconds=120,
        what="the new entry to be ingested",
        worker=running,
    )
    assert [path for path, _ in site.requests if path != "/broken.xml"] == [
        "/feed.xml",
        "/story/3",
    ]
    assert Article.objects.count() == 3
    assert Article.objects.filter(url=f"{site.base}/story/3").exists()
