"""Query parameters of the article list (django-filter)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField

from articles.models import Article, Publisher


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


class ArticleFilter(filters.FilterSet):
    q = filters.CharFilter(
        field_name="title", lookup_expr="icontains", max_length=500, help_text="Words in the title."
    )
    publisher = filters.ModelChoiceFilter(queryset=Publisher.objects.all())
    url = filters.CharFilter(help_text="The exact canonical URL.")
    published_after = DateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="published_at", lookup_expr="lt")
    created_after = DateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = DateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Article
        fields = []
