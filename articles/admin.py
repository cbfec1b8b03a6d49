from django.contrib import admin
from django.db import models
from django.db.models import Count

from articles.models import Article, Publisher


@admin.register(Publisher)
class PublisherAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "article_count"]
    search_fields = ["name", "domain"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(ordering="article_count", description="articles")
    def article_count(self, obj: Publisher) -> int:
        return obj.article_count


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    # Django 6 makes https the default scheme for typed URLs; this desk's sources are https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "publisher", "published_at", "created_at", "extractor_version"]
    list_filter = ["publisher", "language", "created_at"]
    list_select_related = ["publisher"]
    search_fields = ["title", "url", "text"]
    autocomplete_fields = ["publisher"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "content_hash",
        "extractor_version",
        "model_version",
        "created_at",
        "updated_at",
    ]
    show_full_result_count = False
