"""Import other fact-checkers' ClaimReview JSON-LD as external fact-checks."""

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.fetch import FetchError, fetch
from claims.matching.claimreview import BadRecord, ReviewRecord, read_claimreviews
from claims.matching.services import fact_checks_import, review_problem


def _read_source(source: str) -> str:
    """The text of a file, of stdin ("-") or of an http(s) URL fetched by the guarded fetcher."""
    limit = settings.CLAIMTRACK_MAX_INPUT_BYTES
    if source.startswith(("http://", "https://")):
        try:
            page = fetch(
                source,
                max_bytes=limit,
                timeout=30.0,
                allow_private=settings.CLAIMTRACK_ALLOW_PRIVATE_URLS,
            )
        except FetchError as error:
            raise CommandError(f"{source}: {error.reason}") from error
        return page.body.decode(page.charset or "utf-8", errors="replace")
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    if not path.is_file():
        raise CommandError(f"{source}: no such file")
    if path.stat().st_size > limit:
        raise CommandError(f"{source}: larger than {limit:,} bytes")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(f"{source}: not UTF-8 text ({error.reason})") from error


class Command(BaseCommand):
    help = (
        "Load ClaimReview JSON-LD from a file, stdin (-) or an http(s) URL as external "
        "fact-checks: a single review, a list, a schema.org DataFeed, or JSON lines. Idempotent "
        "by review url (a url seen again updates its row). Bad records are named and skipped, "
        "the rest loaded; the exit status is then 1. New reviews are matched against the "
        "stored claims."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", help="a file, - for stdin, or an http(s) URL")
        parser.add_argument("--dry-run", action="store_true", help="read and check, store nothing")
        parser.add_argument("--json", action="store_true", help="print one JSON summary")

    def handle(self, *args, source: str, dry_run: bool, **options) -> None:
        records = [
            BadRecord(r.where, f"({r.url[:100]}) {problem}")
            if isinstance(r, ReviewRecord) and (problem := review_problem(r))
            else r
            for r in read_claimreviews(_read_source(source), source)
        ]
        good = [r for r in records if isinstance(r, ReviewRecord)]
        bad = [r for r in records if isinstance(r, BadRecord)]
        for record in bad:
            self.stderr.write(f"skipped {record.where}: {record.reason}")
        summary = {"source": source, "read": len(good), "skipped": len(bad)}
        if not dry_run and good:
            run = fact_checks_import(reviews=good)
            summary |= {
                "created": run.created,
                "updated": run.updated,
                "unchanged": run.unchanged,
                "suggested": run.suggested,
            }
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            style = self.style.WARNING if bad else self.style.SUCCESS
            self.stdout.write(style(", ".join(f"{k} {v}" for k, v in summary.items())))
        if bad:
            raise CommandError(f"{len(bad)} of {len(records)} records skipped", returncode=1)
