"""Evidence attached to claims: /api/v1/sources/ (added with POST /claims/{id}/sources/)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response

from articles.api.serializers import OutputSerializer
from claims import selectors, services
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


class SourceEditInput(Input):
    """The fields to change; those not sent stay."""

    url = StrictURLField(required=False, max_length=2000)
    title = StrictCharField(required=False, allow_blank=True, max_length=500)
    excerpt = StrictCharField(required=False, allow_blank=True, max_length=10_000)
    stance = serializers.ChoiceField(choices=Stance.choices, required=False)
    reliability = serializers.ChoiceField(choices=Reliability.choices, required=False)
    archived_url = StrictURLField(required=False, allow_blank=True, max_length=2000)
    accessed_at = serializers.DateTimeField(required=False, allow_null=True)
    note = StrictCharField(required=False, allow_blank=True, default="", max_length=1000)


class SourceRemoveInput(Input):
    note = StrictCharField(required=False, allow_blank=True, default="", max_length=1000)


@extend_schema_view(
    partial_update=extend_schema(
        request=SourceEditInput,
        responses=SourceSerializer,
        summary="Edit a source",
        description=(
            "Only the fields sent change; the change is recorded in its claim's history. "
            "Fact-checkers and editors; on a published claim, editors only."
        ),
    ),
    destroy=extend_schema(
        request=SourceRemoveInput,
        responses={204: None},
        summary="Remove a source",
        description=(
            "Its claim's history keeps what it was. A published claim keeps the sources "
            "publishing requires (409)."
        ),
    ),
)
class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Evidence attached to claims. Add one with POST /claims/{id}/sources/."""

    queryset = selectors.source_list()
    serializer_class = SourceSerializer
    filter_backends = [filters.DjangoFilterBackend, OrderingFilter]
    filterset_class = SourceFilter
    ordering_fields = ["id", "created_at"]
    ordering = ["-id"]
    lookup_value_regex = r"\d+"

    def partial_update(self, request, pk=None):
        source = get_object_or_404(Source, pk=pk)
        data = SourceEditInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.source_edit(source=source, by=request.user, **data.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=source.pk)).data)

    def destroy(self, request, pk=None):
        source = get_object_or_404(Source, pk=pk)
        data = SourceRemoveInput(data=request.data or {})
        data.is_valid(raise_exception=True)
        services.source_remove(source=source, by=request.user, **data.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)
