"""Feeds polled from a local HTTP server (eager tasks: no broker configured): new entries
ingested once, a 304 writes nothing, a broken feed backs off and never stops the others."""

from __future__ import annotations

import datetime as dt
import http.server
import threading

import pytest
from django.utils import timezone

from articles.feeds import entry_links, feed_poll
from articles.models import Article, Feed, FeedEntry, FeedKind
from claims.models import IngestJob
from claims.tasks import poll_due_feeds

pytestmark = pytest.mark.django_db

STORY = """<!doctype html><html><head><title>{title}</title></head><body><article>
<h1>{title}</h1><p>Unemployment fell to {n}% in March, the statistics office said.</p>
<p>Wages rose {n}.2% over the year, the central bank said on Tuesday.</p></article></body></html>"""

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Example news</title>
<link>http://example.org/</link><description>News</description>
{items}</channel></rss>"""
ITEM = "<item><title>Story {n}</title><link>{base}/story/{n}</link></item>"
SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://example.org/a</loc></url><url><loc>https://example.org/b</loc></url>
<url><loc>ftp://example.org/c</loc></url></urlset>"""


class Site:
    """What the server serves; tests change it between polls."""

    def __init__(self) -> None:
        self.stories = [1, 2]
        self.etag = '"v1"'
        self.requests: list[tuple[str, str | None]] = []


@pytest.fixture
def site(settings):
    state = Site()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            state.requests.append((self.path, self.headers.get("If-None-Match")))
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/feed.xml":
                if self.headers.get("If-None-Match") == state.etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                items = "".join(ITEM.format(n=n, base=base) for n in state.stories)
                self._send(RSS.format(items=items), "application/rss+xml", etag=state.etag)
            elif self.path == "/broken.xml":
                self._send("<html><body>Service unavailable, try later</body", "text/html")
            elif self.path.startswith("/story/"):
                n = self.path.rsplit("/", 1)[-1]
                self._send(STORY.format(title=f"Story {n}", n=n), "text/html; charset=utf-8")
            else:
                self.send_error(404, "Not Found")

        def _send(self, body: str, content_type: str, etag: str | None = None) -> None:
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            """No access log in the test output."""

    settings.CLAIMTRACK_ALLOW_PRIVATE_URLS = True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()


def test_a_due_feed_is_polled_and_its_entries_are_ingested_once(site):
    feed = Feed.objects.create(url=f"{site.base}/feed.xml", poll_interval=600)
    assert poll_due_feeds() == 1
    assert sorted(Article.objects.values_list("url", flat=True)) == [
        f"{site.base}/story/1",
        f"{site.base}/story/2",
    ]
    feed.refresh_from_db()
    assert feed.etag == '"v1"' and feed.failures == 0 and feed.entries_found == 2
    assert feed.next_poll_at - feed.last_polled_at == dt.timedelta(seconds=600)
    assert IngestJob.objects.get().source == "feed"

    # Not due yet: nothing is polled.
    assert poll_due_feeds() == 0
    # The feed changes: only the new entry is fetched and ingested.
    site.stories, site.etag = [1, 2, 3], '"v2"'
    Feed.objects.update(next_poll_at=None)
    site.requests.clear()
    assert poll_due_feeds() == 1
    assert [path for path, _ in site.requests] == ["/feed.xml", "/story/3"]
    assert Article.objects.count() == 3
    assert IngestJob.objects.count() == 2


def test_a_304_writes_nothing(site):
    feed = Feed.objects.create(url=f"{site.base}/feed.xml")
    feed_poll(feed=feed)
    entries, jobs = FeedEntry.objects.count(), IngestJob.objects.count()
    result = feed_poll(feed=feed)
    assert result.status == "not-modified" and result.new_urls == []
    assert site.requests[-1] == ("/feed.xml", '"v1"')
    assert (FeedEntry.objects.count(), IngestJob.objects.count()) == (entries, jobs)


def test_a_broken_feed_backs_off_shows_its_error_and_never_stops_the_others(site):
    broken = Feed.objects.create(url=f"{site.base}/broken.xml", poll_interval=60)
    missing = Feed.objects.create(url=f"{site.base}/gone.xml", poll_interval=60)
    good = Feed.objects.create(url=f"{site.base}/feed.xml", poll_interval=60)
    assert poll_due_feeds() == 3
    assert Article.objects.count() == 2
    broken.refresh_from_db()
    missing.refresh_from_db()
    good.refresh_from_db()
    assert broken.last_error.startswith("is not an RSS or Atom feed")
    assert missing.last_error == "the server answered HTTP 404 Not Found"
    assert good.last_error == "" and good.failures == 0
    assert broken.failures == 1
    assert broken.next_poll_at - broken.last_polled_at == dt.timedelta(seconds=120)
    # Failing again doubles the wait; a day at most.
    feed_poll(feed=broken)
    assert broken.failures == 2
    assert broken.next_poll_at - broken.last_polled_at == dt.timedelta(seconds=240)
    broken.failures = 30
    feed_poll(feed=broken)
    assert broken.next_poll_at - broken.last_polled_at == dt.timedelta(days=1)


def test_an_inactive_feed_is_never_polled(site):
    Feed.objects.create(url=f"{site.base}/feed.xml", active=False)
    assert poll_due_feeds() == 0
    assert site.requests == []


def test_a_sitemap_lists_its_http_links():
    links = entry_links(SITEMAP.encode(), kind=FeedKind.SITEMAP, base="https://example.org/")
    assert links == ["https://example.org/a", "https://example.org/b"]


def test_a_sitemap_index_is_refused_with_the_reason():
    body = b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>'
    with pytest.raises(ValueError, match="is a sitemap index"):
        entry_links(body, kind=FeedKind.SITEMAP, base="https://example.org/")


def test_a_feed_on_a_private_address_is_refused_by_the_url_guard(settings):
    settings.CLAIMTRACK_ALLOW_PRIVATE_URLS = False
    feed = Feed.objects.create(url="http://127.0.0.1:9/feed.xml")
    result = feed_poll(feed=feed)
    assert result.status == "failed"
    assert result.error.startswith("resolves to a private address (127.0.0.1)")
    assert feed.last_error == result.error
    assert feed.next_poll_at > timezone.now()


def test_the_admin_adds_a_feed_that_is_due_at_once(site, client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/articles/feed/add/",
        {"url": f"{site.base}/feed.xml", "kind": "feed", "poll_interval": 600, "active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    feed = Feed.objects.get()
    assert feed.next_poll_at is None
    assert poll_due_feeds() == 1
    assert Article.objects.count() == 2
