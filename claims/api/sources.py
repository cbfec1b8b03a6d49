"""Evidence attached to claims: /api/v1/sources/ (added with POST /claims/{id}/sources/)."""

from __future__ import annotations

from django_filters import rest_framework as filters
from rest_framework import serializers, viewsets
from rest_framework.filters import OrderingFilter

from articles.api.serializers import OutputSerializer
from claims import selectors
from claims.api.filters import SourceFilter
from claims.api.inputs import Input, StrictCharField, StrictURLField
from claims.api.users import UserRefSerializer
from claims.models import Reliability, Source, Stance


class SourceSerializer(OutputSerializer):
    added_by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Source
        fields = [
            "id",
            "claim",
            "url",
            "title",
            "excerpt",
            "stance",
            "reliability",
            "accessed_at",
            "archived_url",
            "added_by",
            "created_at",
        ]
        read_only_fields = fields


class SourceInput(Input):
    url = StrictURLField(max_length=2000)
    title = StrictCharField(required=False, allow_blank=True, default="", max_length=500)
    excerpt = StrictCharField(required=False, allow_blank=True, default="", max_length=10_000)
    stance = serializers.ChoiceField(choices=Stance.choices, required=False, default=Stance.CONTEXT)
    reliability = serializers.ChoiceField(
        choices=Reliability.choices, required=False, default=Reliability.UNKNOWN
    )
    archived_url = StrictURLField(required=False, allow_blank=True, default="", max_length=2000)
    accessed_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Evidence attached to claims. Add one with POST /claims/{id}/sources/."""

    queryset = selectors.source_list()
    serializer_class = SourceSerializer
    filter_backends = [filters.DjangoFilterBackend, OrderingFilter]
    filterset_class = SourceFilter
    ordering_fields = ["id", "created_at"]
    ordering = ["-id"]
    lookup_value_regex = r"\d+"
