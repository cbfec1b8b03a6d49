"""Query parameters of the article list (django-filter)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema_field

from articles.models import Article


class UTCDateTimeField(IsoDateTimeField):
    """An ISO 8601 moment, in UTC: any offset Python reads is then one every database stores
    (PostgreSQL refuses offsets beyond ±15:59, such as -17:32)."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(dt.UTC)
        except OverflowError:
            raise forms.ValidationError("Date and time out of range.", code="overflow") from None


class DateTimeFilter(filters.IsoDateTimeFilter):
    field_class = UTCDateTimeField


ID_RANGE = {"minimum": 1, "maximum": 2**63 - 1}


@extend_schema_field({"type": "integer", **ID_RANGE})
class IdFilter(filters.Filter):
    """The rows pointing at the row with this id: none when no such row exists, or when the
    reader may not see it. An id that exists and one that does not get the same kind of
    answer, so a filter tells nobody which ids exist."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", ID_RANGE["minimum"])
        kwargs.setdefault("max_value", ID_RANGE["maximum"])
        super().__init__(*args, **kwargs)


class ArticleFilter(filters.FilterSet):
    q = filters.CharFilter(
        field_name="title", lookup_expr="icontains", max_length=500, help_text="Words in the title."
    )
    publisher = IdFilter(help_text="The publisher's id.")
    url = filters.CharFilter(help_text="The exact canonical URL.")
    published_after = DateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="published_at", lookup_expr="lt")
    created_after = DateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = DateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Article
        fields = []
