"""The workflow's log: /api/v1/transitions/."""

from __future__ import annotations

from django_filters import rest_framework as filters
from rest_framework import viewsets
from rest_framework.filters import OrderingFilter

from articles.api.serializers import OutputSerializer
from claims import selectors
from claims.api.filters import TransitionFilter
from claims.api.pagination import IdCursorPagination
from claims.api.users import UserRefSerializer
from claims.models import Transition


class TransitionSerializer(OutputSerializer):
    by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Transition
        fields = ["id", "claim", "from_status", "to_status", "by", "at", "note"]
        read_only_fields = fields


class TransitionViewSet(viewsets.ReadOnlyModelViewSet):
    """The append-only log of status changes (and corrections)."""

    queryset = selectors.transition_list()
    serializer_class = TransitionSerializer
    pagination_class = IdCursorPagination
    filter_backends = [filters.DjangoFilterBackend, OrderingFilter]
    filterset_class = TransitionFilter
    ordering_fields = ["id", "at"]
    ordering = ["-id"]
    lookup_value_regex = r"\d+"
