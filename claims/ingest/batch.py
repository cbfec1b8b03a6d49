"""Ingest a stream of documents in batches, on one core or several.

Each batch is one transaction (`articles_write`), but the stream is not atomic, on purpose:
one bad input never costs the desk the articles around it, and a crash mid-stream keeps the
batches done (running the input again finds them unchanged). A transaction per article would
be as safe, but costs a dozen round trips per article where a batch costs a dozen in all.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Iterable, Iterator
from functools import partial

from django.db import connections

from articles.inputs import Document, Failure
from claims.ingest.read import IngestError, extraction_of
from claims.ingest.write import IngestResult, IngestStatus, articles_write

Outcome = IngestResult | Failure
# Documents per transaction: the round trips of a write are paid once per batch; a small job
# is still shared evenly between workers (300 articles: 150 each, not 200 and 100).
BATCH_SIZE = 50


def ingest_batch(items: list[Document | Failure], *, dry_run: bool = False) -> list[Outcome]:
    """Outcomes for these documents, in order; read failures pass through untouched."""
    outcomes: list[Outcome | None] = [None] * len(items)
    extracted = []
    for index, item in enumerate(items):
        if isinstance(item, Failure):
            outcomes[index] = item
            continue
        try:
            extracted.append((index, item, extraction_of(item)))
        except IngestError as error:
            outcomes[index] = Failure(item.input, str(error))
    if dry_run:
        results = [IngestResult(IngestStatus.DRY_RUN, d, e) for _, d, e in extracted]
    else:
        results = articles_write([(d, e) for _, d, e in extracted])
    for (index, _, _), result in zip(extracted, results, strict=True):
        outcomes[index] = result
    return outcomes


def ingest_documents(
    items: Iterable[Document | Failure],
    *,
    dry_run: bool = False,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Outcome]:
    """Outcomes in input order, reading the input lazily (memory stays flat on big feeds).

    With workers > 1, batches of documents are ingested in parallel processes, each with its
    own database connection (for PostgreSQL; SQLite serialises writes anyway)."""
    iterator = iter(items)
    batches = iter(lambda: list(itertools.islice(iterator, batch_size)), [])
    if workers <= 1:
        for batch in batches:
            yield from ingest_batch(batch, dry_run=dry_run)
        return
    # A forked child must not share the parent's database socket.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=connections.close_all) as pool:
        for outcomes in pool.imap(partial(ingest_batch, dry_run=dry_run), batches):
            yield from outcomes
