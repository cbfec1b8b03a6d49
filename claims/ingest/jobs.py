"""Ingest jobs: many articles (or URLs) ingested off the request path, in chunks, by workers.

A job's items are its state. Each chunk is read and extracted outside any transaction, then
its articles and its items' outcomes are written in one transaction (`articles_write` inside
it): either both are stored or neither. A task redelivered after its worker died finds the
items it had committed done, and does the others; an item done twice would find its article
by content hash anyway and write nothing.

A job whose tasks are gone (its worker died with them, the broker forgot them) stays queued
or running, and stops moving: past CLAIMTRACK_JOB_STALE_AFTER it is stale (`stale_jobs`), and a
retry queues its pending and failed items again.

With no broker configured (the embedded default) the chunks run eagerly, one after another,
in the process that queued them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from articles.inputs import Document, Failure, Limits, document_from_html, fetch_url
from claims.ingest.read import IngestError, extraction_of
from claims.ingest.write import articles_write
from claims.models import IngestJob, IngestJobItem, ItemStatus, JobStatus

logger = logging.getLogger(__name__)

# A job in these states has tasks to run; with no progress for a while, it is stale.
UNFINISHED = (JobStatus.QUEUED, JobStatus.RUNNING)

# How an item's payload says what to ingest.
DOCUMENT, HTML, URL = "document", "html", "url"


# --- payloads ---------------------------------------------------------------------------------


def document_payload(document: Document) -> dict:
    """A document as an item stores it (JSON)."""
    return {
        "kind": DOCUMENT,
        "text": document.text,
        "raw_text": document.raw_text,
        "title": document.title,
        "url": document.url,
        "publisher": document.publisher,
        "published": document.published.isoformat() if document.published else None,
        "authors": list(document.authors),
        "language": document.language,
    }


def text_payload(text: str, *, url: str | None = None, **metadata) -> dict:
    """A plain-text article and its metadata."""
    return {"kind": DOCUMENT, "text": text, "raw_text": text, "url": url, **_metadata(metadata)}


def html_payload(html: str, *, url: str | None = None, **metadata) -> dict:
    """An HTML page, read (main text and metadata) by the worker."""
    return {"kind": HTML, "html": html, "url": url, **_metadata(metadata)}


def url_payload(url: str, **metadata) -> dict:
    """A URL, fetched by the worker through the guarded fetcher."""
    return {"kind": URL, "url": url, **_metadata(metadata)}


def _metadata(metadata: dict) -> dict:
    published = metadata.get("published")
    if isinstance(published, dt.datetime):
        metadata = {**metadata, "published": published.isoformat()}
    return {k: v for k, v in metadata.items() if v not in (None, "", [], ())}


def document_of(payload: dict, *, name: str) -> Document | Failure:
    """The document an item's payload stands for: stored as is, an HTML page read, a URL
    fetched (size and time bounded by the ingest settings). Metadata given with it wins."""
    kind = payload.get("kind")
    if kind == DOCUMENT:
        parsed = Document(input=name, text=payload["text"], raw_text=payload.get("raw_text"))
    elif kind == HTML:
        parsed = document_from_html(name, payload["html"], payload.get("url"))
    elif kind == URL:
        parsed = fetch_url(payload["url"], ingest_limits())
    else:
        return Failure(name, f"unknown item kind {kind!r}")
    if isinstance(parsed, Failure):
        return Failure(name, parsed.reason)
    published = payload.get("published")
    return Document(
        input=name,
        text=parsed.text,
        raw_text=parsed.raw_text,
        title=payload.get("title") or parsed.title,
        url=payload.get("url") or parsed.url,
        publisher=payload.get("publisher") or parsed.publisher,
        published=dt.datetime.fromisoformat(published) if published else parsed.published,
        authors=tuple(payload.get("authors") or parsed.authors),
        language=payload.get("language") or parsed.language,
    )


def ingest_limits() -> Limits:
    return Limits(
        max_bytes=settings.CLAIMTRACK_MAX_INPUT_BYTES,
        timeout=settings.CLAIMTRACK_URL_TIMEOUT_SECONDS,
        allow_private_addresses=settings.CLAIMTRACK_ALLOW_PRIVATE_URLS,
    )


# --- services ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class JobInput:
    """One item of a new job: a name to report it by, and its payload; or a read failure."""

    input: str
    payload: dict | None = None
    error: str = ""


def job_inputs(items: Iterable[Document | Failure]) -> list[JobInput]:
    """Documents and read failures (as `articles.inputs.read_inputs` yields them) as items."""
    return [
        JobInput(item.input, error=item.reason)
        if isinstance(item, Failure)
        else JobInput(item.input or f"article {index}", document_payload(item))
        for index, item in enumerate(items, start=1)
    ]


def ingest_job_create(
    *, inputs: Sequence[JobInput], source: str, user: AbstractBaseUser | None = None
) -> IngestJob:
    """Store a job and its items, and queue it (after the commit: a worker must find the rows).
    Inputs that failed to read are items failed at once, with their reason."""
    if not inputs:
        raise IngestError("a job needs at least one article or URL")
    now = timezone.now()
    with transaction.atomic():
        job = IngestJob.objects.create(
            source=source, created_by=user if user and user.is_authenticated else None
        )
        IngestJobItem.objects.bulk_create(
            [
                IngestJobItem(
                    job=job,
                    position=position,
                    input=item.input[:2000],
                    payload=item.payload or {},
                    status=ItemStatus.FAILED if item.error else ItemStatus.PENDING,
                    error=item.error,
                    finished_at=now if item.error else None,
                )
                for position, item in enumerate(inputs)
            ]
        )
        job.total = len(inputs)
        job.save(update_fields=["total"])
    _queue(job)
    job.refresh_from_db()
    return job


def stale_after() -> dt.timedelta:
    """How long a queued or running job may go without moving before it is stale."""
    return dt.timedelta(seconds=settings.CLAIMTRACK_JOB_STALE_AFTER)


def stale_jobs(*, now: dt.datetime | None = None) -> QuerySet[IngestJob]:
    """Jobs queued or running that have not moved (no task started, no article written) for
    longer than CLAIMTRACK_JOB_STALE_AFTER: their worker died and their tasks were lost, or
    the broker forgot them. Retrying one queues its unfinished articles again."""
    since = (now or timezone.now()) - stale_after()
    return IngestJob.objects.filter(status__in=UNFINISHED, progress_at__lt=since)


def job_is_stale(job: IngestJob, *, now: dt.datetime | None = None) -> bool:
    return job.status in UNFINISHED and job.progress_at < (now or timezone.now()) - stale_after()


def ingest_job_retry(*, job: IngestJob) -> IngestJob:
    """Queue a job's articles that were not written again: a finished job's failed ones (a
    fetch that timed out, a worker error), or a stale job's pending and failed ones. Articles
    written stay written; a job queued or running that still moves is refused. Safe with the
    lost tasks reappearing after all: an item is written once, and an article by content hash."""
    with transaction.atomic():
        locked = IngestJob.objects.select_for_update().get(pk=job.pk)
        now = timezone.now()
        stale = job_is_stale(locked, now=now)
        if locked.status in UNFINISHED and not stale:
            since = int((now - locked.progress_at).total_seconds())
            raise IngestError(
                f"job {job.pk} is {locked.status} and last moved {since} s ago; a job is retried "
                f"once finished, or once stale (no progress for "
                f"{settings.CLAIMTRACK_JOB_STALE_AFTER} s, CLAIMTRACK_JOB_STALE_AFTER)"
            )
        retried = locked.items.filter(status=ItemStatus.FAILED).update(
            status=ItemStatus.PENDING, error="", finished_at=None
        )
        pending = locked.items.filter(status=ItemStatus.PENDING).exists()
        if not retried and not pending and not stale:
            raise IngestError(f"job {job.pk} has no failed items to retry")
        locked.status, locked.error, locked.finished_at = JobStatus.QUEUED, "", None
        locked.progress_at = now
        locked.attempts += 1
        locked.save(update_fields=["status", "error", "finished_at", "progress_at", "attempts"])
    _queue(locked)  # a stale job with nothing pending (its worker died before settling) settles
    locked.refresh_from_db()
    return locked


def _queue(job: IngestJob) -> None:
    """One task per chunk of pending items, so that several workers share a job."""
    from claims.tasks import ingest_job_chunk  # tasks import the services
    from config.celery import enqueue

    positions = list(
        job.items.filter(status=ItemStatus.PENDING)
        .order_by("position")
        .values_list("position", flat=True)
    )
    size = max(1, settings.CLAIMTRACK_JOB_CHUNK_SIZE)
    for start in range(0, len(positions), size):
        chunk = positions[start : start + size]
        enqueue(ingest_job_chunk, job.pk, chunk[0], chunk[-1])
    if not positions:
        job_settle(job_id=job.pk)


def ingest_job_chunk_run(*, job_id: int, first: int, last: int) -> int:
    """Ingest the pending items of a job with positions first..last; returns how many were
    done. Safe to run again: items done are skipped, and a chunk's articles and its items'
    outcomes commit together."""
    job = IngestJob.objects.filter(pk=job_id).first()
    if job is None:
        logger.warning("ingest job %s no longer exists; nothing to do", job_id)
        return 0
    now = timezone.now()
    IngestJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=now, progress_at=now
    )
    IngestJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(progress_at=now)
    items = list(
        job.items.filter(position__range=(first, last), status=ItemStatus.PENDING).order_by(
            "position"
        )
    )
    # The CPU and network work, before any transaction.
    prepared: list[tuple[IngestJobItem, Document | None, object]] = []
    for item in items:
        document = document_of(item.payload, name=item.input)
        if isinstance(document, Failure):
            prepared.append((item, None, document.reason))
            continue
        try:
            prepared.append((item, document, extraction_of(document)))
        except IngestError as error:
            prepared.append((item, None, str(error)))
    done = 0
    if prepared:
        with transaction.atomic():
            still = set(
                IngestJobItem.objects.select_for_update()
                .filter(pk__in=[item.pk for item, _, _ in prepared], status=ItemStatus.PENDING)
                .values_list("pk", flat=True)
            )
            todo = [entry for entry in prepared if entry[0].pk in still]
            writes = [(d, e) for _, d, e in todo if d is not None]
            results = iter(articles_write(writes))
            now = timezone.now()
            for item, document, outcome in todo:
                item.finished_at = now
                if document is None:
                    item.status, item.error = ItemStatus.FAILED, str(outcome)
                    continue
                result = next(results)
                item.status = ItemStatus(str(result.status))
                item.article = result.article
                item.claims_created = result.claims_created
            IngestJobItem.objects.bulk_update(
                [item for item, _, _ in todo],
                ["status", "error", "article", "claims_created", "finished_at"],
            )
            done = len(todo)
        # After the commit, not in it: chunks of one job running side by side would queue on
        # the job's row. A worker dying in between leaves the job looking older, no worse.
        IngestJob.objects.filter(pk=job_id).update(progress_at=timezone.now())
    job_settle(job_id=job_id)
    return done


def job_settle(*, job_id: int) -> None:
    """A job with no pending items is finished: done, or failed when some item failed."""
    if IngestJobItem.objects.filter(job_id=job_id, status=ItemStatus.PENDING).exists():
        return
    failed = IngestJobItem.objects.filter(job_id=job_id, status=ItemStatus.FAILED).count()
    total = IngestJobItem.objects.filter(job_id=job_id).count()
    IngestJob.objects.filter(pk=job_id, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).update(
        status=JobStatus.FAILED if failed else JobStatus.DONE,
        error=f"{failed} of {total} articles failed (see each article's error)" if failed else "",
        finished_at=timezone.now(),
    )


def ingest_job_fail(*, job_id: int, error: str) -> None:
    """A task of the job crashed (not an input's fault): the job shows the error, to retry."""
    IngestJob.objects.filter(pk=job_id).update(
        status=JobStatus.FAILED, error=error[:10_000], finished_at=timezone.now()
    )


def job_counts(job: IngestJob) -> dict[str, int]:
    """Items per status, and how many are finished."""
    counts = job.items.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in ItemStatus.values}
    )
    counts["finished"] = sum(n for status, n in counts.items() if status != ItemStatus.PENDING)
    return counts
