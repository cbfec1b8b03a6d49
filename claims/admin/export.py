"""The queue's export actions: the selected claims with their verdicts as a CSV or JSON-lines
download, the same rows the API's /claims/export/ streams (claims.export)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse

from claims import selectors
from claims.export import export_response
from claims.models import Claim


class ClaimExport(admin.ModelAdmin):
    @admin.action(description="Export selected claims as CSV", permissions=["view"])
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Claim]) -> StreamingHttpResponse:
        return self._export(request, queryset, "csv")

    @admin.action(description="Export selected claims as JSON lines", permissions=["view"])
    def export_jsonl(
        self, request: HttpRequest, queryset: QuerySet[Claim]
    ) -> StreamingHttpResponse:
        return self._export(request, queryset, "jsonl")

    def _export(
        self, request: HttpRequest, queryset: QuerySet[Claim], format: str
    ) -> StreamingHttpResponse:
        # The selection as ids (a subquery): the queue's own annotations are not the export's.
        claims = selectors.claim_export(user=request.user).filter(pk__in=queryset.values("pk"))
        return export_response(claims.order_by("-pk"), format=format, request=request)
