"""Queued ingest: POST /api/v1/ingest/ with many articles or a URL list answers 202 and a job;
/api/v1/ingest/jobs/ shows each job's progress and each article's outcome."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.reverse import reverse

from articles.validators import validate_http_url
from claims.api.inputs import Input, StrictURLField
from claims.api.pagination import IdCursorPagination
from claims.api.permissions import DeskMember
from claims.ingest.jobs import (
    JobInput,
    html_payload,
    ingest_job_create,
    ingest_job_retry,
    job_counts,
    job_is_stale,
    text_payload,
    url_payload,
)
from claims.models import IngestJob, IngestJobItem

MAX_JOB_ARTICLES = 1000


class IngestJobInput(Input):
    """Many articles (each as POST /api/v1/ingest/ takes one), or URLs to fetch, or both."""

    articles = serializers.ListField(
        child=serializers.DictField(), required=False, max_length=MAX_JOB_ARTICLES
    )
    urls = serializers.ListField(
        child=StrictURLField(max_length=2000, validators=[validate_http_url]),
        required=False,
        max_length=MAX_JOB_ARTICLES,
    )

    def validate_articles(self, articles: list[dict]) -> list[dict]:
        from claims.api.ingest import IngestInput  # the one article shape

        checked, errors = [], {}
        for index, article in enumerate(articles):
            one = IngestInput(data=article)
            if one.is_valid():
                checked.append(one.validated_data)
            else:
                errors[str(index)] = one.errors
        if errors:
            raise serializers.ValidationError(errors)
        return checked

    def validate(self, data):
        if not data.get("articles") and not data.get("urls"):
            raise serializers.ValidationError("Send a non-empty list of articles or of urls.")
        if len(data.get("articles", [])) + len(data.get("urls", [])) > MAX_JOB_ARTICLES:
            raise serializers.ValidationError(f"At most {MAX_JOB_ARTICLES} articles per job.")
        return data


def is_job_request(data) -> bool:
    """A body with `articles` or `urls` is a job; one article is ingested at once as before."""
    return isinstance(data, dict) and ("articles" in data or "urls" in data)


def job_inputs_of(data: dict) -> list[JobInput]:
    inputs = []
    for index, article in enumerate(data.get("articles", []), start=1):
        metadata = {
            name: article.get(name)
            for name in ("title", "publisher", "published", "authors", "language")
        }
        url = article.get("url")
        if article.get("text") is not None:
            payload = text_payload(article["text"], url=url, **metadata)
        elif article.get("html") is not None:
            payload = html_payload(article["html"], url=url, **metadata)
        else:
            payload = url_payload(url, **metadata)
        inputs.append(JobInput(url or f"articles[{index - 1}]", payload))
    inputs += [JobInput(url, url_payload(url)) for url in data.get("urls", [])]
    return inputs


def queue_job(request) -> Response:
    serializer = IngestJobInput(data=request.data)
    serializer.is_valid(raise_exception=True)
    job = ingest_job_create(
        inputs=job_inputs_of(serializer.validated_data), source="api", user=request.user
    )
    body = IngestJobSerializer(job_with_counts(job), context={"request": request}).data
    return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})


def job_with_counts(job: IngestJob) -> IngestJob:
    job.counts = job_counts(job)
    return job


class IngestJobItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = IngestJobItem
        fields = ["position", "input", "status", "article", "claims_created", "error"]
        read_only_fields = fields


class JobCountsSerializer(serializers.Serializer):
    pending = serializers.IntegerField()
    created = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    updated = serializers.IntegerField()
    failed = serializers.IntegerField()
    finished = serializers.IntegerField()


class IngestJobSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    counts = JobCountsSerializer(read_only=True)
    progress = serializers.SerializerMethodField(help_text="Finished articles / total, 0 to 1.")
    stale = serializers.SerializerMethodField(
        help_text="Queued or running, but not moved for CLAIMTRACK_JOB_STALE_AFTER seconds (its "
        "worker died or its tasks were lost): retry it to queue its unfinished articles again."
    )

    class Meta:
        model = IngestJob
        fields = [
            "id",
            "url",
            "status",
            "source",
            "total",
            "counts",
            "progress",
            "stale",
            "error",
            "attempts",
            "created_at",
            "started_at",
            "progress_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_url(self, job: IngestJob) -> str:
        return reverse("ingest-job-detail", args=[job.pk], request=self.context.get("request"))

    def get_progress(self, job: IngestJob) -> float:
        return round(job.counts["finished"] / job.total, 4) if job.total else 1.0

    def get_stale(self, job: IngestJob) -> bool:
        return job_is_stale(job)


class IngestJobDetailSerializer(IngestJobSerializer):
    items = IngestJobItemSerializer(many=True, read_only=True)

    class Meta(IngestJobSerializer.Meta):
        fields = [*IngestJobSerializer.Meta.fields, "items"]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="Ingest jobs, newest first"),
    retrieve=extend_schema(summary="An ingest job with each article's outcome"),
)
class IngestJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [DeskMember]
    pagination_class = IdCursorPagination
    queryset = IngestJob.objects.all()

    def get_queryset(self):
        jobs = IngestJob.objects.all()
        if self.action == "retrieve":
            jobs = jobs.prefetch_related("items")
        return jobs

    def get_serializer_class(self):
        return IngestJobDetailSerializer if self.action == "retrieve" else IngestJobSerializer

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        for job in page:
            job_with_counts(job)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        job = job_with_counts(self.get_object())
        return Response(self.get_serializer(job).data)

    @extend_schema(
        request=None,
        responses={202: IngestJobSerializer},
        summary="Retry a finished job's failed articles, or a stale job's unfinished ones",
    )
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        job = ingest_job_retry(job=self.get_object())
        body = IngestJobSerializer(job_with_counts(job), context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED)
