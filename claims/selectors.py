"""Read queries for claims: the querysets the API (and anything else that lists claims) uses.

Each list is a fixed number of queries whatever its length: relations come with
select_related / prefetch_related here, so a serializer never reaches for the database.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import Expression, F, Max, Min, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from articles.models import Article
from claims.models import Appearance, Claim, Claimant, Rating, Source, Status, Transition, Verdict


class StatementVector(Expression):
    """claims_claim.statement_tsv: the stored to_tsvector('english', statement) of migration
    0005 (PostgreSQL only; the model does not declare it), under whatever alias the query
    gives the claim table."""

    output_field = SearchVectorField()

    def __init__(self):
        super().__init__()
        self.statement = F("statement")

    def get_source_expressions(self):
        return [self.statement]

    def set_source_expressions(self, exprs):
        (self.statement,) = exprs

    def as_sql(self, compiler, connection):
        column = self.statement  # a Col once resolved: it carries the table's alias
        table = compiler.quote_name_unless_alias(column.alias)
        return f"{table}.{connection.ops.quote_name('statement_tsv')}", []


def statement_vector() -> Expression:
    # The stored column, not to_tsvector(statement): reading it costs nothing per row, and its
    # GIN index (claim_statement_tsv_idx) serves rare words.
    return StatementVector()


def claim_search(queryset: QuerySet[Claim], q: str) -> QuerySet[Claim]:
    """Claims whose statement matches `q`: full-text on PostgreSQL, substring elsewhere."""
    q = q.strip()
    if not q:
        return queryset
    if connection.vendor == "postgresql":
        # alias, not annotate: the vector is only filtered on, never computed for the output.
        return queryset.alias(statement_vector=statement_vector()).filter(
            statement_vector=SearchQuery(q, config="english", search_type="websearch")
        )
    # Portable fallback: every word somewhere in the statement, as websearch would want.
    for word in q.split():
        queryset = queryset.filter(statement__icontains=word.strip('"'))
    return queryset


def claims_rated(queryset: QuerySet[Claim], slug: str) -> QuerySet[Claim]:
    """Claims whose current published verdict (its newest version) has the rating of this slug
    (an unknown slug matches no claim)."""
    current = Verdict.objects.filter(claim=OuterRef("pk"), published_at__isnull=False).order_by(
        "-version"
    )
    return queryset.annotate(current_rating=Subquery(current.values("rating__slug")[:1])).filter(
        current_rating=slug
    )


def published_verdicts() -> Prefetch:
    """A claim's published verdict versions, newest first, as `claim.published_verdicts`."""
    return Prefetch(
        "verdicts",
        queryset=Verdict.objects.filter(published_at__isnull=False)
        .select_related("rating")
        .order_by("-version"),
        to_attr="published_verdicts",
    )


def current_verdict_prefetch(*fields: str) -> Prefetch:
    """A claim's current published verdict (the newest published version) with its rating, as
    the one-item list `claim.current_verdicts`, reading only ``fields`` (on the verdict, or
    `rating__…`). A sliced prefetch: one row per claim, whatever the number of versions."""
    verdicts = (
        Verdict.objects.filter(published_at__isnull=False)
        .select_related("rating")
        .only("claim", "version", *fields)
        .order_by("-version")
    )
    return Prefetch("verdicts", queryset=verdicts[:1], to_attr="current_verdicts")


def first_appearance_prefetch() -> Prefetch:
    """The appearance in the earliest-published article (by its `published_at`, else when it
    was stored), as the one-item list `claim.first_appearances`: when the claim was first
    made, as its ClaimReview dates it (claims.claimreview). A claim quoted in a thousand
    articles still costs one appearance row."""
    appearances = (
        Appearance.objects.select_related("article")
        .only("claim", "article__url", "article__published_at", "article__created_at")
        .order_by(Coalesce("article__published_at", "article__created_at"), "article_id")
    )
    return Prefetch("appearances", queryset=appearances[:1], to_attr="first_appearances")


def current_verdicts(claim_ids: list[int]) -> QuerySet[Verdict]:
    """The current published verdict (the newest published version) of each of these claims,
    in one query on any database (no DISTINCT ON)."""
    newest = (
        Verdict.objects.filter(claim=OuterRef("claim"), published_at__isnull=False)
        .order_by("-version")
        .values("version")[:1]
    )
    return Verdict.objects.filter(
        claim_id__in=claim_ids, published_at__isnull=False, version=Subquery(newest)
    )


# The admin's test for showing the desk (ModelAdmin.has_view_permission): both desk roles
# (fact-checkers, editors: migration 0002) have these; staff with no group and plain users do not.
DESK_READ_PERMISSIONS = ("claims.view_claim", "claims.change_claim")


def reads_desk(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    """Whether this reader may see the desk's work: drafts, assignees, who did what."""
    return (
        user is not None
        and user.is_authenticated
        and any(user.has_perm(perm) for perm in DESK_READ_PERMISSIONS)
    )


def reads_published_only(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    """Whether this reader sees published fact-checks only, as an anonymous one does."""
    return not reads_desk(user)


def readable_claims(user: AbstractBaseUser | AnonymousUser | None) -> QuerySet[Claim]:
    """Readers without a desk role see published fact-checks only; the desk sees everything."""
    if reads_published_only(user):
        return Claim.objects.filter(status=Status.PUBLISHED)
    return Claim.objects.all()


def claim_summaries(*, user: AbstractBaseUser | AnonymousUser | None) -> QuerySet[Claim]:
    """Claims this user may read, with only what a row of the claim list shows.

    Two queries after the claims whatever the page size, each bounded per claim: the current
    published verdict (with its rating) and the earliest-published article the claim appears
    in. A claim quoted in a thousand articles still costs one appearance row, not a thousand.
    """
    return (
        readable_claims(user)
        .select_related("claimant", "assignee")
        .only(
            *["id", "statement", "kind", "score", "status", "created_at", "updated_at"],
            *["claimant", "claimant__name", "assignee", "assignee__username"],
        )
        .prefetch_related(
            current_verdict_prefetch("rating__label", "rating__slug"), first_appearance_prefetch()
        )
    )


# An article's full texts (often tens of kilobytes each): never needed to show a claim.
ARTICLE_TEXTS = ("article__text", "article__raw_text")


def claim_list(*, user: AbstractBaseUser | AnonymousUser | None) -> QuerySet[Claim]:
    """Claims this user may read, with everything a claim's full representation shows.

    Readers without a desk role see published fact-checks only; the desk sees everything.
    """
    claims = (
        readable_claims(user)
        .select_related("claimant", "assignee")
        .prefetch_related(
            Prefetch(
                "appearances",
                queryset=Appearance.objects.select_related("article")
                .defer(*ARTICLE_TEXTS)
                .order_by("article_id", "start", "id"),
            ),
            Prefetch("sources", queryset=Source.objects.select_related("added_by")),
        )
    )
    if reads_desk(user):
        # Published versions and the draft in one query (one fewer per claim shown), as
        # `claim.verdict_versions`, newest first; the serializer splits them.
        return claims.prefetch_related(
            Prefetch(
                "verdicts",
                queryset=Verdict.objects.select_related("rating").order_by("-version"),
                to_attr="verdict_versions",
            )
        )
    return claims.prefetch_related(published_verdicts())


def article_list() -> QuerySet[Article]:
    """Articles with their publisher and their claims in text order."""
    appearances = Appearance.objects.select_related("claim__claimant").order_by("start", "id")
    return Article.objects.select_related("publisher").prefetch_related(
        Prefetch("appearances", queryset=appearances)
    )


def claim_review_list() -> QuerySet[Claim]:
    """Published claims with what their ClaimReview markup needs."""
    return (
        Claim.objects.filter(status=Status.PUBLISHED)
        .select_related("claimant")
        .prefetch_related(
            Prefetch(
                "appearances",
                queryset=Appearance.objects.select_related("article")
                .defer(*ARTICLE_TEXTS)
                .order_by("article_id"),
            ),
            published_verdicts(),
        )
    )


def claim_export(*, user: AbstractBaseUser | AnonymousUser | None) -> QuerySet[Claim]:
    """Claims this user may read with what an export row holds (claims.export): the claimant,
    the assignee, the current published verdict with its rating and the earliest-published
    article. Two queries per chunk of claims after the claims', each bounded per claim."""
    return (
        readable_claims(user)
        .select_related("claimant", "assignee")
        .prefetch_related(
            current_verdict_prefetch(
                *["summary", "explanation", "fact_check_url", "published_at"],
                *["rating__label", "rating__value"],
            ),
            first_appearance_prefetch(),
        )
    )


def fact_check_list(*, q: str = "", rating: Rating | None = None) -> QuerySet[Claim]:
    """Published fact-checks for the public index, newest first, with what a row shows: the
    statement, the claimant's name, the current verdict's rating and summary, and the dates.

    Two queries after the page's (the current verdict with its rating, whatever the page size),
    and nothing the desk alone may see.
    """
    first_published = Verdict.objects.filter(
        claim=OuterRef("pk"), published_at__isnull=False
    ).order_by("version")
    claims = (
        Claim.objects.filter(status=Status.PUBLISHED)
        .select_related("claimant")
        .only("id", "statement", "claimant", "claimant__name")
        .annotate(first_published=Subquery(first_published.values("published_at")[:1]))
        .prefetch_related(
            current_verdict_prefetch("summary", "published_at", "rating__label", "rating__colour")
        )
    )
    claims = claim_search(claims, q)
    if rating is not None:
        claims = claims_rated(claims, rating.slug)
    return claims.order_by(F("first_published").desc(nulls_last=True), "-pk")


def fact_check_detail() -> QuerySet[Claim]:
    """Published fact-checks with everything their public page shows: the claimant, every
    published verdict version (the current one and its corrections), the sources and the
    articles the claim appears in with their publishers (the ClaimReview markup's inputs)."""
    return (
        Claim.objects.filter(status=Status.PUBLISHED)
        .select_related("claimant")
        .prefetch_related(
            Prefetch(
                "appearances",
                queryset=Appearance.objects.select_related("article__publisher")
                .defer(*ARTICLE_TEXTS)
                .order_by("article_id", "start", "id"),
            ),
            Prefetch("sources", queryset=Source.objects.order_by("created_at", "id")),
            published_verdicts(),
        )
    )


def rating_scale() -> tuple[int, int] | None:
    """The numeric verdict scale as (worst, best), or None when no rating has a value."""
    bounds = Rating.objects.filter(value__isnull=False).aggregate(
        worst=Min("value"), best=Max("value")
    )
    if bounds["worst"] is None:
        return None
    return bounds["worst"], bounds["best"]


def claimant_list() -> QuerySet[Claimant]:
    return Claimant.objects.prefetch_related("aliases")


def source_list() -> QuerySet[Source]:
    return Source.objects.select_related("added_by")


def transition_list() -> QuerySet[Transition]:
    return Transition.objects.select_related("by")
