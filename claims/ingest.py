"""The ingest service: one article in, its claims recorded, in one atomic write.

Shared by `manage.py ingest`, the API and the admin's "re-run extraction". Extraction (CPU) runs
before the transaction opens; the write is a fixed number of bulk queries whatever the number
of claims, so a batch costs the same per article however long its articles are.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Q

from articles.models import Article, Publisher, content_hash
from articles.validators import article_input_problem
from claims.bulk import copy_create, copy_insert, copy_supported
from claims.extraction import CandidateClaim, Extraction, extract
from claims.models import Appearance, Claim, Claimant, ClaimantAlias, Status, statement_key
from config.cache import bump_data_version

logger = logging.getLogger(__name__)


class IngestStatus(StrEnum):
    CREATED = "created"
    UNCHANGED = "unchanged"
    UPDATED = "updated"
    DRY_RUN = "dry-run"


class IngestError(ValueError):
    """Input that cannot become an article; the message names the reason."""


@dataclass(frozen=True)
class IngestResult:
    status: IngestStatus
    extraction: Extraction
    article: Article | None = None
    claims_created: int = 0
    appearances_created: int = 0
    appearances_removed: int = 0
    claims: list[Claim] = field(default_factory=list)


@dataclass(frozen=True)
class ArticleInput:
    """One article as received, with the metadata its source carried."""

    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: dt.datetime | None = None
    authors: Sequence[str] = ()
    raw_text: str | None = None
    language: str = "en"


def article_ingest(
    *,
    text: str,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    published: dt.datetime | None = None,
    authors: Sequence[str] = (),
    raw_text: str | None = None,
    language: str = "en",
    dry_run: bool = False,
) -> IngestResult:
    """Extract the claims of one article and record them; raise IngestError if it cannot be.

    - The same cleaned text again is `unchanged` and writes nothing.
    - New text at a URL already stored is `updated` (see `reconcile_claims`): claims still in
      the text keep their appearance and every bit of desk work on them.
    - Identical statements across articles are one Claim with an Appearance per article.
    - `dry_run` extracts only and never touches the database.
    """
    item = ArticleInput(text, title, url, publisher, published, tuple(authors), raw_text, language)
    (outcome,) = articles_ingest([item], dry_run=dry_run)
    if isinstance(outcome, IngestError):
        raise outcome
    return outcome


def articles_ingest(
    items: Sequence[ArticleInput], *, dry_run: bool = False
) -> list[IngestResult | IngestError]:
    """Ingest several articles: one outcome per item, in order, each article all or nothing.

    New articles (new text at a new or no URL) are written together: one transaction and a
    fixed number of queries for the whole batch. If that write fails (a concurrent ingest
    stored the same URL or statement meanwhile, say, or PostgreSQL broke a deadlock with one),
    it rolls back whole and the articles are looked up again: what the other ingest stored is
    now unchanged, and the rest is written together again (`BATCH_WRITE_ATTEMPTS` tries in all,
    then one article at a time). Updates, unchanged texts and repeats within the batch go one
    at a time, in order.
    """
    outcomes: list[IngestResult | IngestError | None] = [None] * len(items)
    extracted: dict[int, Extraction] = {}
    for index, item in enumerate(items):
        try:
            extracted[index] = _extract(item)
        except IngestError as error:
            outcomes[index] = error
    if dry_run:
        for index, extraction in extracted.items():
            outcomes[index] = IngestResult(status=IngestStatus.DRY_RUN, extraction=extraction)
        return outcomes
    if not extracted:
        return outcomes

    hashes = {index: content_hash(extraction.text) for index, extraction in extracted.items()}
    remaining = list(extracted)
    for attempt in range(1, BATCH_WRITE_ATTEMPTS + 1):
        batch, one_by_one = _sort_out(items, hashes, remaining, extracted, outcomes)
        if not batch:
            break
        try:
            created = _write_new([(items[i], extracted[i]) for i in batch])
        except (IntegrityError, OperationalError) as error:
            if isinstance(error, OperationalError) and not _is_deadlock(error):
                raise
            again = attempt < BATCH_WRITE_ATTEMPTS
            logger.info(
                "writing %d articles at once failed (%s): %s",
                len(batch),
                error,
                "looking again" if again else "one at a time",
            )
            # In input order again: a URL written twice must end with its later text.
            remaining = sorted(batch + one_by_one)
            one_by_one = remaining
            continue
        for index, result in zip(batch, created, strict=True):
            outcomes[index] = result
        break
    for index in one_by_one:
        outcomes[index] = _write_one(items[index], extracted[index])
    return outcomes


# A batch that failed on a concurrent writer's row waited for that writer's commit first, so a
# fresh look-up finds the row: the text is then unchanged, the statement an existing claim.
# Writing the batch again beats writing it one article at a time (a few times slower) unless
# yet another writer gets in the way; after this many tries, it goes one at a time.
BATCH_WRITE_ATTEMPTS = 3


def _sort_out(
    items: Sequence[ArticleInput],
    hashes: dict[int, str],
    indexes: list[int],
    extracted: dict[int, Extraction],
    outcomes: list,
) -> tuple[list[int], list[int]]:
    """Of these items: the stored texts get their outcome (unchanged) here; returns the new
    ones to write together, and those to write one at a time (repeats within the batch,
    updates of a stored URL), each in input order."""
    stored = Article.objects.defer("raw_text").in_bulk(
        [hashes[i] for i in indexes], field_name="content_hash"
    )
    urls = {items[i].url for i in indexes if items[i].url}
    stored_urls = set(Article.objects.filter(url__in=urls).values_list("url", flat=True))
    batch, one_by_one, seen = [], [], set()
    for index in indexes:
        digest, url = hashes[index], items[index].url or ""
        if digest in stored:
            outcomes[index] = IngestResult(IngestStatus.UNCHANGED, extracted[index], stored[digest])
        elif digest in seen or url in stored_urls or (url and url in seen):
            one_by_one.append(index)
        else:
            batch.append(index)
            seen.update({digest, url} - {""})
    return batch, one_by_one


def _is_deadlock(error: OperationalError) -> bool:
    """PostgreSQL broke a deadlock by failing this transaction: two batches wrote the same
    new keys (a text, a statement) in different orders. Nothing of it was kept."""
    return getattr(error.__cause__, "sqlstate", None) == "40P01"


def _extract(item: ArticleInput) -> Extraction:
    problem = article_input_problem(
        text=item.text,
        raw_text=item.raw_text,
        title=item.title,
        url=item.url,
        publisher=item.publisher,
        authors=item.authors,
        published=item.published,
    )
    if problem:
        raise IngestError(problem)
    return extract_article(item.text, title=item.title)


def extract_article(text: str, *, title: str | None) -> Extraction:
    """The pipeline's extraction of an article's text, at the configured threshold.

    Raises IngestError when there is nothing to extract from.
    """
    if not text or not text.strip():
        raise IngestError("the article text is empty")
    extraction = extract(text, title=title, threshold=settings.CLAIMTRACK_CHECKWORTHINESS_THRESHOLD)
    if not extraction.text.strip():
        raise IngestError("nothing is left of the text once boilerplate is removed")
    return extraction


def _fields(item: ArticleInput, extraction: Extraction, publisher: Publisher | None) -> dict:
    byline = [extraction.byline] if extraction.byline else []
    return {
        "title": (item.title or extraction.title or "")[:500],
        "publisher": publisher,
        "authors": list(item.authors) or byline,
        "published_at": item.published,
        "language": item.language,
        "text": extraction.text,
        "raw_text": item.text if item.raw_text is None else item.raw_text,
        "content_hash": content_hash(extraction.text),
        "extractor_version": extraction.extractor_version,
        "model_version": extraction.model_version,
    }


def _relaxed_commit() -> None:
    if connection.vendor == "postgresql" and not settings.CLAIMTRACK_INGEST_SYNCHRONOUS_COMMIT:
        # Don't wait for the WAL flush at commit (3-4 ms here, more than the rest of an
        # article's write). A crash can lose the last fraction of a second of commits, never
        # corrupt or half-write one, and ingest is idempotent: re-running the batch restores it.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _appearances(article: Article, wanted: dict) -> list[Appearance]:
    return [
        Appearance(
            claim_id=claim_id,
            article=article,
            sentence=c.sentence,
            start=start,
            end=end,
            is_quote=c.is_quote,
        )
        for (claim_id, start, end), c in wanted.items()
    ]


@transaction.atomic
def _write_new(pairs: list[tuple[ArticleInput, Extraction]]) -> list[IngestResult]:
    """New articles, their claims and appearances: a fixed number of queries for the lot."""
    _relaxed_commit()
    bump_data_version()
    publishers: dict[tuple[str | None, str], Publisher | None] = {}
    fields = []
    for item, extraction in pairs:
        key = (item.publisher, _domain(item.url or ""))
        if key not in publishers:
            publishers[key] = _publisher(item.publisher, item.url or "")
        fields.append({"url": item.url or "", **_fields(item, extraction, publishers[key])})
    if copy_supported():
        columns = [name if name != "publisher" else "publisher_id" for name in fields[0]]
        rows = [
            tuple(v.pk if n == "publisher" and v is not None else v for n, v in f.items())
            for f in fields
        ]
        articles = copy_create(Article, columns, rows)
    else:
        articles = Article.objects.bulk_create([Article(**f) for f in fields])

    candidates = [c for _, extraction in pairs for c in extraction.claims]
    keys_of = [[statement_key(c.statement) for c in extraction.claims] for _, extraction in pairs]
    model_version = pairs[0][1].model_version
    claims, new_keys = _claims_for(
        candidates,
        model_version=model_version,
        new_keys=True,
        keys=[key for keys in keys_of for key in keys],
        copy=copy_supported(),
    )
    results, appearances, credited = [], [], set()
    for article, (_, extraction), keys in zip(articles, pairs, keys_of, strict=True):
        wanted = {
            (claims[k].pk, c.start, c.end): c for k, c in zip(keys, extraction.claims, strict=True)
        }
        appearances += [
            (claim_id, article.pk, c.sentence, start, end, c.is_quote)
            for (claim_id, start, end), c in wanted.items()
        ]
        mine = {k for k in keys if k in new_keys} - credited
        credited |= mine
        results.append(
            IngestResult(
                status=IngestStatus.CREATED,
                extraction=extraction,
                article=article,
                claims_created=len(mine),
                appearances_created=len(wanted),
                claims=list(dict.fromkeys(claims[k] for k in keys)),
            )
        )
    _insert_new_appearances(appearances)
    return results


_APPEARANCE_COLUMNS = ("claim_id", "article_id", "sentence", "start", "end", "is_quote")


def _insert_new_appearances(rows: list[tuple]) -> None:
    """Appearances in articles created by this transaction: none can exist already, and each
    (claim, start, end) is once per article (`wanted` is keyed by it), so no conflict to ignore.

    PostgreSQL: COPY (see claims.bulk); elsewhere bulk_create.
    """
    if copy_supported():
        copy_insert(Appearance, _APPEARANCE_COLUMNS, rows)
    else:
        Appearance.objects.bulk_create(
            [Appearance(**dict(zip(_APPEARANCE_COLUMNS, row, strict=True))) for row in rows]
        )


def _write_one(item: ArticleInput, extraction: Extraction) -> IngestResult:
    """One article on its own: unchanged, created, or an update of the text at its URL."""
    digest = content_hash(extraction.text)
    for attempt in range(2):
        existing = Article.objects.defer("raw_text").filter(content_hash=digest).first()
        if existing is not None:
            return IngestResult(IngestStatus.UNCHANGED, extraction, existing)
        try:
            return _write(item, extraction)
        except IntegrityError:
            # A concurrent ingest (another worker) stored the same text or URL between the
            # look-up and the write. Look again: this article is now unchanged, or an update
            # of what the other one stored.
            if attempt:
                raise
    raise AssertionError("unreachable")


@transaction.atomic
def _write(item: ArticleInput, extraction: Extraction) -> IngestResult:
    _relaxed_commit()
    bump_data_version()
    url = item.url or ""
    fields = _fields(item, extraction, _publisher(item.publisher, url))
    # Lock the stored version at this URL so two updates of one article cannot interleave.
    article = Article.objects.select_for_update().filter(url=url).first() if url else None
    if article is None:
        article = Article(url=url, **fields)
        article.save()
        status = IngestStatus.CREATED
    else:
        for name, value in fields.items():
            if name in ("publisher", "published_at", "title") and not value:
                continue  # an update without metadata keeps what was known
            setattr(article, name, value)
        article.save()
        status = IngestStatus.UPDATED

    if status is IngestStatus.CREATED:
        claims, created = _claims_for(extraction.claims, model_version=extraction.model_version)
        wanted = {
            (claims[statement_key(c.statement)].pk, c.start, c.end): c for c in extraction.claims
        }
        Appearance.objects.bulk_create(_appearances(article, wanted), ignore_conflicts=True)
        added, removed = len(wanted), 0
    else:
        reconciled = reconcile_claims(article, extraction)
        claims, created = reconciled.claims, reconciled.claims_created
        added, removed = reconciled.appearances_created, reconciled.appearances_removed
    return IngestResult(
        status=status,
        extraction=extraction,
        article=article,
        claims_created=created,
        appearances_created=added,
        appearances_removed=removed,
        claims=list(claims.values()),
    )


@dataclass(frozen=True)
class Reconciled:
    claims: dict[str, Claim]
    claims_created: int
    appearances_created: int
    appearances_removed: int
    claims_rescored: int


def reconcile_claims(article: Article, extraction: Extraction) -> Reconciled:
    """Bring a stored article's claims in line with a new extraction of its (new) text.

    Used when new text arrives at a known URL and when an editor re-runs extraction. Claims
    still found keep their appearance; new ones are recorded; untouched claims take the current
    model's score. An appearance the new run does not find goes, unless somebody has worked on
    its claim (or added it by hand) and the text still reads the same at its span: desk work is
    never lost to a re-extraction. Claims nobody mentions or worked on any more are removed.
    Call inside the transaction that saved the article's new text.
    """
    claims, created = _claims_for(extraction.claims, model_version=extraction.model_version)
    rescored = []
    for candidate in extraction.claims:
        key = statement_key(candidate.statement)
        claim = claims[key]
        untouched = claim.statement_key == key and claim.status == Status.NEW
        if untouched and (claim.score, claim.model_version) != (
            candidate.score,
            extraction.model_version,
        ):
            claim.score, claim.model_version = candidate.score, extraction.model_version
            rescored.append(claim)
    Claim.objects.bulk_update(rescored, ["score", "model_version"])

    wanted = {(claims[statement_key(c.statement)].pk, c.start, c.end): c for c in extraction.claims}
    stale, stale_claims = [], set()
    for appearance in article.appearances.select_related("claim"):
        span = (appearance.claim_id, appearance.start, appearance.end)
        if span in wanted:
            del wanted[span]  # still in the text at the same place: keep it
            continue
        still_there = article.text[appearance.start : appearance.end] == appearance.sentence
        desk_work = appearance.claim.status != Status.NEW or not appearance.claim.model_version
        if still_there and desk_work:
            continue
        stale.append(appearance.pk)
        stale_claims.add(appearance.claim_id)
    removed, _ = Appearance.objects.filter(pk__in=stale).delete()
    _drop_orphans(stale_claims)
    Appearance.objects.bulk_create(_appearances(article, wanted), ignore_conflicts=True)
    return Reconciled(
        claims=claims,
        claims_created=created,
        appearances_created=len(wanted),
        appearances_removed=removed,
        claims_rescored=len(rescored),
    )


def _domain(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.") if url else ""


def _publisher(name: str | None, url: str) -> Publisher | None:
    domain = _domain(url)
    if name:
        publisher, created = Publisher.objects.get_or_create(
            name=name.strip()[:200], defaults={"domain": ""}
        )
        if created and domain and not Publisher.objects.filter(domain=domain).exists():
            publisher.domain = domain
            publisher.save(update_fields=["domain"])
        return publisher
    if domain:
        return Publisher.objects.filter(domain=domain).first() or Publisher.objects.create(
            name=domain, domain=domain
        )
    return None


def _claimants(candidates: Sequence[CandidateClaim], *, copy: bool = False) -> dict[str, Claimant]:
    """Claimants by alias key: found by any known name, created (with an alias) when new.

    copy: as for `_claims_for`; an alias a concurrent ingest added meanwhile then fails the
    transaction instead of being left to that ingest."""
    described = {}
    for c in candidates:
        if c.claimant:
            described.setdefault(ClaimantAlias.key_for(c.claimant), c)
    if not described:
        return {}
    found = {
        alias.key: alias.claimant
        for alias in ClaimantAlias.objects.select_related("claimant").filter(key__in=described)
    }
    missing = sorted(key for key in described if key not in found)
    if not missing:
        return found
    names = [
        (described[key].claimant[:200], (described[key].claimant_description or "")[:300])
        for key in missing
    ]
    if copy:
        new = copy_create(Claimant, ("name", "description"), names)
        copy_insert(
            ClaimantAlias,
            ("claimant_id", "name", "key"),
            [(claimant.pk, claimant.name, key) for key, claimant in zip(missing, new, strict=True)],
        )
    else:
        new = Claimant.objects.bulk_create(
            [Claimant(name=name, description=description) for name, description in names]
        )
        # A concurrent ingest may have added the same alias meanwhile: its claimant is kept
        # for that name and ours is left for an editor to merge, rather than failing the write.
        ClaimantAlias.objects.bulk_create(
            [
                ClaimantAlias(claimant=claimant, name=claimant.name, key=key)
                for key, claimant in zip(missing, new, strict=True)
            ],
            ignore_conflicts=True,
        )
    found.update(zip(missing, new, strict=True))
    return found


def _claims_for(
    candidates: Sequence[CandidateClaim],
    *,
    model_version: str,
    new_keys: bool = False,
    keys: Sequence[str] | None = None,
    copy: bool = False,
) -> tuple[dict[str, Claim], int | set[str]]:
    """The Claim of each candidate by statement key, creating the new ones in one query.

    keys: the candidates' statement keys, when the caller has them already (hashing every
    statement twice was a tenth of a batch write's Python time).
    copy: insert the new claims by COPY (PostgreSQL) instead of an upsert. A statement a
    concurrent ingest stored meanwhile then fails the transaction with IntegrityError instead
    of landing on that claim: for callers that retry one article at a time (`_write_new`)."""
    claimants = _claimants(candidates, copy=copy)
    if keys is None:
        keys = [statement_key(c.statement) for c in candidates]
    by_key: dict[str, CandidateClaim] = {}
    for key, c in zip(keys, candidates, strict=True):
        by_key.setdefault(key, c)
    existing = {
        claim.statement_key: claim
        for claim in Claim.objects.select_related("duplicate_of").filter(statement_key__in=by_key)
    }
    if copy:
        # In key order: two ingests inserting the same keys wait for each other instead of
        # deadlocking.
        rows = [
            (
                c.statement,
                key,
                c.kind,
                c.score,
                model_version,
                _pk(claimants.get(ClaimantAlias.key_for(c.claimant))) if c.claimant else None,
            )
            for key, c in sorted(by_key.items())
            if key not in existing
        ]
        new = copy_create(Claim, _CLAIM_COLUMNS, rows)
    else:
        new = [
            Claim(
                statement=c.statement,
                statement_key=key,
                kind=c.kind,
                score=c.score,
                model_version=model_version,
                claimant=claimants.get(ClaimantAlias.key_for(c.claimant)) if c.claimant else None,
            )
            for key, c in by_key.items()
            if key not in existing
        ]
    if new and not copy:
        # Upsert on the statement: a concurrent ingest of the same statement must land on one
        # claim, not fail this article's transaction. The no-op update returns every id.
        Claim.objects.bulk_create(
            new,
            update_conflicts=True,
            unique_fields=["statement_key"],
            update_fields=["statement_key"],
        )
    claims = {**existing, **{claim.statement_key: claim for claim in new}}
    # A claim merged into another records its new appearances on the survivor.
    for key, claim in claims.items():
        if claim.duplicate_of_id is not None:
            claims[key] = claim.duplicate_of
    return claims, ({c.statement_key for c in new} if new_keys else len(new))


def _pk(instance: Claimant | None) -> int | None:
    return None if instance is None else instance.pk


_CLAIM_COLUMNS = ("statement", "statement_key", "kind", "score", "model_version", "claimant_id")


def _drop_orphans(claim_ids: set[int]) -> None:
    """Of these claims, those no article mentions any more and nobody has worked on go."""
    if not claim_ids:
        return
    Claim.objects.filter(
        Q(pk__in=claim_ids),
        Q(status=Status.NEW) & Q(appearances__isnull=True) & Q(transitions__isnull=True),
        Q(sources__isnull=True) & Q(verdicts__isnull=True) & Q(duplicates__isnull=True),
    ).delete()
