"""Writes about publishers and articles that are not about claims."""

from __future__ import annotations

from urllib.parse import urlsplit

from articles.models import Feed, Publisher


def domain_of(url: str) -> str:
    """The host of a URL without its "www.": how a publisher is known by its site."""
    return (urlsplit(url).hostname or "").removeprefix("www.") if url else ""


def publisher_for(*, name: str | None, url: str) -> Publisher | None:
    """The publisher of an article: by the name given, else by its URL's domain; created when
    new. A new named publisher takes the domain unless another publisher already has it."""
    domain = domain_of(url)
    if name:
        publisher, created = Publisher.objects.get_or_create(
            name=name.strip()[:200], defaults={"domain": ""}
        )
        if created and domain and not Publisher.objects.filter(domain=domain).exists():
            publisher.domain = domain
            publisher.save(update_fields=["domain"])
        return publisher
    if domain:
        return Publisher.objects.filter(domain=domain).first() or Publisher.objects.create(
            name=domain, domain=domain
        )
    return None


FEED_FIELDS = ("url", "kind", "publisher", "poll_interval", "active")


def feed_save(*, feed: Feed | None = None, **fields) -> Feed:
    """Create a feed (feed=None) or change one: its URL, kind, publisher, poll interval, active
    flag. Raises ValidationError naming the field (a URL already monitored, an interval under
    a minute). A changed URL or a reactivated feed is due at once, with no validators or error
    carried over from before."""
    unknown = set(fields) - set(FEED_FIELDS)
    if unknown:
        raise ValueError(f"feed_save() takes {', '.join(FEED_FIELDS)}, not {sorted(unknown)}")
    feed = feed or Feed()
    stored = Feed.objects.filter(pk=feed.pk).values("url", "active").first() if feed.pk else None
    before_url, before_active = (stored["url"], stored["active"]) if stored else ("", False)
    for name, value in fields.items():
        setattr(feed, name, value)
    if feed.url != before_url or (feed.active and not before_active):
        feed.next_poll_at, feed.etag, feed.last_modified = None, "", ""
        feed.last_error, feed.failures = "", 0
    feed.full_clean()
    feed.save()
    return feed
