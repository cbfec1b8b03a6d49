"""The one write path from an extracted article to rows: reading, writing, batching."""

from claims.ingest.write import (
    ArticleInput,
    IngestError,
    IngestResult,
    IngestStatus,
    article_ingest,
    articles_ingest,
)

__all__ = [
    "ArticleInput",
    "IngestError",
    "IngestResult",
    "IngestStatus",
    "article_ingest",
    "articles_ingest",
]
