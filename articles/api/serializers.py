from __future__ import annotations

from django.db import models
from rest_framework import serializers

from articles.models import Article, Publisher


class OutputSerializer(serializers.ModelSerializer):
    """Shows model fields; a URL field may be blank, so it is a plain string in the schema."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.URLField: serializers.CharField,
    }


class PublisherSerializer(OutputSerializer):
    class Meta:
        model = Publisher
        fields = ["id", "name", "domain", "created_at"]
        read_only_fields = fields


class ArticleSummarySerializer(OutputSerializer):
    """An article without its text: what a claim's appearance or a list shows."""

    publisher = PublisherSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "title",
            "publisher",
            "authors",
            "published_at",
            "language",
            "extractor_version",
            "model_version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
