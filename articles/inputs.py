"""Reading articles: files, folders, stdin and URLs, into documents or clear failures.

Every failure names the input and the reason, and never stops the rest of a batch.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from articles.fetch import FetchError, fetch
from articles.fetch import human_size as _size
from articles.html import html_to_page

SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
FORMATS = ("auto", "txt", "html", "json", "jsonl")
# An article is a flat object; nesting deep enough to exhaust Python's stack is an attack.
TOO_DEEP = "JSON nested too deeply to be an article"


@dataclass(frozen=True, kw_only=True)
class Document:
    """One article to ingest, with the metadata the input carried: the one shape an article
    has from the reader to the ingest's write."""

    text: str
    input: str = ""  # what to call it in a report: a path, a URL, "path:line"
    raw_text: str | None = None  # as received (an HTML page), when not `text` itself
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: dt.datetime | None = None
    authors: tuple[str, ...] = ()
    language: str = "en"


@dataclass(frozen=True)
class Failure:
    input: str
    reason: str


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    timeout: float
    encoding: str = "utf-8"
    format: str = "auto"
    # Off: a URL on a loopback, private or link-local address is refused (an ingest must not
    # become a way to read the server's own network: metadata services, admin ports).
    allow_private_addresses: bool = False


def read_inputs(
    paths: Iterable[str], *, urls: Iterable[str] = (), stdin: BinaryIO | None, limits: Limits
) -> Iterator[Document | Failure]:
    """Documents from every path ("-" is stdin; folders recursively) and URL, in order."""
    for name in paths:
        if name == "-":
            if stdin is None:
                yield Failure("-", "standard input is not available")
                continue
            yield from _read_bytes("<stdin>", _bounded(stdin, "<stdin>", limits), limits, "")
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                yield Failure(name, "folder holds no .txt, .html, .json or .jsonl file")
            for file in files:
                yield from _read_path(file, limits)
        else:
            yield from _read_path(path, limits)
    for url in urls:
        yield from _read_url(url, limits)


def _read_path(path: Path, limits: Limits) -> Iterator[Document | Failure]:
    name = str(path)
    suffix = path.suffix.lower()
    if (limits.format if limits.format != "auto" else SUFFIXES.get(suffix)) == "jsonl":
        yield from _stream_jsonl(path, limits)
        return
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            yield Failure(
                name,
                f"file is {_size(size)}, over the {_size(limits.max_bytes)} "
                "limit (CLAIMTRACK_MAX_INPUT_BYTES or --max-bytes)",
            )
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield Failure(name, "no such file or folder")
        return
    except PermissionError:
        yield Failure(name, "permission denied")
        return
    except OSError as error:
        yield Failure(name, f"cannot be read ({error.strerror or error})")
        return
    yield from _read_bytes(name, data, limits, suffix)


def _stream_jsonl(path: Path, limits: Limits) -> Iterator[Document | Failure]:
    """JSON lines are read one at a time: the size limit is per article, memory stays flat."""
    name = str(path)
    try:
        with path.open("rb") as lines:
            for number, line in enumerate(lines, start=1):
                label = f"{name}:{number}"
                if len(line) > limits.max_bytes:
                    yield Failure(
                        label,
                        f"line is {_size(len(line))}, over the {_size(limits.max_bytes)} limit",
                    )
                elif line.strip():
                    yield from _read_bytes(label, line, replace(limits, format="jsonline"), "")
    except FileNotFoundError:
        yield Failure(name, "no such file or folder")
    except PermissionError:
        yield Failure(name, "permission denied")
    except OSError as error:
        yield Failure(name, f"cannot be read ({error.strerror or error})")


def _bounded(stream: BinaryIO, name: str, limits: Limits) -> bytes | Failure:
    data = stream.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        return Failure(
            name,
            f"input is over the {_size(limits.max_bytes)} limit "
            "(CLAIMTRACK_MAX_INPUT_BYTES or --max-bytes)",
        )
    return data


def _read_bytes(
    name: str,
    data: bytes | Failure,
    limits: Limits,
    suffix: str,
    *,
    url: str | None = None,
    content_type: str = "",
) -> Iterator[Document | Failure]:
    if isinstance(data, Failure):
        yield data
        return
    fmt = limits.format if limits.format != "auto" else SUFFIXES.get(suffix, "")
    if not data.strip():
        yield Failure(name, "input is empty")
        return
    if _looks_binary(data):
        yield Failure(name, "input is binary, not text (found NUL or control bytes)")
        return
    try:
        text = data.decode(limits.encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        yield Failure(
            name,
            f"input is not valid {limits.encoding} (byte 0x{data[error.start]:02x} at offset "
            f"{error.start}); pass --encoding, e.g. --encoding cp1252",
        )
        return
    except LookupError:
        yield Failure(name, f"unknown encoding {limits.encoding!r}")
        return
    if not fmt:
        fmt = _sniff(text, content_type)
    if fmt == "html":
        yield document_from_html(name, text, url)
    elif fmt == "json":
        yield from _from_json(name, text)
    elif fmt == "jsonl":
        yield from _from_jsonl(name, text)
    elif fmt == "jsonline":
        yield _from_jsonline(name, text)
    else:
        yield Document(input=name, text=text, raw_text=text, url=url)


def looks_like_html(text: str) -> bool:
    return text.lstrip()[:200].lower().startswith(("<!doctype html", "<html", "<head", "<body"))


def _sniff(text: str, content_type: str) -> str:
    head = text.lstrip()[:200].lower()
    if "html" in content_type or looks_like_html(text):
        return "html"
    if head.startswith("{"):
        first, _, rest = text.strip().partition("\n")
        return "jsonl" if rest.strip() and first.rstrip().endswith("}") else "json"
    if head.startswith("["):
        return "json"
    return "txt"


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > len(sample) * 0.02


def document_from_html(name: str, html: str, url: str | None) -> Document | Failure:
    """An article page's main text and metadata (trafilatura), or why there is none."""
    try:
        page = html_to_page(html, url=url)
    except ValueError as error:
        return Failure(name, str(error))
    return Document(
        input=name,
        text=page.text,
        raw_text=html,
        title=page.title,
        url=page.url or url,
        publisher=page.sitename,
        published=_parse_date(page.date),
        authors=tuple(a.strip() for a in (page.author or "").split(";") if a.strip()),
    )


def _from_json(name: str, text: str) -> Iterator[Document | Failure]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        yield Failure(
            name, f"malformed JSON ({error.msg} at line {error.lineno} column {error.colno})"
        )
        return
    except RecursionError:
        yield Failure(name, TOO_DEEP)
        return
    items = value if isinstance(value, list) else [value]
    for index, item in enumerate(items):
        label = name if len(items) == 1 and not isinstance(value, list) else f"{name}[{index}]"
        yield _from_record(label, item)


def _from_jsonl(name: str, text: str) -> Iterator[Document | Failure]:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _from_jsonline(f"{name}:{number}", line)


def _from_jsonline(label: str, line: str) -> Document | Failure:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        return Failure(label, f"malformed JSON line ({error.msg} at column {error.colno})")
    except RecursionError:
        return Failure(label, TOO_DEEP)
    return _from_record(label, item)


def _from_record(label: str, item: object) -> Document | Failure:
    if not isinstance(item, dict):
        return Failure(
            label, f"expected a JSON object with a 'text' field, got {type(item).__name__}"
        )
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        return Failure(label, "the 'text' field is missing, empty or not a string")
    for key in ("title", "url", "publisher", "published"):
        if item.get(key) is not None and not isinstance(item[key], str):
            return Failure(label, f"the {key!r} field must be a string")
    authors = item.get("authors") or []
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
        return Failure(label, "the 'authors' field must be a list of strings")
    published = None
    if item.get("published"):
        published = _parse_date(item["published"])
        if published is None:
            return Failure(
                label, f"the 'published' field {item['published']!r} is not an ISO 8601 date"
            )
    return Document(
        input=label,
        text=text,
        raw_text=text,
        title=item.get("title") or None,
        url=item.get("url") or None,
        publisher=item.get("publisher") or None,
        published=published,
        authors=tuple(authors),
    )


def configured_limits() -> Limits:
    """The ingest limits the settings give (size, deadline, private addresses): what the API
    and the desk use for one article."""
    from django.conf import settings

    return Limits(
        max_bytes=settings.CLAIMTRACK_MAX_INPUT_BYTES,
        timeout=settings.CLAIMTRACK_URL_TIMEOUT_SECONDS,
        allow_private_addresses=settings.CLAIMTRACK_ALLOW_PRIVATE_URLS,
    )


# What a person may upload as one article (a batch, .jsonl, belongs to `manage.py ingest`).
UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".json")


def read_upload(name: str, stream: BinaryIO, limits: Limits) -> Document | Failure:
    """One uploaded file as one article: .txt, .html or .json (an object with `text`)."""
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        return Failure(name, "is not a .txt, .html or .json file")
    items = list(_read_bytes(name, _bounded(stream, name, limits), limits, suffix))
    if len(items) != 1:
        return Failure(
            name,
            f"holds {len(items)} articles; add them one at a time, or use `manage.py ingest`",
        )
    return items[0]


def fetch_url(url: str, limits: Limits) -> Document | Failure:
    """Fetch one page (bounded in size and time) and read it as the command would."""
    return next(_read_url(url, limits))


def _read_url(url: str, limits: Limits) -> Iterator[Document | Failure]:
    try:
        page = fetch(
            url,
            max_bytes=limits.max_bytes,
            timeout=limits.timeout,
            allow_private=limits.allow_private_addresses,
        )
    except FetchError as error:
        yield Failure(url, error.reason)
        return
    data, content_type, final_url = page.body, page.content_type, page.url
    charset = page.charset or limits.encoding
    if content_type and not content_type.startswith(("text/", "application/xhtml")):
        yield Failure(url, f"is {content_type.split(';')[0]}, not an HTML or text page")
        return
    fmt = "html" if "html" in content_type else "txt"
    yield from _read_bytes(
        url,
        data,
        replace(limits, encoding=charset, format=fmt),
        "",
        url=final_url,
        content_type=content_type,
    )


def _parse_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed
