"""The records written only through the claim and article pages (and so through the services):
appearances, verdicts, sources and transitions, listed and searched read-only."""

from __future__ import annotations

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Neither added, changed nor deleted here."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class AppearanceAdmin(ReadOnlyAdmin):
    list_display = ["claim", "article", "start", "end", "is_quote"]
    list_select_related = ["claim", "article"]
    search_fields = ["sentence", "article__title"]


class VerdictAdmin(ReadOnlyAdmin):
    list_display = ["claim", "version", "rating", "summary", "published_at", "author"]
    list_filter = ["rating", "published_at"]
    list_select_related = ["claim", "rating", "author"]
    search_fields = ["summary", "claim__statement"]


class SourceAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "claim", "stance", "reliability", "added_by", "created_at"]
    list_filter = ["stance", "reliability"]
    list_select_related = ["claim", "added_by"]
    search_fields = ["url", "title", "excerpt"]


class TransitionAdmin(ReadOnlyAdmin):
    list_display = ["claim", "from_status", "to_status", "by", "at", "note"]
    list_filter = ["to_status", "at"]
    list_select_related = ["claim", "by"]
    search_fields = ["claim__statement", "note"]
    date_hierarchy = "at"
