"""The feeds the desk monitors: /api/v1/feeds/ (list, read, add, change, remove), and what
each one's last poll found or failed on. Here rather than in articles/api/: only the desk's
roles, which claims defines, may manage them."""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response

from articles.api.serializers import OutputSerializer
from articles.models import Feed, FeedKind, Publisher
from articles.services import feed_save
from articles.validators import validate_http_url
from claims.api.inputs import Input, StrictBooleanField, StrictIntegerField, StrictURLField
from claims.api.pagination import IdCursorPagination
from claims.api.permissions import DeskMember


class FeedSerializer(OutputSerializer):
    class Meta:
        model = Feed
        fields = [
            "id",
            "url",
            "kind",
            "publisher",
            "poll_interval",
            "active",
            "last_polled_at",
            "next_poll_at",
            "last_error",
            "failures",
            "entries_found",
            "created_at",
        ]
        read_only_fields = fields


class FeedInput(Input):
    url = StrictURLField(max_length=2000, validators=[validate_http_url])
    kind = serializers.ChoiceField(choices=FeedKind.choices, required=False)
    publisher = serializers.PrimaryKeyRelatedField(
        queryset=Publisher.objects.all(), required=False, allow_null=True
    )
    poll_interval = StrictIntegerField(min_value=60, max_value=7 * 86400, required=False)
    active = StrictBooleanField(required=False)

    def validate_url(self, url: str) -> str:
        taken = Feed.objects.filter(url=url)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise serializers.ValidationError("This feed is already monitored.")
        return url


@extend_schema_view(
    list=extend_schema(summary="Monitored feeds"),
    retrieve=extend_schema(summary="A feed and its last poll"),
    create=extend_schema(request=FeedInput, responses={201: FeedSerializer}, summary="Add a feed"),
    partial_update=extend_schema(
        request=FeedInput, responses={200: FeedSerializer}, summary="Change a feed"
    ),
    destroy=extend_schema(summary="Stop monitoring a feed"),
)
class FeedViewSet(viewsets.ModelViewSet):
    """RSS/Atom feeds and sitemaps polled by the workers (beat), new entries ingested."""

    permission_classes = [DeskMember]
    serializer_class = FeedSerializer
    pagination_class = IdCursorPagination
    queryset = Feed.objects.all()
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def create(self, request, *args, **kwargs):
        data = FeedInput(data=request.data)
        data.is_valid(raise_exception=True)
        feed = feed_save(**data.validated_data)
        return Response(FeedSerializer(feed).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        feed = self.get_object()
        data = FeedInput(feed, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        with transaction.atomic():
            feed = feed_save(feed=feed, **data.validated_data)
        return Response(FeedSerializer(feed).data)
