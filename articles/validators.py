"""What a stored value may be, checked once for every way in (command, API, admin, workers).

Dates: an article's published time lies between EARLIEST_PUBLISHED and a day from now (a day
of slack for time zones and embargoed stories). Anything outside is a typo or a placeholder
(9999-12-31), and a year past 9999 in UTC cannot even be read back into Python.
The database holds a wider, fixed backstop (articles_article's published_at check constraint)
for writes that skip Python validation, such as COPY.

URLs: only http and https (no javascript:, data:, file:, ftp:), because every stored URL is
rendered as a link on the desk and exported in ClaimReview.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

EARLIEST_PUBLISHED = dt.datetime(1800, 1, 1, tzinfo=dt.UTC)
FUTURE_SLACK = dt.timedelta(days=1)
# The check constraint's bounds: fixed (a constraint cannot move with the clock), wide enough
# that validated values always pass, narrow enough that every value reads back in any zone.
STORED_PUBLISHED_RANGE = (EARLIEST_PUBLISHED, dt.datetime(2200, 1, 1, tzinfo=dt.UTC))
URL_MAX_LENGTH = 2000


def published_problem(value: dt.datetime | None) -> str | None:
    """Why `value` cannot be an article's published time, or None if it can."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = value.replace(tzinfo=dt.UTC)
    latest = timezone.now() + FUTURE_SLACK
    try:
        in_range = EARLIEST_PUBLISHED <= value <= latest
    except OverflowError:
        in_range = False
    if in_range:
        return None
    return (
        f"{value.isoformat()} is outside the accepted range "
        f"{EARLIEST_PUBLISHED.date().isoformat()} to a day from now"
    )


def validate_published(value: dt.datetime | None) -> None:
    problem = published_problem(value)
    if problem:
        raise ValidationError(problem, code="published_out_of_range")


class HttpURLValidator(URLValidator):
    """Django's URL validator restricted to http and https."""

    schemes = ["http", "https"]
    message = "Enter a valid http:// or https:// URL."
    # Not "invalid": form fields replace that code's message with their generic one.
    code = "not_http_url"


validate_http_url = HttpURLValidator()


def url_problem(value: str) -> str | None:
    """Why `value` cannot be a stored URL (an article's, a source's, a fact-check's)."""
    if len(value) > URL_MAX_LENGTH:
        return f"is {len(value):,} characters, over the {URL_MAX_LENGTH:,} the database holds"
    try:
        validate_http_url(value)
    except ValidationError:
        return "is not a valid http:// or https:// URL"
    return None


def text_problem(value: str) -> str | None:
    """Why `value` cannot be stored as text: PostgreSQL holds no NUL character, and UTF-8 no
    lone surrogate (JSON's "\\ud800" decodes to one)."""
    nul = value.find("\x00")
    if nul >= 0:
        return f"holds a NUL character (at offset {nul:,})"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"holds a lone surrogate {value[error.start]!r} (at offset {error.start:,})"
    return None


def article_input_problem(
    *,
    text: str,
    raw_text: str | None,
    title: str | None,
    url: str | None,
    publisher: str | None,
    authors: Sequence[str],
    published: dt.datetime | None,
) -> str | None:
    """The first reason an incoming article cannot be stored, naming the field, or None."""
    fields = {"text": text, "raw text": raw_text, "title": title, "publisher": publisher}
    fields.update({f"author #{n}": author for n, author in enumerate(authors, start=1)})
    fields["url"] = url
    for name, value in fields.items():
        problem = text_problem(value) if value else None
        if problem:
            return f"the {name} {problem}"
    if url and (problem := url_problem(url)):
        return f"the url {url[:100]!r} {problem}"
    if problem := published_problem(published):
        return f"the published date {problem}"
    return None
