"""Query parameters of the claim list (django-filter)."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

from articles.api.filters import DateTimeFilter, IdFilter
from claims.models import (
    Appearance,
    Claim,
    Kind,
    Reliability,
    Source,
    Stance,
    Status,
    Transition,
    Verdict,
)
from claims.selectors import claim_search, reads_published_only


@extend_schema_field({"type": "number", "minimum": 0, "maximum": 1})
class ScoreFilter(filters.NumberFilter):
    """A check-worthiness score: from 0 to 1, as the schema says (django-filter would take
    any number up to 1e50)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=0, max_value=1, **kwargs)


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
    # Ids and slugs select what matches them: an unknown one (or one the reader may not see)
    # matches nothing, the same answer as a known one with no claims.
    claimant = IdFilter(field_name="claimant", help_text="The claimant's id.")
    assignee = IdFilter(
        field_name="assignee",
        help_text="The assignee's user id. The desk only: ignored for readers who are not "
        "shown assignees.",
    )
    article = IdFilter(method="in_article", help_text="Claims appearing in this article.")
    publisher = IdFilter(
        method="from_publisher", help_text="Claims appearing in this publisher's articles."
    )
    rating = filters.CharFilter(
        method="rated",
        max_length=100,
        help_text="Slug of the rating of the current published verdict.",
    )
    score_min = ScoreFilter(field_name="score", lookup_expr="gte")
    score_max = ScoreFilter(field_name="score", lookup_expr="lte")
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

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if reads_published_only(getattr(request, "user", None)):
            # Not offered at all (rather than refused): a reader who is never shown assignees
            # gets the same page whatever ?assignee= names, so it reveals no user ids.
            del self.filters["assignee"]

    def search(self, queryset, name, value):
        return claim_search(queryset, value)

    # Subqueries rather than joins: a claim in two matching articles is still one row.
    def in_article(self, queryset, name, value):
        appearances = Appearance.objects.filter(article_id=value)
        return queryset.filter(pk__in=appearances.values("claim_id"))

    def from_publisher(self, queryset, name, value):
        appearances = Appearance.objects.filter(article__publisher_id=value)
        return queryset.filter(pk__in=appearances.values("claim_id"))

    def rated(self, queryset, name, value):
        current = Verdict.objects.filter(claim=OuterRef("pk"), published_at__isnull=False).order_by(
            "-version"
        )
        slug = Subquery(current.values("rating__slug")[:1])
        return queryset.annotate(current_rating=slug).filter(current_rating=value)

    def published_since(self, queryset, name, value):
        verdicts = Verdict.objects.filter(published_at__gte=value)
        return queryset.filter(pk__in=verdicts.values("claim_id"))

    def published_until(self, queryset, name, value):
        verdicts = Verdict.objects.filter(published_at__lt=value)
        return queryset.filter(pk__in=verdicts.values("claim_id"))


class SourceFilter(filters.FilterSet):
    claim = IdFilter(field_name="claim", help_text="The claim's id.")
    stance = filters.ChoiceFilter(choices=Stance.choices)
    reliability = filters.ChoiceFilter(choices=Reliability.choices)

    class Meta:
        model = Source
        fields = []


class TransitionFilter(filters.FilterSet):
    claim = IdFilter(field_name="claim", help_text="The claim's id.")
    to_status = filters.ChoiceFilter(choices=Status.choices)
    from_status = filters.ChoiceFilter(choices=Status.choices)
    by = IdFilter(field_name="by", help_text="The user id of who moved the claim.")

    class Meta:
        model = Transition
        fields = []
