from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article
from articles.validators import validate_http_url


def statement_key(statement: str) -> str:
    """Identity of a claim's statement: quote styles, dashes, case and spacing compare equal."""
    from claims.extraction.normalise import comparison_key

    return hashlib.sha256(comparison_key(statement).encode("utf-8")).hexdigest()


class ClaimantType(models.TextChoices):
    """What a claimant is, in schema.org's words (ClaimReview's itemReviewed.author @type)."""

    PERSON = "person", "Person"
    ORGANIZATION = "organization", "Organisation"
    GROUP = "group", "Group of people"


class Claimant(models.Model):
    """A person, organisation or group of people who asserted a claim."""

    name = models.CharField(max_length=200)
    type = models.CharField(
        max_length=16,
        choices=ClaimantType.choices,
        default=ClaimantType.PERSON,
        help_text="Ingest guesses it from the name and description; correct it here.",
    )
    description = models.CharField(
        max_length=300, blank=True, help_text='e.g. "Armenian Prime Minister"'
    )
    wikidata_id = models.CharField(
        "Wikidata id",
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9][0-9]*$", "A Wikidata id looks like Q42.")],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="claimant_unique_wikidata",
            ),
            models.CheckConstraint(
                condition=Q(wikidata_id="") | Q(wikidata_id__regex=r"^Q[1-9][0-9]*$"),
                name="claimant_wikidata_id_format",
            ),
            models.CheckConstraint(
                condition=Q(type__in=ClaimantType.values), name="claimant_type_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def wikidata_url(self) -> str:
        return f"https://www.wikidata.org/wiki/{self.wikidata_id}" if self.wikidata_id else ""


class ClaimantAlias(models.Model):
    """Another name a claimant goes by; ingest matches claimants by these (case-insensitive)."""

    claimant = models.ForeignKey(Claimant, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, editable=False)

    class Meta:
        verbose_name_plural = "claimant aliases"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["key"], name="claimant_alias_unique_key")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.key = self.key_for(self.name)
        super().save(*args, **kwargs)

    @staticmethod
    def key_for(name: str) -> str:
        return " ".join(name.casefold().split())


class Status(models.TextChoices):
    NEW = "new", "New"
    SELECTED = "selected", "Selected"
    RESEARCHING = "researching", "Researching"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    DISMISSED = "dismissed", "Dismissed"


class Kind(models.TextChoices):
    QUOTE = "quote", "Quote"
    STATISTIC = "statistic", "Statistic"
    EVENT = "event", "Event"
    CAUSAL = "causal", "Causal"
    PREDICTION = "prediction", "Prediction"
    COMPARISON = "comparison", "Comparison"
    OTHER = "other", "Other"


# The one kind taxonomy: the extractor's ClaimKind (claims/extraction/records.py), this field, the
# admin's filter, the API and its schema (claims/api/schema.py puts these definitions in the
# KindEnum description) and the README all use these seven values.
KIND_DEFINITIONS = {
    Kind.QUOTE: "a statement attributed to a claimant, direct or reported",
    Kind.STATISTIC: "a quantity is the checkable core (a percentage, money, a count, an age, "
    "a score or a vote)",
    Kind.EVENT: "something that happened or is happening",
    Kind.CAUSAL: "X because of Y",
    Kind.PREDICTION: "a forecast, a commitment or a date still to come",
    Kind.COMPARISON: "more, less, first, largest than something",
    Kind.OTHER: "a background fact, definition, state of affairs or finding",
}


class Claim(models.Model):
    """One checkable statement; identical statements found in several articles are one Claim."""

    statement = models.TextField()
    statement_key = models.CharField(max_length=64, editable=False)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.OTHER)
    score = models.FloatField(
        "check-worthiness", null=True, blank=True, help_text="0 to 1; higher is more worth checking"
    )
    model_version = models.CharField(max_length=64, blank=True)
    claimant = models.ForeignKey(
        Claimant, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
        db_index=False,  # claim_assignee_idx (assignee, status) leads with it
    )
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        help_text="Set when merged into another claim; ingest then records appearances there.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            ("publish_verdict", "Can publish and correct verdicts"),
            ("merge_claim", "Can merge duplicate claims and claimants"),
        ]
        constraints = [
            # A constraint rather than unique=True: PostgreSQL then builds no second
            # (LIKE-pattern) index on the key, which ingest would maintain for nothing.
            models.UniqueConstraint(fields=["statement_key"], name="claim_unique_statement"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=1),
                name="claim_score_between_0_and_1",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="claim_status_valid"
            ),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="claim_kind_valid"),
            models.CheckConstraint(condition=~Q(statement=""), name="claim_statement_not_empty"),
            models.CheckConstraint(
                condition=~Q(duplicate_of=F("id")), name="claim_not_duplicate_of_itself"
            ),
        ]
        indexes = [
            # The triage queue: a status, best-scored first, newest first.
            models.Index(fields=["status", "-score", "-created_at"], name="claim_queue_idx"),
            models.Index(fields=["assignee", "status"], name="claim_assignee_idx"),
            # The API's ?ordering=-worthiness (unscored last, id breaking ties for the cursor):
            # without it, PostgreSQL sorted all claims per page (0.6 s at a million).
            models.Index(
                Coalesce("score", Value(-1.0), output_field=models.FloatField()).desc(),
                F("id").desc(),
                name="claim_worthiness_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.statement if len(self.statement) <= 80 else self.statement[:79] + "…"

    def save(self, *args, **kwargs) -> None:
        self.statement_key = statement_key(self.statement)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The public fact-check page (it answers only once the claim is published)."""
        return reverse("factchecks:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def slug(self) -> str:
        """The statement's first words as they read in the public page's address. Not stored:
        an edited statement changes it, and the page then redirects from the old one."""
        slug = slugify(self.statement)[: SLUG_LENGTH + 1]
        if len(slug) > SLUG_LENGTH:
            slug = slug[:SLUG_LENGTH].rsplit("-", 1)[0]  # whole words only
        return slug.strip("-") or "claim"


# Long enough to tell fact-checks apart in a link, short enough to read in one.
SLUG_LENGTH = 60


class Appearance(models.Model):
    """Where a claim occurs: article.text[start:end] is the verbatim sentence."""

    # No index of their own: appearance_unique_span leads with claim, (article, start) with
    # article. Every appearance ingest writes would otherwise update two more indexes.
    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="appearances", db_index=False
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="appearances", db_index=False
    )
    sentence = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    is_quote = models.BooleanField("direct quote", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article_id", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "article", "start", "end"], name="appearance_unique_span"
            ),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="appearance_start_lt_end"),
        ]
        indexes = [models.Index(fields=["article", "start"])]

    def __str__(self) -> str:
        return f"{self.article} [{self.start}:{self.end}]"


class Rating(models.Model):
    """A step of the verdict scale; `value` is ClaimReview's ratingValue (None: off the scale)."""

    label = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    value = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Position on the numeric scale (1 = worst). Empty for off-scale ratings "
        "such as Unverifiable.",
    )
    description = models.TextField(blank=True)
    colour = models.CharField(
        max_length=7,
        default="#777777",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a hex colour such as #c0392b.")],
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "value"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=1), name="rating_value_at_least_1"
            )
        ]

    def __str__(self) -> str:
        return self.label


class Verdict(models.Model):
    """One version of a claim's verdict. Published versions are never overwritten."""

    claim = models.ForeignKey(
        Claim,
        on_delete=models.CASCADE,
        related_name="verdicts",
        db_index=False,  # verdict_unique_version (claim, version) leads with it
    )
    version = models.PositiveIntegerField()
    rating = models.ForeignKey(
        Rating, null=True, blank=True, on_delete=models.PROTECT, related_name="verdicts"
    )
    summary = models.CharField(
        max_length=200, blank=True, help_text="One line; aim for 75 characters or fewer."
    )
    explanation = models.TextField(blank=True)
    fact_check_url = models.URLField(max_length=2000, blank=True, validators=[validate_http_url])
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    correction_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["claim_id", "-version"]
        get_latest_by = "version"
        constraints = [
            models.UniqueConstraint(fields=["claim", "version"], name="verdict_unique_version"),
            # At most one draft per claim: the next version being written.
            models.UniqueConstraint(
                fields=["claim"], condition=Q(published_at__isnull=True), name="verdict_one_draft"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="verdict_version_from_1"),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | (Q(rating__isnull=False) & ~Q(summary="")),
                name="verdict_published_has_rating_and_summary",
            ),
        ]

    def __str__(self) -> str:
        state = "published" if self.published_at else "draft"
        return f"v{self.version} ({state}) of claim {self.claim_id}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    REFUTES = "refutes", "Refutes"
    CONTEXT = "context", "Context"


class Reliability(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"
    UNKNOWN = "unknown", "Unknown"


class Source(models.Model):
    """A piece of evidence for a claim."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(max_length=2000, validators=[validate_http_url])
    title = models.CharField(max_length=500, blank=True)
    excerpt = models.TextField(blank=True)
    stance = models.CharField(max_length=16, choices=Stance.choices, default=Stance.CONTEXT)
    reliability = models.CharField(
        max_length=16, choices=Reliability.choices, default=Reliability.UNKNOWN
    )
    accessed_at = models.DateTimeField(null=True, blank=True)
    archived_url = models.URLField(max_length=2000, blank=True, validators=[validate_http_url])
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim_id", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stance__in=Stance.values), name="source_stance_valid"
            ),
            models.CheckConstraint(
                condition=Q(reliability__in=Reliability.values), name="source_reliability_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class TransitionQuerySet(models.QuerySet):
    def update(self, **kwargs) -> int:
        raise TypeError("Transitions are append-only: they cannot be updated")

    def move_to(self, claim: Claim) -> int:
        """Re-home history when duplicate claims merge: the one change the log allows."""
        return super().update(claim=claim)


class Transition(models.Model):
    """Append-only log of every status change (and correction) of a claim."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    note = models.TextField(blank=True)

    objects = TransitionQuerySet.as_manager()

    class Meta:
        ordering = ["claim_id", "at", "id"]
        indexes = [models.Index(fields=["to_status", "at"])]

    def __str__(self) -> str:
        return f"{self.from_status or '∅'} → {self.to_status}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise TypeError("Transitions are append-only: an existing one cannot be changed")
        super().save(*args, **kwargs)


class EditQuerySet(models.QuerySet):
    def update(self, **kwargs) -> int:
        raise TypeError("Claim edits are append-only: they cannot be updated")

    def move_to(self, claim: Claim) -> int:
        """Re-home history when duplicate claims merge: the one change the log allows."""
        return super().update(claim=claim)


class ClaimEdit(models.Model):
    """Append-only record of a change to a claim (statement, kind, claimant) or to one of its
    sources (fields changed, or the source removed): who, when, and each field before and after.

    With the Transition log it is the claim's history; the services write both.
    """

    class Subject(models.TextChoices):
        CLAIM = "claim", "Claim"
        SOURCE = "source", "Source"
        SOURCE_REMOVED = "source_removed", "Source removed"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="edits")
    subject = models.CharField(max_length=16, choices=Subject.choices)
    # Not a foreign key: the record outlives a removed source.
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    changes = models.JSONField(help_text='{"field": [before, after], ...}')
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    objects = EditQuerySet.as_manager()

    class Meta:
        ordering = ["claim_id", "at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(subject__in=["claim", "source", "source_removed"]),
                name="claim_edit_subject_valid",
            ),
            models.CheckConstraint(
                condition=Q(subject="claim", source_id__isnull=True)
                | (~Q(subject="claim") & Q(source_id__isnull=False)),
                name="claim_edit_source_named_for_sources",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_subject_display()} edit of claim {self.claim_id}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise TypeError("Claim edits are append-only: an existing one cannot be changed")
        super().save(*args, **kwargs)

    @property
    def summary(self) -> str:
        """What changed, in a line: 'statement: "A" → "B"; kind: quote → statistic'."""
        if self.subject == self.Subject.SOURCE_REMOVED:
            return f"source #{self.source_id} removed ({self.changes.get('url', [''])[0]})"
        what = "" if self.subject == self.Subject.CLAIM else f"source #{self.source_id}: "
        parts = [
            f"{field}: {_shown(old)} → {_shown(new)}" for field, (old, new) in self.changes.items()
        ]
        return what + "; ".join(parts)


def _shown(value) -> str:
    if value in (None, ""):
        return "—"
    text = str(value)
    return f"“{text[:117]}…”" if len(text) > 120 else f"“{text}”"


class ClaimEmbedding(models.Model):
    """A claim's sentence vector (float32 bytes) for matching, with the encoder that made it.

    A table of its own: ingest writes claim rows by COPY and need not know about vectors; the
    matching service fills this table for claims that have none yet.
    """

    claim = models.OneToOneField(
        Claim, on_delete=models.CASCADE, primary_key=True, related_name="embedding"
    )
    vector = models.BinaryField()
    encoder_version = models.CharField(max_length=64)
    # Each process's index catches up on vectors stored since its last look by this column.
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"vector of claim {self.claim_id}"


class ExternalFactCheck(models.Model):
    """A fact-check published by another organisation, imported from its ClaimReview."""

    url = models.URLField(max_length=2000, validators=[validate_http_url])
    publisher = models.CharField(max_length=200, blank=True)
    claim_reviewed = models.TextField()
    title = models.CharField("headline", max_length=500, blank=True)
    claimant = models.CharField(max_length=200, blank=True)
    rating = models.CharField(
        max_length=200, blank=True, help_text="The publisher's own words, e.g. 'Mostly false'."
    )
    reviewed_on = models.DateField(null=True, blank=True)
    vector = models.BinaryField(editable=False, null=True)
    encoder_version = models.CharField(max_length=64, blank=True, editable=False)
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = "external fact-check"
        ordering = ["-reviewed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["url"], name="external_fact_check_unique_url"),
            models.CheckConstraint(
                condition=~Q(claim_reviewed=""), name="external_fact_check_claim_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.publisher or 'fact-check'}: {self.claim_reviewed[:70]}"


class MatchStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


class Match(models.Model):
    """A claim that may say what an earlier claim or an external fact-check says.

    Suggested by the matcher, then confirmed or rejected by the desk; a rejected pair stays as a
    row so that it is never suggested again.
    """

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matches")
    candidate_claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="matched_by"
    )
    fact_check = models.ForeignKey(
        ExternalFactCheck, null=True, blank=True, on_delete=models.CASCADE, related_name="matches"
    )
    score = models.FloatField()
    method = models.CharField(max_length=100)
    status = models.CharField(
        max_length=16, choices=MatchStatus.choices, default=MatchStatus.SUGGESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "matches"
        ordering = ["claim_id", "-score"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(candidate_claim__isnull=False) & Q(fact_check__isnull=True))
                | (Q(candidate_claim__isnull=True) & Q(fact_check__isnull=False)),
                name="match_one_target",
            ),
            models.CheckConstraint(
                condition=~Q(candidate_claim=F("claim")), name="match_not_itself"
            ),
            models.UniqueConstraint(
                fields=["claim", "candidate_claim"],
                condition=Q(candidate_claim__isnull=False),
                name="match_unique_claim_pair",
            ),
            models.UniqueConstraint(
                fields=["claim", "fact_check"],
                condition=Q(fact_check__isnull=False),
                name="match_unique_fact_check_pair",
            ),
            models.CheckConstraint(
                condition=Q(status__in=MatchStatus.values), name="match_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=MatchStatus.SUGGESTED) | Q(decided_at__isnull=False),
                name="match_decision_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["candidate_claim"], name="match_candidate_idx"),
            models.Index(fields=["fact_check"], name="match_fact_check_idx"),
            models.Index(fields=["status", "decided_at"], name="match_decided_idx"),
        ]

    def __str__(self) -> str:
        target = (
            f"claim {self.candidate_claim_id}"
            if self.candidate_claim_id
            else f"fact-check {self.fact_check_id}"
        )
        return f"claim {self.claim_id} ~ {target} ({self.status})"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "queued"
    RUNNING = "running", "running"
    DONE = "done", "done"
    FAILED = "failed", "failed"


class IngestJob(models.Model):
    """A batch of articles ingested off the request path by the workers (or eagerly, with no
    broker configured). Its items are the state: a worker that dies mid-job leaves the items it
    had not committed pending, and the redelivered task picks them up."""

    status = models.CharField(max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    source = models.CharField(max_length=32, help_text="api, command, feed or admin")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True, help_text="Why the job failed, when it did.")
    attempts = models.PositiveIntegerField(default=1, help_text="1, plus one per retry.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    progress_at = models.DateTimeField(
        default=timezone.now,
        help_text="When the job last moved: queued, a task started, articles written. A "
        "job queued or running that has not moved for CLAIMTRACK_JOB_STALE_AFTER is stale.",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Ingest job {self.pk} ({self.status})"


class ItemStatus(models.TextChoices):
    PENDING = "pending", "pending"
    CREATED = "created", "created"
    UNCHANGED = "unchanged", "unchanged"
    UPDATED = "updated", "updated"
    FAILED = "failed", "failed"


class IngestJobItem(models.Model):
    """One article of a job: what to ingest (a document, an HTML page or a URL to fetch), and
    what became of it. Written in the same transaction as the article's rows, so a redelivered
    task finds it done and writes nothing twice."""

    job = models.ForeignKey(
        IngestJob,
        on_delete=models.CASCADE,
        related_name="items",
        db_index=False,  # (job, position) leads with it
    )
    position = models.PositiveIntegerField()
    input = models.CharField(max_length=2000, help_text="What the input was called.")
    payload = models.JSONField(default=dict, help_text="The article, or the URL to fetch.")
    status = models.CharField(max_length=16, choices=ItemStatus.choices, default=ItemStatus.PENDING)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claims_created = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["job", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="ingest_job_item_position")
        ]
        indexes = [models.Index(fields=["job", "status"])]

    def __str__(self) -> str:
        return f"{self.input} ({self.status})"
