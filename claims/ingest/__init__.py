"""The one write path from an article as read to its rows: read (extract), write, batch."""

from claims.ingest.batch import Outcome, ingest_documents
from claims.ingest.read import IngestError
from claims.ingest.write import (
    IngestResult,
    IngestStatus,
    article_ingest,
    article_reextract,
    articles_write,
)

__all__ = [
    "IngestError",
    "IngestResult",
    "IngestStatus",
    "Outcome",
    "article_ingest",
    "article_reextract",
    "articles_write",
    "ingest_documents",
]
