from __future__ import annotations

import hashlib

from django.db import models
from django.db.models import Q

from articles.validators import STORED_PUBLISHED_RANGE, validate_http_url, validate_published


def content_hash(text: str) -> str:
    """The identity of an article's cleaned text: the same text ingested twice is one article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Publisher(models.Model):
    name = models.CharField(max_length=200, unique=True)
    domain = models.CharField(max_length=253, blank=True, help_text="e.g. apnews.com")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["domain"], condition=~Q(domain=""), name="publisher_unique_domain"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    url = models.URLField(
        "canonical URL",
        max_length=2000,
        blank=True,
        help_text="Unique when present.",
        validators=[validate_http_url],
    )
    title = models.CharField(max_length=500, blank=True)
    publisher = models.ForeignKey(
        Publisher,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        db_index=False,  # (publisher, -published_at) below leads with it
    )
    authors = models.JSONField(default=list, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, validators=[validate_published])
    language = models.CharField(max_length=16, default="en")
    text = models.TextField(help_text="The cleaned text that claim offsets point into.")
    raw_text = models.TextField(blank=True, help_text="The text as received.")
    content_hash = models.CharField(max_length=64, editable=False)
    extractor_version = models.CharField(max_length=32, blank=True)
    model_version = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"], condition=~Q(url=""), name="article_unique_url"
            ),
            # Not unique=True: that would add a LIKE-pattern index nobody queries.
            models.UniqueConstraint(fields=["content_hash"], name="article_unique_content_hash"),
            models.CheckConstraint(condition=~Q(text=""), name="article_text_not_empty"),
            # The backstop for writes that skip validate_published (COPY, raw SQL).
            models.CheckConstraint(
                condition=Q(published_at__isnull=True)
                | Q(published_at__range=STORED_PUBLISHED_RANGE),
                name="article_published_in_range",
            ),
        ]
        indexes = [models.Index(fields=["publisher", "-published_at"])]

    def __str__(self) -> str:
        return self.title or self.url or f"Article {self.pk}"

    def save(self, *args, **kwargs) -> None:
        self.content_hash = content_hash(self.text)
        super().save(*args, **kwargs)


class FeedKind(models.TextChoices):
    FEED = "feed", "RSS or Atom feed"
    SITEMAP = "sitemap", "sitemap (news or plain)"


class Feed(models.Model):
    """A feed the desk monitors: polled when due (beat), its new entries fetched and ingested.
    A failing feed is polled less and less often (backoff) and shows its last error; it never
    holds the others back."""

    url = models.URLField(max_length=2000, unique=True, validators=[validate_http_url])
    kind = models.CharField(max_length=16, choices=FeedKind.choices, default=FeedKind.FEED)
    publisher = models.ForeignKey(
        Publisher, null=True, blank=True, on_delete=models.SET_NULL, related_name="feeds"
    )
    poll_interval = models.PositiveIntegerField(
        default=900, help_text="Seconds between polls while the feed is healthy (at least 60)."
    )
    active = models.BooleanField(default=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, help_text="Empty: due now.")
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_error = models.TextField(blank=True)
    failures = models.PositiveIntegerField(default=0, help_text="Failed polls in a row.")
    entries_found = models.PositiveIntegerField(default=0, help_text="New entries, all polls.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]
        indexes = [models.Index(fields=["active", "next_poll_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(poll_interval__gte=60), name="feed_poll_interval_min"
            )
        ]

    def __str__(self) -> str:
        return self.url


class FeedEntry(models.Model):
    """An entry link a feed has listed: queued for ingest once, however often it is listed."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="entries", db_index=False)
    url = models.URLField(max_length=2000)
    seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["feed", "url"], name="feed_entry_unique_url")
        ]

    def __str__(self) -> str:
        return self.url
