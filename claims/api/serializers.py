"""What the API shows (output serializers) and what it accepts (strict input serializers).

Inputs are validated here and handed to the workflow services; no serializer saves a model.
Input serializers refuse unknown fields and values of the wrong JSON type, so a typo such as
{"not": "..."} is an error instead of a silently ignored note.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.api.serializers import ArticleSummarySerializer, OutputSerializer
from articles.models import Article
from claims.models import (
    Appearance,
    Claim,
    Claimant,
    Kind,
    Rating,
    Reliability,
    Source,
    Stance,
    Status,
    Transition,
    Verdict,
)
from claims.selectors import ClaimDetailRows
from claims.services import allowed_transitions

User = get_user_model()


# --- Output --------------------------------------------------------------------------------


class UserRefSerializer(OutputSerializer):
    class Meta:
        model = User
        fields = ["id", "username"]
        read_only_fields = fields


class ClaimantRefSerializer(OutputSerializer):
    class Meta:
        model = Claimant
        fields = ["id", "name", "wikidata_id"]
        read_only_fields = fields


class ClaimantSerializer(OutputSerializer):
    aliases = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    wikidata_url = serializers.CharField(read_only=True)

    class Meta:
        model = Claimant
        fields = [
            "id",
            "name",
            "description",
            "wikidata_id",
            "wikidata_url",
            "aliases",
            "created_at",
        ]
        read_only_fields = fields


class RatingSerializer(OutputSerializer):
    class Meta:
        model = Rating
        fields = ["id", "label", "slug", "value", "description", "colour", "order"]
        read_only_fields = fields


class RatingRefSerializer(OutputSerializer):
    class Meta:
        model = Rating
        fields = ["id", "label", "slug", "value"]
        read_only_fields = fields


class VerdictSerializer(OutputSerializer):
    rating = RatingRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Verdict
        fields = [
            "id",
            "version",
            "rating",
            "summary",
            "explanation",
            "fact_check_url",
            "published_at",
            "correction_note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class SourceSerializer(OutputSerializer):
    added_by = serializers.SerializerMethodField()

    class Meta:
        model = Source
        fields = [
            "id",
            "claim",
            "url",
            "title",
            "excerpt",
            "stance",
            "reliability",
            "accessed_at",
            "archived_url",
            "added_by",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(UserRefSerializer(allow_null=True))
    def get_added_by(self, source: Source):
        return _desk_user(self, source.added_by)


class AppearanceArticleSerializer(OutputSerializer):
    class Meta:
        model = Article
        fields = ["id", "url", "title", "published_at"]
        read_only_fields = fields


class AppearanceSerializer(OutputSerializer):
    article = AppearanceArticleSerializer(read_only=True)

    class Meta:
        model = Appearance
        fields = ["id", "article", "sentence", "start", "end", "is_quote"]
        read_only_fields = fields


class ClaimSerializer(OutputSerializer):
    """A claim with everything a desk or a reader needs; relations come prefetched
    (claims.selectors.claim_list)."""

    claimant = ClaimantRefSerializer(read_only=True, allow_null=True)
    assignee = serializers.SerializerMethodField()
    appearances = AppearanceSerializer(many=True, read_only=True)
    sources = SourceSerializer(many=True, read_only=True)
    verdict = serializers.SerializerMethodField(
        help_text="The current published verdict (its newest version), if any."
    )
    draft_verdict = serializers.SerializerMethodField(
        help_text="The unpublished next version being written (signed-in users only)."
    )
    allowed_transitions = serializers.SerializerMethodField(
        help_text="The statuses the requesting user may move this claim to now."
    )

    class Meta:
        model = Claim
        fields = [
            "id",
            "statement",
            "kind",
            "score",
            "model_version",
            "status",
            "claimant",
            "assignee",
            "duplicate_of",
            "appearances",
            "verdict",
            "draft_verdict",
            "sources",
            "allowed_transitions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def _user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    @extend_schema_field(UserRefSerializer(allow_null=True))
    def get_assignee(self, claim: Claim):
        return _desk_user(self, claim.assignee)

    @extend_schema_field(VerdictSerializer(allow_null=True))
    def get_verdict(self, claim: Claim):
        published = _prefetched(claim, "published_verdicts")
        return VerdictSerializer(published[0]).data if published else None

    @extend_schema_field(VerdictSerializer(allow_null=True))
    def get_draft_verdict(self, claim: Claim):
        user = self._user()
        if user is None or not user.is_authenticated:
            return None
        drafts = _prefetched(claim, "draft_verdicts")
        return VerdictSerializer(drafts[0]).data if drafts else None

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(Status.choices)))
    def get_allowed_transitions(self, claim: Claim) -> list[str]:
        user = self._user()
        if user is None or not user.is_authenticated:
            return []
        return allowed_transitions(claim=claim, user=user)


class ClaimantNameSerializer(OutputSerializer):
    class Meta:
        model = Claimant
        fields = ["id", "name"]
        read_only_fields = fields


class RatingNameSerializer(OutputSerializer):
    class Meta:
        model = Rating
        fields = ["slug", "label"]
        read_only_fields = fields


class FirstAppearanceSerializer(OutputSerializer):
    article = serializers.IntegerField(source="article_id", read_only=True)
    url = serializers.CharField(source="article.url", read_only=True)
    published_at = serializers.DateTimeField(
        source="article.published_at", read_only=True, allow_null=True
    )

    class Meta:
        model = Appearance
        fields = ["article", "url", "published_at"]
        read_only_fields = fields


class ClaimSummarySerializer(OutputSerializer):
    """A row of the claim list: what a newsroom tool shows and links to, without the nested
    appearances, sources and verdicts of the full claim (follow `url` for those). Relations
    come prefetched, one row each (claims.selectors.claim_summaries)."""

    # The list endpoint builds the same rows faster with claim_summary_rows (below); this
    # serializer documents them in the schema and is the reference they are tested against.

    url = serializers.SerializerMethodField(help_text="The full claim.")
    claimant = ClaimantNameSerializer(read_only=True, allow_null=True)
    assignee = serializers.SerializerMethodField()
    rating = serializers.SerializerMethodField(
        help_text="The rating of the current published verdict, if any."
    )
    first_appearance = serializers.SerializerMethodField(
        help_text="The earliest-published article the claim appears in."
    )

    class Meta:
        model = Claim
        fields = [
            "id",
            "url",
            "statement",
            "kind",
            "score",
            "status",
            "claimant",
            "assignee",
            "rating",
            "first_appearance",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_url(self, claim: Claim) -> str:
        # One reverse per page, not per row: the detail URL only differs by the id.
        prefix = self.context.get("claim_url_prefix")
        if prefix is None:
            request = self.context.get("request")
            path = reverse("claim-detail", args=[0])
            url = request.build_absolute_uri(path) if request is not None else path
            prefix = self.context["claim_url_prefix"] = url.removesuffix("0/")
        return f"{prefix}{claim.pk}/"

    @extend_schema_field(UserRefSerializer(allow_null=True))
    def get_assignee(self, claim: Claim):
        return _desk_user(self, claim.assignee)

    # The nested rows below are built as plain dicts (their serializers only document the
    # shape): instantiating a serializer per row cost about a millisecond each, half the
    # time of a 50-claim page.
    @extend_schema_field(RatingNameSerializer(allow_null=True))
    def get_rating(self, claim: Claim):
        verdicts = claim.current_verdicts
        if not verdicts or verdicts[0].rating is None:
            return None
        return {"slug": verdicts[0].rating.slug, "label": verdicts[0].rating.label}

    @extend_schema_field(FirstAppearanceSerializer(allow_null=True))
    def get_first_appearance(self, claim: Claim):
        if not claim.first_appearances:
            return None
        article = claim.first_appearances[0].article
        return {
            "article": article.pk,
            "url": article.url,
            "published_at": _MOMENT.to_representation(article.published_at)
            if article.published_at
            else None,
        }


_MOMENT = serializers.DateTimeField()  # formats a moment as every DateTimeField here does


def claim_summary_rows(
    rows: list[dict],
    *,
    ratings: Mapping[int, tuple[str, str] | None],
    first_appearances: Mapping[int, tuple],
    url_prefix: str,
    desk: bool,
) -> list[dict]:
    """The claim list's rows, exactly as ClaimSummarySerializer shows them (which documents
    them in the schema), built from plain values (claims.selectors.SUMMARY_FIELDS) and the
    two per-page lookups: model instances and DRF's per-field machinery cost ~40 ms per
    50-claim page, most of a list request. tests/api/test_claims.py holds the two equal.

    desk: whether the reader is signed in (and so sees who is assigned, see _desk_user).
    """
    moment = _moment_formatter()
    out = []
    for row in rows:
        pk = row["id"]
        rating = ratings.get(pk)
        first = first_appearances.get(pk)
        score = row["score"]
        out.append(
            {
                "id": pk,
                "url": f"{url_prefix}{pk}/",
                "statement": row["statement"],
                "kind": row["kind"],
                "score": float(score) if score is not None else None,
                "status": row["status"],
                "claimant": {"id": row["claimant_id"], "name": row["claimant__name"]}
                if row["claimant_id"] is not None
                else None,
                "assignee": {"id": row["assignee_id"], "username": row["assignee__username"]}
                if desk and row["assignee_id"] is not None
                else None,
                "rating": {"slug": rating[0], "label": rating[1]} if rating else None,
                "first_appearance": {
                    "article": first[0],
                    "url": first[1],
                    "published_at": moment(first[2]),
                }
                if first
                else None,
                "created_at": moment(row["created_at"]),
                "updated_at": moment(row["updated_at"]),
            }
        )
    return out


def _moment_formatter() -> Callable[[datetime | None], str | None]:
    """DateTimeField.to_representation (as every moment here is shown), with the current
    time zone looked up once."""
    tz = timezone.get_current_timezone()

    def moment(value):
        if not value:
            return None
        text = value.astimezone(tz).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return moment


def claim_detail_body(rows: ClaimDetailRows, *, desk: bool, allowed_transitions: list[str]) -> dict:
    """A claim exactly as ClaimSerializer shows it (which documents it in the schema), built
    from plain rows (claims.selectors.claim_detail): prefetched model instances and DRF's
    per-field machinery cost most of a detail request. tests/api/test_claim_detail.py holds
    the two equal.

    desk: whether the reader is signed in (and so sees who works on the claim and its draft,
    see _desk_user). allowed_transitions: the reader's next moves for this claim.
    """
    moment = _moment_formatter()
    (
        pk,
        statement,
        kind,
        score,
        model_version,
        status,
        claimant_id,
        claimant_name,
        wikidata_id,
        assignee_id,
        assignee_name,
        duplicate_of,
        created,
        updated,
    ) = rows.claim

    def verdict(row) -> dict:
        (
            vpk,
            version,
            rating_id,
            label,
            slug,
            value,
            summary,
            explanation,
            fact_check_url,
            published,
            note,
            vcreated,
            vupdated,
        ) = row
        return {
            "id": vpk,
            "version": version,
            "rating": {"id": rating_id, "label": label, "slug": slug, "value": value}
            if rating_id is not None
            else None,
            "summary": summary,
            "explanation": explanation,
            "fact_check_url": fact_check_url,
            "published_at": moment(published),
            "correction_note": note,
            "created_at": moment(vcreated),
            "updated_at": moment(vupdated),
        }

    # Column 9 is published_at: the newest published version is the current verdict, the
    # unpublished one the draft (the selector reads drafts for desk readers only).
    current = next((row for row in rows.verdicts if row[9] is not None), None)
    draft = next((row for row in rows.verdicts if row[9] is None), None) if desk else None
    return {
        "id": pk,
        "statement": statement,
        "kind": kind,
        "score": float(score) if score is not None else None,
        "model_version": model_version,
        "status": status,
        "claimant": {"id": claimant_id, "name": claimant_name, "wikidata_id": wikidata_id}
        if claimant_id is not None
        else None,
        "assignee": {"id": assignee_id, "username": assignee_name}
        if desk and assignee_id is not None
        else None,
        "duplicate_of": duplicate_of,
        "appearances": [
            {
                "id": apk,
                "article": {
                    "id": article,
                    "url": url,
                    "title": title,
                    "published_at": moment(published),
                },
                "sentence": sentence,
                "start": start,
                "end": end,
                "is_quote": bool(is_quote),
            }
            for (
                apk,
                article,
                url,
                title,
                published,
                sentence,
                start,
                end,
                is_quote,
            ) in rows.appearances
        ],
        "verdict": verdict(current) if current is not None else None,
        "draft_verdict": verdict(draft) if draft is not None else None,
        "sources": [
            {
                "id": spk,
                "claim": pk,
                "url": url,
                "title": title,
                "excerpt": excerpt,
                "stance": stance,
                "reliability": reliability,
                "accessed_at": moment(accessed),
                "archived_url": archived,
                "added_by": {"id": by, "username": by_name} if desk and by is not None else None,
                "created_at": moment(screated),
            }
            for (
                spk,
                url,
                title,
                excerpt,
                stance,
                reliability,
                accessed,
                archived,
                by,
                by_name,
                screated,
            ) in rows.sources
        ],
        "allowed_transitions": allowed_transitions if desk else [],
        "created_at": moment(created),
        "updated_at": moment(updated),
    }


def _desk_user(serializer: serializers.Serializer, user) -> dict | None:
    """A desk member's name, for signed-in readers only: who works on what is the desk's
    business, not the public's."""
    request = serializer.context.get("request")
    reader = getattr(request, "user", None)
    if user is None or reader is None or not reader.is_authenticated:
        return None
    return {"id": user.pk, "username": user.username}  # UserRefSerializer, without its cost


def _prefetched(claim: Claim, name: str) -> list[Verdict]:
    if hasattr(claim, name):
        return getattr(claim, name)
    if hasattr(claim, "verdict_versions"):  # every version, newest first (selectors.claim_list)
        published = name == "published_verdicts"
        return [v for v in claim.verdict_versions if (v.published_at is not None) == published]
    verdicts = claim.verdicts.select_related("rating").order_by("-version")
    if name == "published_verdicts":
        return list(verdicts.filter(published_at__isnull=False))
    return list(verdicts.filter(published_at__isnull=True))


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


class TransitionSerializer(OutputSerializer):
    by = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Transition
        fields = ["id", "claim", "from_status", "to_status", "by", "at", "note"]
        read_only_fields = fields


class MergeResultSerializer(serializers.Serializer):
    survivor = ClaimSerializer(read_only=True)
    merged = serializers.IntegerField(read_only=True)
    appearances_moved = serializers.IntegerField(read_only=True)
    sources_moved = serializers.IntegerField(read_only=True)


class ClaimantMergeResultSerializer(serializers.Serializer):
    claimant = ClaimantSerializer(read_only=True)
    merged = serializers.IntegerField(read_only=True)


class IngestResultSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["created", "unchanged", "updated"], read_only=True)
    article = ArticleDetailSerializer(read_only=True)
    claims_created = serializers.IntegerField(read_only=True)
    appearances_created = serializers.IntegerField(read_only=True)
    appearances_removed = serializers.IntegerField(read_only=True)


# --- Input ---------------------------------------------------------------------------------


class StrictCharField(serializers.CharField):
    """A string and only a string: 5 or true is a type error, not "5" or "True"."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictURLField(serializers.URLField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class Input(serializers.Serializer):
    """A request body: a JSON object with only the documented fields."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                expected = ", ".join(self.fields) or "none"
                raise serializers.ValidationError(
                    {name: [f"Unknown field (expected: {expected})."] for name in unknown}
                )
        return super().to_internal_value(data)


class TransitionInput(Input):
    to = serializers.ChoiceField(choices=Status.choices, help_text="The status to move to.")
    note = StrictCharField(required=False, allow_blank=True, default="", max_length=2000)


class PublishInput(Input):
    note = StrictCharField(required=False, allow_blank=True, default="", max_length=2000)


class AssignInput(Input):
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True),
        allow_null=True,
        help_text="The user id of a fact-checker or editor, or null to unassign.",
    )


class SourceInput(Input):
    url = StrictURLField(max_length=2000)
    title = StrictCharField(required=False, allow_blank=True, default="", max_length=500)
    excerpt = StrictCharField(required=False, allow_blank=True, default="", max_length=10_000)
    stance = serializers.ChoiceField(choices=Stance.choices, required=False, default=Stance.CONTEXT)
    reliability = serializers.ChoiceField(
        choices=Reliability.choices, required=False, default=Reliability.UNKNOWN
    )
    archived_url = StrictURLField(required=False, allow_blank=True, default="", max_length=2000)
    accessed_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class VerdictDraftInput(Input):
    rating = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Rating.objects.all(),
        allow_null=True,
        help_text='The rating\'s slug, e.g. "false".',
    )
    summary = StrictCharField(max_length=200, allow_blank=True)
    explanation = StrictCharField(required=False, allow_blank=True, default="", max_length=50_000)
    fact_check_url = StrictURLField(required=False, allow_blank=True, default="", max_length=2000)


class CorrectionInput(Input):
    correction_note = StrictCharField(max_length=5000, help_text="What changed and why.")
    rating = serializers.SlugRelatedField(
        slug_field="slug", queryset=Rating.objects.all(), required=False
    )
    summary = StrictCharField(required=False, max_length=200)
    explanation = StrictCharField(required=False, allow_blank=True, max_length=50_000)
    fact_check_url = StrictURLField(required=False, allow_blank=True, max_length=2000)


class IdListField(serializers.ListField):
    child = StrictIntegerField(min_value=1, max_value=2**63 - 1)


class ClaimMergeInput(Input):
    duplicates = IdListField(
        min_length=1, max_length=100, help_text="Ids of the claims merged into this one."
    )

    def validate_duplicates(self, ids: list[int]) -> list[Claim]:
        return _existing(Claim, ids, "claim")


class ClaimantMergeInput(Input):
    others = IdListField(
        min_length=1, max_length=100, help_text="Ids of the claimants merged into this one."
    )

    def validate_others(self, ids: list[int]) -> list[Claimant]:
        return _existing(Claimant, ids, "claimant")


def _existing(model, ids: list[int], noun: str) -> list:
    found = {obj.pk: obj for obj in model.objects.filter(pk__in=set(ids))}
    unknown = sorted(set(ids) - set(found))
    if unknown:
        raise serializers.ValidationError(f"No {noun} with id {', '.join(map(str, unknown))}.")
    return [found[i] for i in dict.fromkeys(ids)]


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
    published = serializers.DateTimeField(required=False, help_text="ISO 8601.")
    authors = serializers.ListField(
        child=StrictCharField(max_length=200), required=False, max_length=50
    )
    language = StrictCharField(required=False, default="en", max_length=16)

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
