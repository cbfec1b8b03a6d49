"""Ingest news articles: files, folders (recursively), stdin and URLs."""

from __future__ import annotations

import json
import sys
from dataclasses import replace

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from articles.inputs import FORMATS, Document, Failure, Limits, read_inputs
from claims.ingest import IngestResult, ingest_documents
from claims.ingest.jobs import JobInput, ingest_job_create, job_counts, job_inputs, url_payload


class Command(BaseCommand):
    help = (
        "Ingest articles and extract their check-worthy claims. Takes .txt, .html (main text "
        "and metadata via trafilatura), .json/.jsonl (fields: text, and optional title, url, "
        "publisher, published, authors), folders (recursively), '-' for stdin, and --url. "
        "Each article is written atomically; a failed input is reported and the rest go on. "
        "Exits with status 1 if any input failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", metavar="PATH", help="file, folder, or - for stdin")
        parser.add_argument("--url", action="append", default=[], help="fetch and ingest a page")
        parser.add_argument("--publisher", help="publisher name for every input (overrides)")
        parser.add_argument("--title", help="title for every input (overrides)")
        parser.add_argument(
            "--canonical-url",
            dest="canonical_url",
            help="canonical URL to record (overrides; one input only)",
        )
        parser.add_argument("--format", choices=FORMATS, default="auto", help="input format")
        parser.add_argument("--encoding", default="utf-8", help="text encoding (default utf-8)")
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=settings.CLAIMTRACK_MAX_INPUT_BYTES,
            help="refuse inputs larger than this (default: CLAIMTRACK_MAX_INPUT_BYTES)",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=settings.CLAIMTRACK_URL_TIMEOUT_SECONDS,
            help="seconds a URL fetch may take in all, redirects included",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="extract only; never touch the database"
        )
        parser.add_argument(
            "--json", action="store_true", help="print one JSON object per input (JSON lines)"
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="ingest in this many processes (PostgreSQL; default 1)",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="no progress bar even on a terminal"
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="queue the articles as an ingest job for the workers and return at once "
            "(URLs are fetched by the workers); with no CELERY_BROKER_URL it runs here",
        )

    def handle(self, *args, **options) -> None:
        paths, urls = options["paths"], options["url"]
        if not paths and not urls:
            raise CommandError("Give at least one PATH, '-' for stdin, or --url URL")
        if options["canonical_url"] and len(paths) + len(urls) != 1:
            raise CommandError("--canonical-url names one article: give exactly one input")
        limits = Limits(
            max_bytes=options["max_bytes"],
            timeout=options["timeout"],
            encoding=options["encoding"],
            format=options["format"],
            allow_private_addresses=settings.CLAIMTRACK_ALLOW_PRIVATE_URLS,
        )
        if options["queue"] and (options["dry_run"] or options["json"]):
            raise CommandError("--queue cannot be combined with --dry-run or --json")
        if options["queue"]:
            urls, queued_urls = [], urls
        stdin = sys.stdin.buffer if "-" in paths else None
        # Metadata given on the command line beats the input's own.
        given = {
            "title": options["title"],
            "url": options["canonical_url"],
            "publisher": options["publisher"],
        }
        given = {name: value for name, value in given.items() if value}
        documents = (
            replace(item, **given) if isinstance(item, Document) and given else item
            for item in read_inputs(paths, urls=urls, stdin=stdin, limits=limits)
        )
        if options["queue"]:
            self._queue(documents, queued_urls, given)
            return
        show_progress = not options["no_progress"] and not options["json"] and sys.stderr.isatty()
        counts = {"created": 0, "unchanged": 0, "updated": 0, "dry-run": 0, "failed": 0}
        claims_created = 0
        if options["workers"] < 1:
            raise CommandError(f"--workers must be at least 1, not {options['workers']}")
        outcomes = ingest_documents(
            documents, dry_run=options["dry_run"], workers=options["workers"]
        )
        for result in tqdm(outcomes, disable=not show_progress, unit=" articles", leave=False):
            if isinstance(result, Failure):
                counts["failed"] += 1
                self._report_failure(result, options)
                continue
            counts[result.status] += 1
            claims_created += result.claims_created
            self._report(result, options)

        summary = ", ".join(f"{n} {name}" for name, n in counts.items() if n or name != "dry-run")
        line = f"{summary}; {claims_created} claims created"
        style = self.style.ERROR if counts["failed"] else self.style.SUCCESS
        (self.stderr if options["json"] else self.stdout).write(style(line))
        if counts["failed"]:
            total = sum(counts.values())
            raise CommandError(f"{counts['failed']} of {total} inputs failed", returncode=1)

    def _queue(self, documents, urls: list[str], given: dict) -> None:
        inputs = job_inputs(documents) + [JobInput(url, url_payload(url, **given)) for url in urls]
        job = ingest_job_create(inputs=inputs, source="command")
        counts = job_counts(job)
        self.stdout.write(
            f"ingest job {job.pk}: {job.status}, {job.total} articles "
            f"({counts['finished']} finished, {counts['failed']} failed)"
        )

    def _report_failure(self, failure: Failure, options) -> None:
        if options["json"]:
            record = {"input": failure.input, "status": "failed", "error": failure.reason}
            self.stdout.write(json.dumps(record, ensure_ascii=False))
        self.stderr.write(self.style.ERROR(f"{failure.input}: {failure.reason}"))

    def _report(self, result: IngestResult, options) -> None:
        document, extraction, article = result.document, result.extraction, result.article
        if options["json"]:
            record = {
                "input": document.input,
                "status": str(result.status),
                "article": {
                    "id": article.pk if article else None,
                    "title": (article.title if article else None)
                    or document.title
                    or extraction.title,
                    "url": (article.url if article else None) or document.url,
                    "text": extraction.text,
                },
                "claims": [
                    {
                        "text": c.statement,
                        "sentence": c.sentence,
                        "start": c.start,
                        "end": c.end,
                        "claimant": c.claimant,
                        "kind": c.kind,
                        "score": round(c.score, 4),
                    }
                    for c in extraction.claims
                ],
            }
            self.stdout.write(json.dumps(record, ensure_ascii=False))
        elif options["verbosity"] >= 1:
            self.stdout.write(
                f"{document.input}: {result.status}, {len(extraction.claims)} claims "
                f"({result.claims_created} new)"
            )
