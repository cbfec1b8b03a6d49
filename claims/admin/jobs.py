"""Ingest jobs: progress, each article's outcome and error, and retrying the failed ones.

Jobs are written by the ingest services only (the API, `manage.py ingest --queue`, feeds);
here they are read, and retried through `ingest_job_retry`.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from claims.admin.desk import report
from claims.admin.records import ReadOnlyAdmin
from claims.ingest import IngestError
from claims.ingest.jobs import ingest_job_retry
from claims.models import IngestJob, IngestJobItem, ItemStatus
from claims.services import WORK_PERMISSION


class DeskReadable:
    """Fact-checkers and editors see the jobs (the desk roles predate the model)."""

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.has_perm(WORK_PERMISSION)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(WORK_PERMISSION)


class IngestJobItemInline(DeskReadable, admin.TabularInline):
    model = IngestJobItem
    fields = ["position", "input", "status", "article_link", "claims_created", "error"]
    readonly_fields = fields
    can_delete = False
    extra = 0
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="article")
    def article_link(self, item: IngestJobItem):
        if item.article_id is None:
            return "-"
        url = reverse("admin:articles_article_change", args=[item.article_id])
        return format_html('<a href="{}">{}</a>', url, item.article_id)


class IngestJobAdmin(DeskReadable, ReadOnlyAdmin):
    list_display = ["id", "status", "source", "progress", "failed", "created_at", "finished_at"]
    list_filter = ["status", "source", "created_at"]
    fields = [
        "status",
        "source",
        "created_by",
        "total",
        "progress",
        "failed",
        "error",
        "attempts",
        "created_at",
        "started_at",
        "finished_at",
    ]
    readonly_fields = fields
    inlines = [IngestJobItemInline]
    actions = ["retry"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                finished_count=Count("items", filter=~Q(items__status=ItemStatus.PENDING)),
                failed_count=Count("items", filter=Q(items__status=ItemStatus.FAILED)),
            )
        )

    @admin.display(description="progress")
    def progress(self, job: IngestJob) -> str:
        return f"{job.finished_count} / {job.total}"

    @admin.display(description="failed", ordering="failed_count")
    def failed(self, job: IngestJob) -> int:
        return job.failed_count

    def has_work_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(WORK_PERMISSION)

    @admin.action(description="Retry the failed articles", permissions=["work"])
    def retry(self, request: HttpRequest, queryset) -> None:
        done, refused = 0, []
        for job in queryset:
            try:
                ingest_job_retry(job=job)
            except IngestError as error:
                refused.append(str(error))
                continue
            done += 1
        report(self, request, done, "{n} jobs queued again.", refused)
