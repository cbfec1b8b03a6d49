"""Admin pieces every app's desk screens share."""

from __future__ import annotations

from django.contrib import admin

from config.cache import bump_data_version


class WritesDataVersion(admin.ModelAdmin):
    """An admin whose plain change forms, inlines and delete pages write rows the API shows:
    each such write moves the data version when it commits, as the services do, so no cached
    API page built before it is served again."""

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        bump_data_version()

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        bump_data_version()

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        bump_data_version()

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        bump_data_version()
