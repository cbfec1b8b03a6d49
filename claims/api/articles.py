"""Articles with the claims found in them: /api/v1/articles/.

Here rather than in articles/api/: an article's claims are claims' business, and articles
never import claims (articles/api/ has what is the article's own: its fields and publisher).
"""

from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.filters import OrderingFilter

from articles.api.filters import ArticleFilter
from articles.api.serializers import ArticleSummarySerializer, OutputSerializer
from claims import selectors
from claims.api.claimants import ClaimantRefSerializer
from claims.api.pagination import IdCursorPagination
from claims.models import Appearance, Kind, Status


class ArticleClaimSerializer(OutputSerializer):
    """One claim as it appears in an article: the claim and the exact span it came from."""

    claim = serializers.PrimaryKeyRelatedField(read_only=True)
    statement = serializers.CharField(source="claim.statement", read_only=True)
    kind = serializers.ChoiceField(source="claim.kind", choices=Kind.choices, read_only=True)
    score = serializers.FloatField(source="claim.score", read_only=True, allow_null=True)
    status = serializers.ChoiceField(source="claim.status", choices=Status.choices, read_only=True)
    claimant = ClaimantRefSerializer(source="claim.claimant", read_only=True, allow_null=True)

    class Meta:
        model = Appearance
        fields = [
            "id",
            "claim",
            "statement",
            "kind",
            "score",
            "status",
            "claimant",
            "sentence",
            "start",
            "end",
            "is_quote",
        ]
        read_only_fields = fields


class ArticleSerializer(ArticleSummarySerializer):
    claims = ArticleClaimSerializer(source="appearances", many=True, read_only=True)

    class Meta(ArticleSummarySerializer.Meta):
        fields = [*ArticleSummarySerializer.Meta.fields, "claims"]
        read_only_fields = fields


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "text"]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="List articles with their claims"),
    retrieve=extend_schema(summary="An article with its text and claims"),
)
class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    pagination_class = IdCursorPagination
    filter_backends = [filters.DjangoFilterBackend, OrderingFilter]
    filterset_class = ArticleFilter
    ordering_fields = ["id", "created_at"]
    ordering = ["-id"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        articles = selectors.article_list()
        if self.action == "list":
            return articles.defer("text", "raw_text")
        return articles

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer
