"""An article's text through the extraction pipeline: the CPU work, before any transaction."""

from __future__ import annotations

from django.conf import settings

from articles.inputs import Document, Failure, document_from_html, looks_like_html
from articles.models import Article
from articles.validators import article_input_problem
from claims.extraction import Extraction, Scorer, extract


class IngestError(ValueError):
    """Input that cannot become an article; the message names the reason."""


def extraction_of(document: Document) -> Extraction:
    """The pipeline's extraction of a document's text, at the configured threshold.

    Raises IngestError when a field cannot be stored or there is nothing to extract from.
    """
    problem = article_input_problem(
        text=document.text,
        raw_text=document.raw_text,
        title=document.title,
        url=document.url,
        publisher=document.publisher,
        authors=document.authors,
        published=document.published,
    )
    if problem:
        raise IngestError(problem)
    text = document.text
    if not text or not text.strip():
        raise IngestError("the article text is empty")
    # Relative dates ("on Thursday") resolve against the day the article gives for itself.
    published = document.published.date() if document.published else None
    extraction = extract(
        text,
        title=document.title,
        scorer=first_stage_scorer(),
        threshold=settings.CLAIMTRACK_CHECKWORTHINESS_THRESHOLD,
        published=published,
    )
    if not extraction.text.strip():
        raise IngestError("nothing is left of the text once boilerplate is removed")
    return extraction


def first_stage_scorer() -> Scorer | None:
    """The fast model when scoring is two-stage (claims rescored by a worker afterwards), else
    None: the pipeline's default model."""
    if not settings.CLAIMTRACK_TWO_STAGE_SCORING:
        return None
    from claims.extraction.checkworthiness import load_shipped

    return load_shipped(settings.CLAIMTRACK_FAST_CHECKWORTHINESS_MODEL)


def stored_document(article: Article) -> Document:
    """A stored article read again from the text as received: an HTML page through the
    main-text extractor, as when it was ingested. Raises IngestError if that fails now."""
    source = article.raw_text or article.text
    name = f"article {article.pk}"
    if looks_like_html(source):
        page = document_from_html(name, source, article.url or None)
        if isinstance(page, Failure):
            raise IngestError(page.reason)
        source = page.text
    return Document(
        input=name, text=source, title=article.title or None, published=article.published_at
    )
