"""Queue a finished ingest job's failed articles again."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.ingest import IngestError
from claims.ingest.jobs import ingest_job_retry, job_counts
from claims.models import IngestJob


class Command(BaseCommand):
    help = "Retry the failed articles of ingest jobs (a worker error, a URL that timed out)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("job_ids", nargs="+", type=int, metavar="JOB_ID")

    def handle(self, *args, **options) -> None:
        failed = 0
        for job_id in options["job_ids"]:
            job = IngestJob.objects.filter(pk=job_id).first()
            if job is None:
                self.stderr.write(self.style.ERROR(f"job {job_id}: no such ingest job"))
                failed += 1
                continue
            try:
                job = ingest_job_retry(job=job)
            except IngestError as error:
                self.stderr.write(self.style.ERROR(f"job {job_id}: {error}"))
                failed += 1
                continue
            counts = job_counts(job)
            self.stdout.write(
                f"ingest job {job.pk}: {job.status}, attempt {job.attempts}, "
                f"{counts['pending']} pending, {counts['failed']} failed"
            )
        if failed:
            raise CommandError(f"{failed} of {len(options['job_ids'])} jobs not retried")
