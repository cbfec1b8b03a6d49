"""Ingest jobs: progress, each article's outcome and error, stale jobs (queued or running but
not moving: their worker died or their tasks were lost), and retrying them.

Jobs are written by the ingest services only (the API, `manage.py ingest --queue`, feeds);
here they are read, and retried through `ingest_job_retry`.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from claims.admin.desk import report
from claims.admin.records import ReadOnlyAdmin
from claims.ingest import IngestError
from claims.ingest.jobs import ingest_job_retry, job_is_stale, stale_jobs
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


class StaleFilter(admin.SimpleListFilter):
    title = "stale"
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [("yes", "stale (no progress: retry it)"), ("no", "not stale")]

    def queryset(self, request, queryset):
        stale = stale_jobs().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=stale)
        if self.value() == "no":
            return queryset.exclude(pk__in=stale)
        return queryset


class IngestJobAdmin(DeskReadable, ReadOnlyAdmin):
    list_display = [
        "id",
        "state",
        "source",
        "progress",
        "failed",
        "created_at",
        "progress_at",
        "finished_at",
    ]
    list_filter = [StaleFilter, "status", "source", "created_at"]
    fields = [
        "state",
        "source",
        "created_by",
        "total",
        "progress",
        "failed",
        "error",
        "attempts",
        "created_at",
        "started_at",
        "progress_at",
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

    @admin.display(description="status", ordering="status")
    def state(self, job: IngestJob) -> str:
        if job_is_stale(job):
            since = timezone.localtime(job.progress_at)
            return f"{job.status}, stale: no progress since {since:%Y-%m-%d %H:%M %Z}"
        return job.status

    @admin.display(description="progress")
    def progress(self, job: IngestJob) -> str:
        return f"{job.finished_count} / {job.total}"

    @admin.display(description="failed", ordering="failed_count")
    def failed(self, job: IngestJob) -> int:
        return job.failed_count

    def has_work_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(WORK_PERMISSION)

    @admin.action(
        description="Retry: a finished job's failed articles, a stale job's unfinished ones",
        permissions=["work"],
    )
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
