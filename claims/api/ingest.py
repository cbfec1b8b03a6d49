"""Pushing an article in: POST /api/v1/ingest/, as `manage.py ingest` reads one."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from articles.inputs import Document, Failure, configured_limits, document_from_html, fetch_url
from articles.validators import validate_published
from claims import selectors, services
from claims.api.articles import ArticleDetailSerializer
from claims.api.errors import ErrorSerializer, Unprocessable
from claims.api.inputs import Input, StrictCharField, StrictURLField
from claims.api.jobs import IngestJobInput, IngestJobSerializer, is_job_request, queue_job
from claims.api.permissions import DeskMember
from claims.ingest import IngestStatus


class IngestInput(Input):
    text = StrictCharField(
        required=False, trim_whitespace=False, help_text="The article as plain text."
    )
    html = StrictCharField(
        required=False, trim_whitespace=False, help_text="The article page as HTML."
    )
    url = StrictURLField(
        required=False,
        max_length=2000,
        help_text="The canonical URL. Given alone (no text, no html), the page is fetched.",
    )
    title = StrictCharField(required=False, max_length=500)
    publisher = StrictCharField(required=False, max_length=200)
    published = serializers.DateTimeField(
        required=False,
        validators=[validate_published],
        help_text="ISO 8601, from 1800-01-01 to a day from now.",
    )
    authors = serializers.ListField(
        child=StrictCharField(max_length=200), required=False, max_length=50
    )
    language = StrictCharField(required=False, default="en", max_length=16)

    # What validate() enforces, for the schema: text or html, not both, or a url alone; an
    # article that is not only whitespace.
    schema_rules = {
        "not": {"required": ["text", "html"]},
        "anyOf": [{"required": ["text"]}, {"required": ["html"]}, {"required": ["url"]}],
        "properties": {
            "text": {"pattern": r"^[^\u0000]*[^\s\u0000][^\u0000]*$"},
            "html": {"pattern": r"^[^\u0000]*[^\s\u0000][^\u0000]*$"},
        },
    }

    def validate(self, data):
        given = [name for name in ("text", "html") if data.get(name) is not None]
        if len(given) > 1:
            raise serializers.ValidationError("Send the article as text or as html, not both.")
        if not given and not data.get("url"):
            raise serializers.ValidationError(
                "Send the article as text or html, or a url to fetch it from."
            )
        for name in given:
            if not data[name].strip():
                raise serializers.ValidationError({name: ["The article is empty."]})
        return data


class IngestResultSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["created", "unchanged", "updated"], read_only=True)
    article = ArticleDetailSerializer(read_only=True)
    claims_created = serializers.IntegerField(read_only=True)
    appearances_created = serializers.IntegerField(read_only=True)
    appearances_removed = serializers.IntegerField(read_only=True)


class IngestView(APIView):
    """Push one article in: its claims are extracted and recorded, as `manage.py ingest` does."""

    permission_classes = [DeskMember]

    @extend_schema(
        request=PolymorphicProxySerializer(
            component_name="IngestRequest",
            serializers=[IngestInput, IngestJobInput],
            resource_type_field_name=None,
        ),
        responses={
            201: IngestResultSerializer,
            200: IngestResultSerializer,
            202: IngestJobSerializer,
            422: OpenApiResponse(
                ErrorSerializer,
                description="The input has the right shape but no article could be ingested "
                "from it (the URL could not be fetched, the page holds no article, the text is "
                'only boilerplate): `"code": "ingest_failed"`, the reason in `message`.',
            ),
        },
        summary="Ingest an article (text, HTML or a URL to fetch), or queue many as a job",
        description=(
            "One article: 201 when the article is new; 200 when the same text was already "
            'stored (`"status": "unchanged"`) or the URL\'s stored text changed (`"updated"`). '
            "A body with `articles` (a list of such articles) or `urls` (pages to fetch) is "
            "queued as an ingest job for the workers: 202 with the job, whose URL (also in "
            "Location) shows each article's progress. "
            "Bodies over CLAIMTRACK_API_MAX_BODY_BYTES get 413. Fact-checkers and editors only."
        ),
    )
    def post(self, request):
        if is_job_request(request.data):
            return queue_job(request)
        serializer = IngestInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        document = _document(data)
        result = services.article_add(
            document=document,
            by=request.user,
            title=data.get("title"),
            url=data.get("url"),
            publisher=data.get("publisher"),
            published=data.get("published"),
            authors=data.get("authors"),
            language=data["language"],
        )
        body = {
            "status": str(result.status),
            "article": selectors.article_list().get(pk=result.article.pk),
            "claims_created": result.claims_created,
            "appearances_created": result.appearances_created,
            "appearances_removed": result.appearances_removed,
        }
        created = result.status is IngestStatus.CREATED
        return Response(
            IngestResultSerializer(body).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


def _document(data: dict) -> Document:
    """The article as the command would read it: text as is, HTML through trafilatura, a URL
    fetched (size and time bounded by the ingest settings)."""
    if data.get("text") is not None:
        return Document(input="text", text=data["text"], raw_text=data["text"])
    if data.get("html") is not None:
        parsed = document_from_html("html", data["html"], data.get("url"))
    else:
        parsed = fetch(data["url"])
    if isinstance(parsed, Failure):
        raise Unprocessable(f"{parsed.input}: {parsed.reason}")
    return parsed


def fetch(url: str) -> Document | Failure:
    return fetch_url(url, configured_limits())
