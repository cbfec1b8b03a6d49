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
