"""The verdict scale: /api/v1/ratings/."""

from __future__ import annotations

from rest_framework import viewsets

from articles.api.serializers import OutputSerializer
from claims.models import Rating


class RatingSerializer(OutputSerializer):
    class Meta:
        model = Rating
        fields = ["id", "label", "slug", "value", "description", "colour", "order"]
        read_only_fields = fields


class RatingRefSerializer(OutputSerializer):
    class Meta:
        model = Rating
        fields = ["id", "label", "slug", "value"]
        read_only_fields = fields


class RatingViewSet(viewsets.ReadOnlyModelViewSet):
    """The verdict scale; `value` is ClaimReview's ratingValue (null: off the numeric scale)."""

    queryset = Rating.objects.all()
    serializer_class = RatingSerializer
    pagination_class = None
    filter_backends = []
    lookup_value_regex = r"\d+"
