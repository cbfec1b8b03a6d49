"""Read queries for claims: the querysets the API (and anything else that lists claims) uses.

Each list is a fixed number of queries whatever its length: relations come with
select_related / prefetch_related here, so a serializer never reaches for the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import Expression, F, Max, Min, Prefetch, QuerySet
from django.db.models.functions import Coalesce

from articles.models import Article
from claims import prepared
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


def published_verdicts() -> Prefetch:
    """A claim's published verdict versions, newest first, as `claim.published_verdicts`."""
    return Prefetch(
        "verdicts",
        queryset=Verdict.objects.filter(published_at__isnull=False)
        .select_related("rating")
        .order_by("-version"),
        to_attr="published_verdicts",
    )


def reads_published_only(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    """Whether this reader sees published fact-checks only (anyone not signed in)."""
    return user is None or not user.is_authenticated


def readable_claims(user: AbstractBaseUser | AnonymousUser | None) -> QuerySet[Claim]:
    """Anonymous readers see published fact-checks only; signed-in users see the whole desk."""
    if reads_published_only(user):
        return Claim.objects.filter(status=Status.PUBLISHED)
    return Claim.objects.all()


def claim_summaries(*, user: AbstractBaseUser | AnonymousUser | None) -> QuerySet[Claim]:
    """Claims this user may read, with only what a row of the claim list shows.

    Two queries after the claims whatever the page size, each bounded per claim: the current
    published verdict (with its rating) and the earliest-published article the claim appears
    in. A claim quoted in a thousand articles still costs one appearance row, not a thousand.
    """
    current_verdict = (
        Verdict.objects.filter(published_at__isnull=False)
        .select_related("rating")
        .only("claim", "version", "rating__label", "rating__slug")
        .order_by("-version")
    )
    # When the claim was first made, as its ClaimReview dates it (claims.claimreview).
    first_appearance = (
        Appearance.objects.select_related("article")
        .only("claim", "article__url", "article__published_at", "article__created_at")
        .order_by(Coalesce("article__published_at", "article__created_at"), "article_id")
    )
    return (
        readable_claims(user)
        .select_related("claimant", "assignee")
        .only(
            *["id", "statement", "kind", "score", "status", "created_at", "updated_at"],
            *["claimant", "claimant__name", "assignee", "assignee__username"],
        )
        .prefetch_related(
            # Sliced prefetches: one row per claim (a window function in the query).
            Prefetch("verdicts", queryset=current_verdict[:1], to_attr="current_verdicts"),
            Prefetch("appearances", queryset=first_appearance[:1], to_attr="first_appearances"),
        )
    )


# What a row of the claim list shows, read as plain values (no model instances): the
# columns of the claim and of its claimant and assignee. `worthiness` is the view's ordering
# annotation, needed for the cursor.
SUMMARY_FIELDS = (
    *("id", "statement", "kind", "score", "status", "created_at", "updated_at"),
    *("claimant_id", "claimant__name", "assignee_id", "assignee__username"),
)


# The two per-page lookups of the claim list, in plain SQL (window functions: PostgreSQL and
# SQLite alike). The same queries through the ORM cost ~6 ms each to build and read, three
# times their raw cost, a fifth of a list request; claim_summaries() is the ORM equivalent.
_CURRENT_RATINGS = """
SELECT v.claim_id, r.slug, r.label FROM (
    SELECT claim_id, rating_id,
        ROW_NUMBER() OVER (PARTITION BY claim_id ORDER BY version DESC) AS rank
    FROM claims_verdict WHERE published_at IS NOT NULL AND claim_id IN ({ids})
) v LEFT JOIN claims_rating r ON r.id = v.rating_id
WHERE v.rank = 1
"""
_FIRST_APPEARANCES = """
SELECT claim_id, article_id, url, published_at FROM (
    SELECT a.claim_id, a.article_id, ar.url, ar.published_at,
        ROW_NUMBER() OVER (
            PARTITION BY a.claim_id
            ORDER BY COALESCE(ar.published_at, ar.created_at), a.article_id
        ) AS rank
    FROM claims_appearance a JOIN articles_article ar ON ar.id = a.article_id
    WHERE a.claim_id IN ({ids})
) f
WHERE rank = 1
"""


def _per_claim(sql: str, claim_ids: list[int]) -> list[tuple]:
    if not claim_ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql.format(ids=", ".join(["%s"] * len(claim_ids))), claim_ids)
        return cursor.fetchall()


def current_ratings(claim_ids: list[int]) -> dict[int, tuple[str, str] | None]:
    """claim id -> (slug, label) of its current published verdict's rating (None: no rating),
    for claims that have a published verdict. One query, one row per claim."""
    rows = _per_claim(_CURRENT_RATINGS, claim_ids)
    return {claim: (slug, label) if slug is not None else None for claim, slug, label in rows}


def first_appearances(claim_ids: list[int]) -> dict[int, tuple[int, str, datetime | None]]:
    """claim id -> (article id, url, published_at) of the earliest-published article the
    claim appears in (as its ClaimReview dates it). One query, one row per claim."""
    moment = _moment_converter()
    return {
        claim: (article, url, moment(published) if moment else published)
        for claim, article, url, published in _per_claim(_FIRST_APPEARANCES, claim_ids)
    }


# An article's full texts (often tens of kilobytes each): never needed to show a claim.
ARTICLE_TEXTS = ("article__text", "article__raw_text")


def claim_list(*, user: AbstractBaseUser | AnonymousUser | None) -> QuerySet[Claim]:
    """Claims this user may read, with everything a claim's full representation shows.

    Anonymous readers see published fact-checks only; signed-in users see the whole desk.
    """
    claims = (
        readable_claims(user)
        .select_related("claimant", "assignee")
        .prefetch_related(
            Prefetch(
                "appearances",
                queryset=Appearance.objects.select_related("article__publisher")
                .defer(*ARTICLE_TEXTS)
                .order_by("article_id", "start"),
            ),
            Prefetch("sources", queryset=Source.objects.select_related("added_by")),
        )
    )
    if user is not None and user.is_authenticated:
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


# A claim's full representation (the detail endpoint and the actions' answers), read as plain
# rows in three queries: the claim (with its claimant and assignee) joined to its current and
# draft verdicts (with their ratings), its appearances (with their articles, never the
# articles' texts) and its sources (with who added them). Plain SQL: through the ORM,
# building each query cost about three times running it. claim_list() and ClaimSerializer
# show the same (claims.api.serializers.claim_detail_body; tests/api/test_claim_detail.py).
#
# The claim comes once per verdict shown: the newest published version and (for the desk)
# the draft, so at most two rows however many corrections the claim has had (one, its
# verdict columns NULL, when it has neither).
_DETAIL_CLAIM = """
SELECT c.id, c.statement, c.kind, c.score, c.model_version, c.status,
    c.claimant_id, ct.name, ct.wikidata_id, c.assignee_id, u.username,
    c.duplicate_of_id, c.created_at, c.updated_at,
    v.id, v.version, v.rating_id, r.label, r.slug, r.value, v.summary, v.explanation,
    v.fact_check_url, v.published_at, v.correction_note, v.created_at, v.updated_at
FROM claims_claim c
LEFT JOIN claims_claimant ct ON ct.id = c.claimant_id
LEFT JOIN {users} u ON u.id = c.assignee_id
LEFT JOIN claims_verdict v ON v.claim_id = c.id AND ({drafts}v.version = (
    SELECT MAX(p.version) FROM claims_verdict p
    WHERE p.claim_id = c.id AND p.published_at IS NOT NULL
))
LEFT JOIN claims_rating r ON r.id = v.rating_id
WHERE c.id = %s{published_only}
ORDER BY v.version DESC
"""
_CLAIM_COLUMNS = 14  # then the verdict's
_DETAIL_APPEARANCES = """
SELECT a.id, a.article_id, ar.url, ar.title, ar.published_at,
    a.sentence, a.start, a."end", a.is_quote
FROM claims_appearance a JOIN articles_article ar ON ar.id = a.article_id
WHERE a.claim_id = %s
ORDER BY a.article_id, a.start, a.id
"""
_DETAIL_SOURCES = """
SELECT s.id, s.url, s.title, s.excerpt, s.stance, s.reliability, s.accessed_at,
    s.archived_url, s.added_by_id, u.username, s.created_at
FROM claims_source s LEFT JOIN {users} u ON u.id = s.added_by_id
WHERE s.claim_id = %s
ORDER BY s.created_at, s.id
"""

# The largest id a claim can have (BigAutoField): a larger one names no claim (and would not
# fit the query's parameter).
_MAX_ID = 2**63 - 1


@dataclass(frozen=True, slots=True)
class ClaimDetailRows:
    """A claim's rows, columns in the order of the _DETAIL_* queries (a verdict's: those of
    _DETAIL_CLAIM after the claim's); moments are datetimes on every database."""

    claim: tuple
    appearances: list[tuple]
    sources: list[tuple]
    verdicts: list[tuple]  # newest first: the draft (desk readers only), the current version
    also: list[tuple] | None = None  # the rows of the caller's `also` statement


def claim_detail(
    pk: int,
    *,
    user: AbstractBaseUser | AnonymousUser | None,
    also: tuple[str, list] | None = None,
) -> ClaimDetailRows | None:
    """The claim with this id as plain rows, if this user may read it (readable_claims):
    three queries whatever the claim's number of appearances, sources and verdicts, sent in
    one round trip on PostgreSQL. `also`: a statement (SQL, parameters) of the caller's to
    send in that same round trip; its rows come back as `.also` (None where statements cannot
    share a round trip: then it is not run, and the caller runs it if it needs it)."""
    if not 0 < pk <= _MAX_ID:
        return None
    users = connection.ops.quote_name(get_user_model()._meta.db_table)
    published_only = reads_published_only(user)
    claim_sql = _DETAIL_CLAIM.format(
        users=users,
        drafts="" if published_only else "v.published_at IS NULL OR ",
        published_only=" AND c.status = %s" if published_only else "",
    )
    statements = [
        (claim_sql, [pk, Status.PUBLISHED] if published_only else [pk]),
        (_DETAIL_APPEARANCES, [pk]),
        (_DETAIL_SOURCES.format(users=users), [pk]),
    ]
    if also is not None and prepared.available():  # the caller's statement, if it rides for free
        statements.append(also)
    rows, appearances, sources, *extra = _fetch_all_in_one_trip(statements)
    if not rows:
        return None
    claim = rows[0][:_CLAIM_COLUMNS]
    verdicts = [row[_CLAIM_COLUMNS:] for row in rows if row[_CLAIM_COLUMNS] is not None]
    moment = _moment_converter()
    if moment is not None:  # SQLite: moments may come back as text
        claim = (*claim[:12], moment(claim[12]), moment(claim[13]))
        appearances = [(*row[:4], moment(row[4]), *row[5:]) for row in appearances]
        sources = [(*row[:6], moment(row[6]), *row[7:10], moment(row[10])) for row in sources]
        verdicts = [(*row[:9], moment(row[9]), row[10], *map(moment, row[11:])) for row in verdicts]
    return ClaimDetailRows(claim, appearances, sources, verdicts, extra[0] if extra else None)


def _fetch_all_in_one_trip(statements: list[tuple[str, list]]) -> list[list[tuple]]:
    """The rows of each statement. On PostgreSQL with client-side parameter binding (Django's
    default for psycopg 3), all statements go in one round trip and each result set is read
    with nextset(): a round trip is most of what a short query costs here. Elsewhere, one
    execute per statement.

    On PostgreSQL each statement is also prepared once per connection and then executed by
    name: planning the claim's five-way join against a table with a dozen indexes took three
    quarters of the trip (3.6 ms for the four statements with plans, 0.9 ms prepared, measured
    on the 1M-claim benchmark database)."""
    with connection.cursor() as cursor:
        if prepared.available():
            return prepared.fetch_all(cursor, statements)
        results = []
        for statement, params in statements:
            cursor.execute(statement, params)
            results.append(cursor.fetchall())
        return results


def _moment_converter():
    """The backend's converter of a raw moment to an aware datetime, if it needs one (SQLite
    hands moments back as text, or naive)."""
    convert = getattr(connection.ops, "convert_datetimefield_value", None)
    if convert is None:
        return None
    return lambda value: convert(value, None, connection)


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


# The ClaimReview feed reads a page's appearances and verdicts as plain rows wrapped in these
# (what claims.claimreview.claim_review reads of them): model instances with their related
# rows cost ~25 ms a page to build, for ~1 ms of SQL.
@dataclass(frozen=True, slots=True)
class ArticleRef:
    pk: int
    url: str
    title: str
    published_at: datetime | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class AppearanceRef:
    article_id: int
    article: ArticleRef


@dataclass(frozen=True, slots=True)
class RatingRef:
    label: str
    value: int | None


@dataclass(frozen=True, slots=True)
class VerdictRef:
    pk: int
    version: int
    published_at: datetime | None
    fact_check_url: str
    rating: RatingRef | None


def claim_review_feed() -> QuerySet[Claim]:
    """Published claims with their claimant; see review_appearances and review_verdicts."""
    return Claim.objects.filter(status=Status.PUBLISHED).select_related("claimant")


def review_appearances(claim_ids: list[int]) -> dict[int, list[AppearanceRef]]:
    """claim id -> its appearances with their articles (all of them: a ClaimReview lists
    every article the claim appears in), in article order. One query."""
    rows = (
        Appearance.objects.filter(claim_id__in=claim_ids)
        .order_by("article_id")
        .values_list(
            *("claim_id", "article_id", "article__url", "article__title"),
            *("article__published_at", "article__created_at"),
        )
    )
    found: dict[int, list[AppearanceRef]] = {pk: [] for pk in claim_ids}
    for claim, article, url, title, published, created in rows:
        found[claim].append(
            AppearanceRef(article, ArticleRef(article, url, title, published, created))
        )
    return found


def review_verdicts(claim_ids: list[int]) -> dict[int, list[VerdictRef]]:
    """claim id -> its published verdict versions, newest first. One query."""
    rows = (
        Verdict.objects.filter(claim_id__in=claim_ids, published_at__isnull=False)
        .order_by("-version")
        .values_list(
            *("claim_id", "id", "version", "published_at", "fact_check_url"),
            *("rating_id", "rating__label", "rating__value"),
        )
    )
    found: dict[int, list[VerdictRef]] = {pk: [] for pk in claim_ids}
    for claim, pk, version, published, url, rating, label, value in rows:
        ref = RatingRef(label, value) if rating is not None else None
        found[claim].append(VerdictRef(pk, version, published, url, ref))
    return found


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
