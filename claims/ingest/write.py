"""The one write of an ingested article: look it up, then create it or reconcile it.

Shared by `manage.py ingest`, the API and the admin's "re-run extraction". Extraction (CPU)
runs before the transaction opens; the write is a fixed number of queries whatever the number
of claims.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Q

from articles.inputs import Document
from articles.models import Article, Publisher, content_hash
from articles.services import domain_of, publisher_for
from claims.extraction import CandidateClaim, Extraction
from claims.extraction.attribution import speaker_type
from claims.ingest.read import IngestError, extraction_of, stored_document
from claims.models import Appearance, Claim, Claimant, ClaimantAlias, Status, statement_key
from config.cache import bump_data_version

logger = logging.getLogger(__name__)


class IngestStatus(StrEnum):
    CREATED = "created"
    UNCHANGED = "unchanged"
    UPDATED = "updated"
    DRY_RUN = "dry-run"


@dataclass(frozen=True)
class IngestResult:
    """What became of one document: its extraction, and the article and rows it wrote."""

    status: IngestStatus
    document: Document
    extraction: Extraction
    article: Article | None = None
    claims_created: int = 0
    appearances_created: int = 0
    appearances_removed: int = 0
    claims_rescored: int = 0


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
    - New text at a URL already stored is `updated`: claims still in the text keep their
      appearance and every bit of desk work on them.
    - Identical statements across articles are one Claim with an Appearance per article.
    - `dry_run` extracts only and never touches the database.
    """
    document = Document(
        text=text,
        title=title,
        url=url,
        publisher=publisher,
        published=published,
        authors=tuple(authors),
        raw_text=raw_text,
        language=language,
    )
    extraction = extraction_of(document)
    if dry_run:
        return IngestResult(IngestStatus.DRY_RUN, document, extraction)
    (result,) = articles_write([(document, extraction)])
    return result


# A write that failed on a concurrent writer's row is looked up and written again this many
# times in all: by then the other writer has committed, so its rows are found.
WRITE_ATTEMPTS = 3


def articles_write(pairs: Sequence[tuple[Document, Extraction]]) -> list[IngestResult]:
    """Record extracted articles in one transaction, each as if written alone in input order:
    created when its text and URL are new, unchanged when its text is stored (nothing is
    written), updated when its URL is stored with another text (see `_reconcile`).

    The caller chooses the transaction's size: one article (the API), or a few dozen (a
    stream, where a transaction per article would cost more round trips than its rows).

    Two ingests of the same article at once (two workers, a syndicated story) are kept apart
    by the database: content hash and URL are unique, so the later writer waits for the
    earlier one's commit and fails with IntegrityError. Its transaction rolls back whole and
    is looked up and written again: what the other stored is then found, unchanged or to
    update. Claimant names and statements are inserted in key order, so that two writers wait
    for each other instead of deadlocking; two batches given the same new texts in opposite
    orders can still deadlock, and PostgreSQL's breaking it (failing one) is taken the same way.
    """
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            results = _write(pairs)
        except (IntegrityError, OperationalError) as error:
            deadlock = getattr(error.__cause__, "sqlstate", None) == "40P01"
            if attempt == WRITE_ATTEMPTS or not (isinstance(error, IntegrityError) or deadlock):
                raise
            logger.info(
                "a concurrent ingest stored an article meanwhile (%s): looking again", error
            )
            continue
        _match_claims(results)
        return results
    raise AssertionError("unreachable")


def _match_claims(results: Sequence[IngestResult]) -> None:
    """The claims of new and changed articles are rescored with the default model (when
    scoring is two-stage) and matched against what was stored before: tasks queued when the
    write commits, run by a worker, or here at once with no broker (the embedded default).
    Either way after the articles' transaction: a match never holds their rows' locks."""
    from claims.tasks import match_articles, rescore_articles  # the tasks import ingest
    from config.celery import enqueue

    article_ids = [
        r.article.pk
        for r in results
        if r.status in (IngestStatus.CREATED, IngestStatus.UPDATED) and r.article is not None
    ]
    if not article_ids:
        return
    if settings.CLAIMTRACK_TWO_STAGE_SCORING:
        enqueue(rescore_articles, article_ids)
    if settings.CLAIMTRACK_MATCH_ON_INGEST:
        enqueue(match_articles, article_ids)


def _write(pairs: Sequence[tuple[Document, Extraction]]) -> list[IngestResult]:
    runs = list(_runs(pairs))
    if not runs:
        return []
    first = _plan(runs[0])
    if len(runs) == 1 and all(status is IngestStatus.UNCHANGED for status, _ in first):
        # Nothing to write: no transaction at all.
        return [IngestResult(s, d, e, a) for (s, a), (d, e) in zip(first, pairs, strict=True)]
    results = []
    with transaction.atomic():
        _relaxed_commit()
        bump_data_version()  # once per transaction: the API's cached pages go when it commits
        for index, run in enumerate(runs):
            results += _write_run(run, first if index == 0 else _plan(run))
    return results


def _runs(pairs: Sequence[tuple[Document, Extraction]]):
    """Consecutive pairs in which no text and no URL occurs twice: within a run, each article
    depends on the stored ones only, so a run is looked up and written at once."""
    run, seen = [], set()
    for document, extraction in pairs:
        keys = {content_hash(extraction.text), document.url or ""} - {""}
        if keys & seen:
            yield run
            run, seen = [], set()
        run.append((document, extraction))
        seen |= keys
    if run:
        yield run


def _plan(run: list[tuple[Document, Extraction]]) -> list[tuple[IngestStatus, Article]]:
    """Each pair's status and article (stored, or new and unsaved), as if written in order."""
    digests = [content_hash(extraction.text) for _, extraction in run]
    urls = {document.url for document, _ in run if document.url}
    stored = Article.objects.defer("raw_text").filter(Q(content_hash__in=digests) | Q(url__in=urls))
    by_hash = {article.content_hash: article for article in stored}
    by_url = {article.url: article for article in by_hash.values() if article.url}
    plan = []
    for (document, _), digest in zip(run, digests, strict=True):
        if digest in by_hash:
            plan.append((IngestStatus.UNCHANGED, by_hash[digest]))
        elif document.url and document.url in by_url:
            article = by_url[document.url]
            del by_hash[article.content_hash]  # this text is no longer stored
            by_hash[digest] = article
            plan.append((IngestStatus.UPDATED, article))
        else:
            plan.append((IngestStatus.CREATED, Article(url=document.url or "")))
    return plan


def _write_run(
    run: list[tuple[Document, Extraction]], plan: list[tuple[IngestStatus, Article]]
) -> list[IngestResult]:
    updated = {a.pk for s, a in plan if s is IngestStatus.UPDATED}
    # Locked, so that two updates of one article cannot interleave their reconciliations.
    locked = Article.objects.select_for_update().order_by("pk").in_bulk(updated)
    publishers = {}
    for document, _ in sorted(run, key=lambda pair: (pair[0].publisher or "", pair[0].url or "")):
        key = (document.publisher, domain_of(document.url or ""))
        if key not in publishers:
            publishers[key] = publisher_for(name=document.publisher, url=document.url or "")
    articles, written = [], []
    for (document, extraction), (status, article) in zip(run, plan, strict=True):
        if status is IngestStatus.UPDATED:
            article = locked[article.pk]
        if status is not IngestStatus.UNCHANGED:
            publisher = publishers[(document.publisher, domain_of(document.url or ""))]
            _take(article, document, extraction, publisher, new=status is IngestStatus.CREATED)
            written.append((article, extraction, status is IngestStatus.CREATED))
        articles.append(article)
    for article, _, new in written:
        if not new:
            article.save()  # before the inserts: a text it gives up may be a new article's
    Article.objects.bulk_create([a for a, _, new in written if new])  # ids in input order
    counts = iter(_reconcile(written))
    results = []
    for (document, extraction), (status, _), article in zip(run, plan, articles, strict=True):
        changed = () if status is IngestStatus.UNCHANGED else next(counts)
        results.append(IngestResult(status, document, extraction, article, *changed))
    return results


def _take(
    article: Article,
    document: Document,
    extraction: Extraction,
    publisher: Publisher | None,
    *,
    new: bool,
) -> None:
    """The article's fields from the document and its extraction. An update without metadata
    keeps what was known."""
    title = (document.title or extraction.title or "")[:500]
    if new or title:
        article.title = title
    if new or publisher is not None:
        article.publisher = publisher
    if new or document.published is not None:
        article.published_at = document.published
    article.authors = list(document.authors) or ([extraction.byline] if extraction.byline else [])
    article.language = document.language
    article.raw_text = document.text if document.raw_text is None else document.raw_text
    _take_text(article, extraction)


def article_reextract(*, article: Article) -> IngestResult:
    """Run the current pipeline over a stored article's text as received, and reconcile its
    claims as an update at its URL does (the text is the same unless the pipeline changed).

    Raises IngestError when the text cannot be read or extracted now, or when the new text
    is another stored article's."""
    document = stored_document(article)
    extraction = extraction_of(document)
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        twin = (
            Article.objects.filter(content_hash=content_hash(extraction.text))
            .exclude(pk=locked.pk)
            .values_list("pk", flat=True)
            .first()
        )
        if twin is not None:
            raise IngestError(f"re-extracted, it would have the same text as article {twin}")
        _take_text(locked, extraction)
        locked.save()
        bump_data_version()
        (counts,) = _reconcile([(locked, extraction, False)])
    article.text = locked.text
    result = IngestResult(IngestStatus.UPDATED, document, extraction, locked, *counts)
    _match_claims([result])
    return result


def _relaxed_commit() -> None:
    if connection.vendor == "postgresql" and not settings.CLAIMTRACK_INGEST_SYNCHRONOUS_COMMIT:
        # Don't wait for the WAL flush at commit (longer than the rest of an article's write).
        # A crash can lose the last fraction of a second of commits, never corrupt or
        # half-write one, and ingest is idempotent: re-running the input restores them.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _take_text(article: Article, extraction: Extraction) -> None:
    article.text = extraction.text
    article.content_hash = content_hash(extraction.text)
    article.extractor_version = extraction.extractor_version
    article.model_version = extraction.model_version


def _reconcile(
    written: list[tuple[Article, Extraction, bool]],
) -> list[tuple[int, int, int, int]]:
    """Bring each saved article's claims in line with its extraction; returns, per article,
    the counts of claims created, appearances created and removed, and claims rescored.

    A new article gets an appearance per candidate. A stored one (new text at its URL, or a
    re-extraction) keeps the claims still found; untouched claims take the current model's
    score. An appearance the new run does not find goes, unless somebody has worked on its
    claim (or added it by hand) and the text still reads the same at its span: desk work is
    never lost to a re-extraction. Claims nobody mentions or worked on any more are removed.
    """
    keys = [[statement_key(c.statement) for c in e.claims] for _, e, _ in written]
    candidates = [c for _, e, _ in written for c in e.claims]
    model_version = written[0][1].model_version if written else ""
    claims, new_keys = _claims_for(
        candidates, [k for ks in keys for k in ks], model_version=model_version
    )
    counts, appearances, credited, stale_claims = [], [], set(), set()
    for (article, extraction, new), article_keys in zip(written, keys, strict=True):
        wanted = {
            (claims[key].pk, c.start, c.end): c
            for key, c in zip(article_keys, extraction.claims, strict=True)
        }
        rescored = removed = 0
        if not new:
            rescored = _rescore(claims, article_keys, extraction)
            removed = _drop_stale(article, wanted, stale_claims)
        appearances += [
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
        mine = (set(article_keys) & new_keys) - credited
        credited |= mine
        counts.append((len(mine), len(wanted), removed, rescored))
    # No ids need to come back; an update's spans still in place were taken out of `wanted`.
    Appearance.objects.bulk_create(appearances, ignore_conflicts=True)
    if stale_claims:
        # Of the claims that lost an appearance, those no article mentions any more and
        # nobody has worked on go (after the inserts: another article may have taken one).
        Claim.objects.filter(
            Q(pk__in=stale_claims),
            Q(status=Status.NEW) & Q(appearances__isnull=True) & Q(transitions__isnull=True),
            Q(sources__isnull=True) & Q(verdicts__isnull=True) & Q(duplicates__isnull=True),
        ).delete()
    return counts


def _rescore(claims: dict[str, Claim], keys: list[str], extraction: Extraction) -> int:
    """Untouched claims (new, found by their own statement) take this run's score."""
    version, rescored = extraction.model_version, []
    for key, candidate in zip(keys, extraction.claims, strict=True):
        claim = claims[key]
        untouched = claim.statement_key == key and claim.status == Status.NEW
        if untouched and (claim.score, claim.model_version) != (candidate.score, version):
            claim.score, claim.model_version = candidate.score, version
            rescored.append(claim)
    Claim.objects.bulk_update(rescored, ["score", "model_version"])
    return len(rescored)


def _drop_stale(article: Article, wanted: dict, stale_claims: set[int]) -> int:
    """Removes the appearances this run no longer finds (but not desk work), takes those
    still in place out of `wanted`, and adds their claims to `stale_claims`; returns how
    many went."""
    stale = []
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
    return removed


def _claimants(candidates: Sequence[CandidateClaim]) -> dict[str, Claimant]:
    """Claimants by alias key: found by any known name, created (with an alias) when new."""
    described: dict[str, CandidateClaim] = {}
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
    new = Claimant.objects.bulk_create(
        [
            Claimant(
                name=described[key].claimant[:200],
                description=(described[key].claimant_description or "")[:300],
                type=speaker_type(described[key].claimant, described[key].claimant_description),
            )
            for key in missing
        ]
    )
    # A concurrent ingest may have added the same alias meanwhile: its claimant is kept for
    # that name and ours is left for an editor to merge, rather than failing the write.
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
    candidates: Sequence[CandidateClaim], keys: Sequence[str], *, model_version: str
) -> tuple[dict[str, Claim], set[str]]:
    """The Claim of each candidate by statement key (a merged claim's survivor), creating the
    new ones in one query; returns them and the keys of the new ones."""
    claimants = _claimants(candidates)
    by_key: dict[str, CandidateClaim] = {}
    for key, c in zip(keys, candidates, strict=True):
        by_key.setdefault(key, c)
    existing = {
        claim.statement_key: claim
        for claim in Claim.objects.select_related("duplicate_of").filter(statement_key__in=by_key)
    }
    new = [
        Claim(
            statement=c.statement,
            statement_key=key,
            kind=c.kind,
            score=c.score,
            model_version=model_version,
            claimant=claimants.get(ClaimantAlias.key_for(c.claimant)) if c.claimant else None,
        )
        for key, c in sorted(by_key.items())
        if key not in existing
    ]
    if new:
        # Upsert on the statement: a concurrent ingest of the same statement lands on one
        # claim instead of failing this article. The no-op update returns every id.
        Claim.objects.bulk_create(
            new,
            update_conflicts=True,
            unique_fields=["statement_key"],
            update_fields=["statement_key"],
        )
    claims = {**existing, **{claim.statement_key: claim for claim in new}}
    for key, claim in claims.items():
        if claim.duplicate_of_id is not None:
            claims[key] = claim.duplicate_of  # its new appearances go to the survivor
    return claims, {claim.statement_key for claim in new}
