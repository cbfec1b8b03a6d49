"""Match every claim that has no vector from the current encoder yet; optionally save the index."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.matching.services import claims_match_pending, index_snapshot_save


class Command(BaseCommand):
    help = (
        "Embed and match every claim without a vector from the shipped encoder: after a bulk "
        "ingest run with CLAIMTRACK_MATCH_ON_INGEST=0, or after the encoder changed. With "
        "--save-index, then build the vector index from every stored vector and write it to "
        "CLAIMTRACK_MATCH_SNAPSHOT (or --folder), which web and worker processes load on start "
        "instead of indexing every row themselves."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--save-index", action="store_true", help="write the index snapshot afterwards"
        )
        parser.add_argument(
            "--folder", type=Path, default=None, help="default: CLAIMTRACK_MATCH_SNAPSHOT"
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=1,
            help="threads that build the HNSW graph for --save-index (default: %(default)s)",
        )

    def handle(self, *args, save_index: bool, folder: Path | None, threads: int, **options):
        folder = folder or (
            Path(settings.CLAIMTRACK_MATCH_SNAPSHOT) if settings.CLAIMTRACK_MATCH_SNAPSHOT else None
        )
        if save_index and folder is None:
            raise CommandError("--save-index needs --folder or CLAIMTRACK_MATCH_SNAPSHOT")
        if threads < 1:
            raise CommandError(f"--threads must be 1 or more, not {threads}")
        run = claims_match_pending()
        self.stdout.write(
            self.style.SUCCESS(
                f"{run.claims} claims matched, {run.embedded} embedded, {run.suggested} suggestions"
            )
        )
        if save_index:
            meta = index_snapshot_save(folder=folder, threads=threads)
            self.stdout.write(
                self.style.SUCCESS(
                    f"index of {meta['count']} vectors ({meta['structure']}) saved to {folder}"
                )
            )
