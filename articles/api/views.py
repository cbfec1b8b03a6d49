from __future__ import annotations

from django_filters import rest_framework as filters
from rest_framework import viewsets
from rest_framework.filters import OrderingFilter, SearchFilter

from articles.api.serializers import PublisherSerializer
from articles.models import Publisher


class PublisherViewSet(viewsets.ReadOnlyModelViewSet):
    """The outlets articles come from."""

    queryset = Publisher.objects.all()
    serializer_class = PublisherSerializer
    filter_backends = [filters.DjangoFilterBackend, SearchFilter, OrderingFilter]
    filterset_fields = ["domain"]
    search_fields = ["name", "domain"]
    ordering_fields = ["name", "created_at"]
    ordering = ["name"]
