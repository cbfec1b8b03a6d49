"""Query parameters of the claim list (django-filter)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from articles.api.filters import DateTimeFilter
from articles.models import Article, Publisher
from claims.models import Appearance, Claim, Claimant, Kind, Rating, Status, Verdict
from claims.selectors import claim_search, claims_rated


@extend_schema_field(OpenApiTypes.STR)
class RatingSlugFilter(filters.ModelChoiceFilter):
    """A rating named by its slug ("false", "half-true")."""


class ClaimFilter(filters.FilterSet):
    q = filters.CharFilter(
        method="search",
        max_length=500,
        help_text="Words in the statement (full-text on PostgreSQL, substring elsewhere).",
    )
    # Columns of the claim itself, so no row can repeat: without distinct=False django-filter
    # adds SELECT DISTINCT, which makes PostgreSQL sort every matching row before the LIMIT.
    status = filters.MultipleChoiceFilter(choices=Status.choices, distinct=False)
    kind = filters.MultipleChoiceFilter(choices=Kind.choices, distinct=False)
    claimant = filters.ModelChoiceFilter(queryset=Claimant.objects.all())
    assignee = filters.ModelChoiceFilter(queryset=get_user_model().objects.all())
    article = filters.ModelChoiceFilter(
        queryset=Article.objects.all(),
        field_name="appearances__article",
        method="in_article",
        help_text="Claims appearing in it.",
    )
    publisher = filters.ModelChoiceFilter(
        queryset=Publisher.objects.all(),
        field_name="appearances__article__publisher",
        method="from_publisher",
        help_text="Claims appearing in its articles.",
    )
    rating = RatingSlugFilter(
        queryset=Rating.objects.all(),
        to_field_name="slug",
        method="rated",
        help_text="Slug of the rating of the current published verdict.",
    )
    score_min = filters.NumberFilter(field_name="score", lookup_expr="gte")
    score_max = filters.NumberFilter(field_name="score", lookup_expr="lte")
    created_after = DateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = DateTimeFilter(field_name="created_at", lookup_expr="lt")
    updated_after = DateTimeFilter(field_name="updated_at", lookup_expr="gte")
    updated_before = DateTimeFilter(field_name="updated_at", lookup_expr="lt")
    published_after = DateTimeFilter(
        method="published_since", help_text="Verdict published (or corrected) at or after."
    )
    published_before = DateTimeFilter(
        method="published_until", help_text="Verdict published (or corrected) before."
    )

    class Meta:
        model = Claim
        fields = []

    def search(self, queryset, name, value):
        return claim_search(queryset, value)

    # Subqueries rather than joins: a claim in two matching articles is still one row.
    def in_article(self, queryset, name, value):
        return queryset.filter(pk__in=Appearance.objects.filter(article=value).values("claim_id"))

    def from_publisher(self, queryset, name, value):
        appearances = Appearance.objects.filter(article__publisher=value)
        return queryset.filter(pk__in=appearances.values("claim_id"))

    def rated(self, queryset, name, value):
        return claims_rated(queryset, value)

    def published_since(self, queryset, name, value):
        verdicts = Verdict.objects.filter(published_at__gte=value)
        return queryset.filter(pk__in=verdicts.values("claim_id"))

    def published_until(self, queryset, name, value):
        verdicts = Verdict.objects.filter(published_at__lt=value)
        return queryset.filter(pk__in=verdicts.values("claim_id"))
