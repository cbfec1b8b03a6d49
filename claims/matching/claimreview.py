"""Reading other fact-checkers' ClaimReview JSON-LD into plain records.

Plain Python: no Django, no database. Accepts a single review, a list of reviews, a schema.org
``DataFeed`` (Google's fact-check feed shape: ``dataFeedElement`` items each holding ``item``
reviews), an ``@graph``, or JSON lines (one of those per line). Each review becomes a
``ReviewRecord`` or a ``BadRecord`` naming where it is and what is wrong with it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit


@dataclass(frozen=True)
class ReviewRecord:
    where: str
    url: str
    claim_reviewed: str
    publisher: str
    rating: str
    reviewed_on: date | None
    title: str
    claimant: str


@dataclass(frozen=True)
class BadRecord:
    where: str
    reason: str


def _types(node: dict) -> set[str]:
    value = node.get("@type", ())
    return {value} if isinstance(value, str) else set(value)


def _reviews(node: object, where: str) -> Iterator[tuple[str, object]]:
    """Every ClaimReview-like node under ``node``, with a path that names it."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from _reviews(item, f"{where}[{i}]")
        return
    if not isinstance(node, dict):
        yield where, node
        return
    types = _types(node)
    if "@graph" in node:
        yield from _reviews(node["@graph"], f"{where}.@graph")
    elif "DataFeed" in types or "dataFeedElement" in node:
        yield from _reviews(node.get("dataFeedElement", []), f"{where}.dataFeedElement")
    elif "DataFeedItem" in types:
        yield from _reviews(node.get("item", []), f"{where}.item")
    else:
        yield where, node


def _name(value: object) -> str:
    """The name of a schema.org Thing given as a string, an object or a list of them."""
    if isinstance(value, list):
        return ", ".join(n for n in (_name(v) for v in value) if n)
    if isinstance(value, dict):
        return str(value.get("name") or value.get("alternateName") or "").strip()
    return str(value or "").strip()


def _rating(review: dict) -> str:
    rating = review.get("reviewRating")
    if isinstance(rating, list):
        rating = rating[0] if rating else None
    if not isinstance(rating, dict):
        return ""
    words = rating.get("alternateName") or rating.get("name")
    if words:
        return str(words).strip()
    value = rating.get("ratingValue")
    if value in (None, ""):
        return ""
    best = rating.get("bestRating")
    return f"{value}/{best}" if best not in (None, "") else str(value)


def _date(value: object) -> date | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return date.fromisoformat(text[:10])


def _record(where: str, node: object) -> ReviewRecord | BadRecord:
    if not isinstance(node, dict):
        return BadRecord(where, f"is {type(node).__name__}, not a ClaimReview object")
    types = _types(node)
    if types and "ClaimReview" not in types:
        return BadRecord(where, f"is a {'/'.join(sorted(types))}, not a ClaimReview")
    url = str(node.get("url") or "").strip()
    if not url:
        return BadRecord(where, "has no url")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return BadRecord(where, f"url {url!r} is not an http(s) URL")
    if len(url) > 2000:
        return BadRecord(where, "url is longer than 2,000 characters")
    claim = str(node.get("claimReviewed") or "").strip()
    if not claim:
        return BadRecord(where, f"({url}) has no claimReviewed")
    try:
        reviewed_on = _date(node.get("datePublished"))
    except ValueError:
        return BadRecord(where, f"({url}) datePublished {node.get('datePublished')!r} is no date")
    item = node.get("itemReviewed")
    claimant = _name(item.get("author")) if isinstance(item, dict) else ""
    return ReviewRecord(
        where=where,
        url=url,
        claim_reviewed=claim,
        publisher=_name(node.get("author"))[:200],
        rating=_rating(node)[:200],
        reviewed_on=reviewed_on,
        title=str(node.get("headline") or node.get("name") or "").strip()[:500],
        claimant=claimant[:200],
    )


_TOO_DEEP = "is JSON nested too deeply to read"


def _records(document: object, where: str) -> list[ReviewRecord | BadRecord]:
    try:
        return [_record(place, node) for place, node in _reviews(document, where)]
    except RecursionError:  # lists within lists, thousands deep
        return [BadRecord(where, _TOO_DEEP)]


def read_claimreviews(text: str, name: str) -> list[ReviewRecord | BadRecord]:
    """Every review in ``text`` (JSON or JSON lines), in order; ``name`` prefixes each place."""
    try:
        return _records(json.loads(text), name)
    except (json.JSONDecodeError, RecursionError) as whole_error:
        lines = [(i, line) for i, line in enumerate(text.splitlines(), start=1) if line.strip()]
        if len(lines) < 2:
            reason = _TOO_DEEP if isinstance(whole_error, RecursionError) else whole_error
            return [BadRecord(name, f"is not JSON: {reason}")]
    out: list[ReviewRecord | BadRecord] = []
    for number, line in lines:
        where = f"{name} line {number}"
        try:
            document = json.loads(line)
        except RecursionError:
            out.append(BadRecord(where, _TOO_DEEP))
            continue
        except json.JSONDecodeError as error:
            out.append(BadRecord(where, f"is not JSON: {error}"))
            continue
        out += _records(document, where)
    return out
