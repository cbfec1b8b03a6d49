"""Who made claims: /api/v1/claimants/, with merging duplicates (editors)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.response import Response

from articles.api.serializers import OutputSerializer
from claims import selectors, services
from claims.api.inputs import IdListField, Input, existing
from claims.models import Claimant


class ClaimantSerializer(OutputSerializer):
    aliases = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    wikidata_url = serializers.CharField(read_only=True)

    class Meta:
        model = Claimant
        fields = [
            "id",
            "name",
            "type",
            "description",
            "wikidata_id",
            "wikidata_url",
            "aliases",
            "created_at",
        ]
        read_only_fields = fields


class ClaimantRefSerializer(OutputSerializer):
    class Meta:
        model = Claimant
        fields = ["id", "name", "wikidata_id"]
        read_only_fields = fields


class ClaimantMergeInput(Input):
    others = IdListField(
        min_length=1, max_length=100, help_text="Ids of the claimants merged into this one."
    )

    def validate_others(self, ids: list[int]) -> list[Claimant]:
        return existing(Claimant, ids, "claimant")


class ClaimantMergeResultSerializer(serializers.Serializer):
    claimant = ClaimantSerializer(read_only=True)
    merged = serializers.IntegerField(read_only=True)


class ClaimantViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = selectors.claimant_list()
    serializer_class = ClaimantSerializer
    filter_backends = [filters.DjangoFilterBackend, SearchFilter, OrderingFilter]
    filterset_fields = ["wikidata_id"]
    search_fields = ["name", "aliases__name", "description"]
    ordering_fields = ["name", "created_at", "id"]
    ordering = ["name", "id"]
    lookup_value_regex = r"\d+"

    @extend_schema(
        request=ClaimantMergeInput,
        responses=ClaimantMergeResultSerializer,
        summary="Merge other claimants into this one (editors)",
    )
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        claimant = get_object_or_404(Claimant, pk=pk)
        data = ClaimantMergeInput(data=request.data)
        data.is_valid(raise_exception=True)
        merged = services.claimant_merge(
            into=claimant, others=data.validated_data["others"], by=request.user
        )
        fresh = self.get_queryset().get(pk=claimant.pk)
        return Response({"claimant": ClaimantSerializer(fresh).data, "merged": merged})
