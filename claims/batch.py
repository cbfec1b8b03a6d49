"""Ingest a stream of documents, on one core or several.

Each article is its own transaction (`article_ingest`): a batch is not atomic on purpose, so one
bad input never costs the desk the articles around it, and a crash mid-batch keeps what was done.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from django.db import connections

from claims.ingest import IngestError, IngestResult, article_ingest
from claims.inputs import Document, Failure

Outcome = tuple[Document, IngestResult] | Failure


@dataclass(frozen=True)
class Overrides:
    """Metadata given on the command line (or by the caller) that beats the input's own."""

    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    dry_run: bool = False


def ingest_one(item: Document | Failure, overrides: Overrides = Overrides()) -> Outcome:
    if isinstance(item, Failure):
        return item
    try:
        result = article_ingest(
            text=item.text,
            raw_text=item.raw_text,
            title=overrides.title or item.title,
            url=overrides.url or item.url,
            publisher=overrides.publisher or item.publisher,
            published=item.published,
            authors=item.authors,
            dry_run=overrides.dry_run,
        )
    except IngestError as error:
        return Failure(item.input, str(error))
    return item, result


def ingest_documents(
    items: Iterable[Document | Failure], *, overrides: Overrides = Overrides(), workers: int = 1
) -> Iterator[Outcome]:
    """Outcomes in input order. With workers > 1, articles are ingested in parallel processes,
    each with its own database connection (PostgreSQL; SQLite serialises writes anyway)."""
    if workers <= 1:
        for item in items:
            yield ingest_one(item, overrides)
        return
    # A forked child must not share the parent's database socket.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=connections.close_all) as pool:
        yield from pool.imap(partial(ingest_one, overrides=overrides), items, chunksize=8)
