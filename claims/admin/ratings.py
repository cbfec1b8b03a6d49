"""The rating scale: editors edit its labels, values, colours and order."""

from __future__ import annotations

from django.contrib import admin

from claims.admin.desk import rating_badge
from claims.models import Rating
from config.admin import WritesDataVersion


class RatingAdmin(WritesDataVersion):
    list_display = ["label", "swatch", "value", "description", "order"]
    list_editable = ["order"]
    search_fields = ["label"]
    prepopulated_fields = {"slug": ["label"]}

    @admin.display(description="colour")
    def swatch(self, obj: Rating):
        return rating_badge(obj.colour, obj.colour)
