"""Queue an ingest job's unfinished articles again: a finished job's failed ones, a stale job's
pending and failed ones (its worker died, or its tasks were lost)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.ingest import IngestError
from claims.ingest.jobs import ingest_job_retry, job_counts, stale_jobs
from claims.models import IngestJob


class Command(BaseCommand):
    help = (
        "Retry ingest jobs: a finished job's failed articles (a worker error, a URL that timed "
        "out), or a stale job's unfinished ones (queued or running, but no progress for "
        "CLAIMTRACK_JOB_STALE_AFTER seconds). --stale retries every stale job."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("job_ids", nargs="*", type=int, metavar="JOB_ID")
        parser.add_argument(
            "--stale", action="store_true", help="also retry every job that is stale now"
        )

    def handle(self, *args, **options) -> None:
        job_ids = list(options["job_ids"])
        if options["stale"]:
            stale = list(stale_jobs().order_by("pk").values_list("pk", flat=True))
            if not stale:
                self.stdout.write("no stale ingest jobs")
            job_ids += [pk for pk in stale if pk not in job_ids]
        elif not job_ids:
            raise CommandError("name the jobs to retry (JOB_ID ...), or give --stale")
        failed = 0
        for job_id in job_ids:
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
            raise CommandError(f"{failed} of {len(job_ids)} jobs not retried")
