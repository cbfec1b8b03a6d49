"""Polling the feeds the desk monitors: RSS/Atom (feedparser) and sitemaps (lxml).

`feed_poll` fetches one feed through the guarded fetcher (`articles.fetch`: public addresses
only, one deadline, a size limit) with its ETag/Last-Modified, records the outcome on the feed,
and returns the entry links it had never listed before; claims' tasks ingest those. A feed
that fails (unreachable, not a feed) records its error and is polled later and later (backoff,
at most a day); its failure is its own and never stops the other feeds.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from dataclasses import dataclass, field

import feedparser
from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from lxml import etree

from articles.fetch import FetchError, fetch
from articles.models import Feed, FeedEntry, FeedKind
from articles.validators import url_problem

MAX_ENTRIES = 500  # links taken from one poll
MAX_BACKOFF = dt.timedelta(days=1)


class FeedError(ValueError):
    """A feed's body that cannot be read as its kind of feed; the message says why."""


@dataclass(frozen=True)
class PollResult:
    feed: Feed
    status: str  # "polled", "not-modified" or "failed"
    new_urls: list[str] = field(default_factory=list)
    error: str = ""


def feeds_due(*, now: dt.datetime | None = None) -> QuerySet[Feed]:
    """Active feeds whose next poll is due."""
    now = now or timezone.now()
    return Feed.objects.filter(
        Q(active=True) & (Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
    )


def feed_poll(*, feed: Feed) -> PollResult:
    """Poll one feed now; returns its new entry links (recorded as seen: listed once)."""
    conditional = {"If-None-Match": feed.etag, "If-Modified-Since": feed.last_modified}
    try:
        page = fetch(
            feed.url,
            max_bytes=settings.CLAIMTRACK_MAX_INPUT_BYTES,
            timeout=settings.CLAIMTRACK_URL_TIMEOUT_SECONDS,
            allow_private=settings.CLAIMTRACK_ALLOW_PRIVATE_URLS,
            conditional=conditional,
        )
    except FetchError as error:
        return _failed(feed, error.reason)
    if page.status == 304:
        _healthy(
            feed,
            etag=page.etag or feed.etag,
            last_modified=page.last_modified or feed.last_modified,
        )
        return PollResult(feed, "not-modified")
    try:
        links = entry_links(page.body, kind=feed.kind, base=page.url)
    except FeedError as error:
        return _failed(feed, str(error))
    with transaction.atomic():
        seen = set(FeedEntry.objects.filter(feed=feed, url__in=links).values_list("url", flat=True))
        new = [link for link in links if link not in seen]
        FeedEntry.objects.bulk_create(
            [FeedEntry(feed=feed, url=link) for link in new], ignore_conflicts=True
        )
        _healthy(feed, etag=page.etag, last_modified=page.last_modified, found=len(new))
    return PollResult(feed, "polled", new)


def entry_links(body: bytes, *, kind: str, base: str) -> list[str]:
    """The http(s) entry links of a feed or sitemap body, in order, each once."""
    if kind == FeedKind.SITEMAP:
        raw = _sitemap_links(body)
    else:
        parsed = feedparser.parse(body)
        if parsed.bozo and not parsed.entries:
            raise FeedError(f"is not an RSS or Atom feed ({parsed.get('bozo_exception')})")
        raw = [entry.get("link") for entry in parsed.entries]
    links: list[str] = []
    for link in raw:
        if not link:
            continue
        url = urllib.parse.urljoin(base, link.strip())
        if url_problem(url) is None and url not in links:
            links.append(url)
    return links[:MAX_ENTRIES]


def _sitemap_links(body: bytes) -> list[str]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as error:
        raise FeedError(f"is not a sitemap (XML error: {error})") from None
    name = etree.QName(root).localname
    if name == "sitemapindex":
        raise FeedError("is a sitemap index: add the sitemaps it lists as feeds")
    if name != "urlset":
        raise FeedError(f"is not a sitemap (its root element is <{name}>)")
    return [
        (loc.text or "")
        for url in root
        if isinstance(url.tag, str) and etree.QName(url).localname == "url"
        for loc in url
        if isinstance(loc.tag, str) and etree.QName(loc).localname == "loc"
    ]


def _healthy(feed: Feed, *, etag: str, last_modified: str, found: int = 0) -> None:
    now = timezone.now()
    feed.etag, feed.last_modified = etag[:500], last_modified[:100]
    feed.last_polled_at, feed.last_error, feed.failures = now, "", 0
    feed.next_poll_at = now + dt.timedelta(seconds=feed.poll_interval)
    feed.entries_found += found
    feed.save(
        update_fields=[
            "etag",
            "last_modified",
            "last_polled_at",
            "last_error",
            "failures",
            "next_poll_at",
            "entries_found",
        ]
    )


def _failed(feed: Feed, reason: str) -> PollResult:
    """Record the error and back off: the interval doubles with each failure in a row."""
    now = timezone.now()
    feed.failures += 1
    delay = dt.timedelta(seconds=feed.poll_interval * 2 ** min(feed.failures, 16))
    feed.last_polled_at, feed.last_error = now, reason
    feed.next_poll_at = now + min(delay, MAX_BACKOFF)
    feed.save(update_fields=["failures", "last_polled_at", "last_error", "next_poll_at"])
    return PollResult(feed, "failed", error=reason)
