"""Ingest a stream of documents in batches, on one core or several.

Each article is written all or nothing (see `articles_ingest`), but a batch is not atomic on
purpose: one bad input never costs the desk the articles around it, and a crash mid-stream
keeps what was done.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from django.db import connections

from articles.inputs import Document, Failure
from claims.ingest.write import ArticleInput, IngestError, IngestResult, articles_ingest

Outcome = tuple[Document, IngestResult] | Failure
# Articles per write batch. Each batch costs a dozen round trips and a COPY per table whatever its
# size; at 200 the write phase of benchmarks/ingest.py took 17% less time than at 50.
BATCH_SIZE = 200
# With several workers, smaller batches: two workers ingested 2,000 articles within 3% as fast in
# batches of 50 as of 200, and a small job is shared evenly (300 articles: 150 each, not 200 and
# 100).
PARALLEL_BATCH_SIZE = 50


@dataclass(frozen=True)
class Overrides:
    """Metadata given on the command line (or by the caller) that beats the input's own."""

    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    dry_run: bool = False


def ingest_batch(items: list[Document | Failure], overrides: Overrides) -> list[Outcome]:
    """Outcomes for one batch, in order; read failures pass through untouched."""
    documents = [(i, item) for i, item in enumerate(items) if isinstance(item, Document)]
    results = articles_ingest(
        [
            ArticleInput(
                text=d.text,
                raw_text=d.raw_text,
                title=overrides.title or d.title,
                url=overrides.url or d.url,
                publisher=overrides.publisher or d.publisher,
                published=d.published,
                authors=d.authors,
            )
            for _, d in documents
        ],
        dry_run=overrides.dry_run,
    )
    outcomes: list[Outcome] = list(items)
    for (index, document), result in zip(documents, results, strict=True):
        if isinstance(result, IngestError):
            outcomes[index] = Failure(document.input, str(result))
        else:
            outcomes[index] = (document, result)
    return outcomes


def ingest_documents(
    items: Iterable[Document | Failure],
    *,
    overrides: Overrides = Overrides(),
    workers: int = 1,
    batch_size: int | None = None,
) -> Iterator[Outcome]:
    """Outcomes in input order, reading the input lazily (memory stays flat on big feeds).

    With workers > 1, batches are ingested in parallel processes, each with its own database
    connection (for PostgreSQL; SQLite serialises writes anyway). batch_size defaults to
    BATCH_SIZE on one worker, PARALLEL_BATCH_SIZE on several."""
    if batch_size is None:
        batch_size = BATCH_SIZE if workers <= 1 else PARALLEL_BATCH_SIZE
    iterator = iter(items)
    batches = iter(lambda: list(itertools.islice(iterator, batch_size)), [])
    work = partial(ingest_batch, overrides=overrides)
    if workers <= 1:
        for batch in batches:
            yield from work(batch)
        return
    # A forked child must not share the parent's database socket.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=connections.close_all) as pool:
        for outcomes in pool.imap(work, batches):
            yield from outcomes
