"""HTML pages to article text and metadata, via trafilatura (no network: the caller fetches)."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura


@dataclass(frozen=True, slots=True)
class Page:
    text: str  # one paragraph per line, ready for ``extract``
    title: str | None
    author: str | None
    date: str | None  # ISO 8601 date as trafilatura found it
    url: str | None
    sitename: str | None


def html_to_page(html: str, *, url: str | None = None) -> Page:
    """Main text and metadata of an article page.

    Raises ValueError naming the URL when the page has no extractable main text, so an ingest
    can report the input and the reason instead of storing an empty article.
    """
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,  # reader comments are not the publisher's claims
        include_tables=True,
        include_images=False,
        include_links=False,
    )
    text = (result.text or "").strip() if result is not None else ""
    if not text:
        raise ValueError(f"no article text could be extracted from {url or 'the HTML given'}")
    return Page(
        text=text,
        title=result.title or None,
        author=result.author or None,
        date=result.date or None,
        url=result.url or url,
        sitename=result.sitename or None,
    )
