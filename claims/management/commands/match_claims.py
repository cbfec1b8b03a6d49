"""Match every claim that has no vector from the current encoder yet."""

from django.core.management.base import BaseCommand

from claims.matching.services import claims_match_pending


class Command(BaseCommand):
    help = (
        "Embed and match every claim without a vector from the shipped encoder: after a bulk "
        "ingest run with CLAIMTRACK_MATCH_ON_INGEST=0, or after the encoder changed."
    )

    def handle(self, *args, **options) -> None:
        run = claims_match_pending()
        self.stdout.write(
            self.style.SUCCESS(
                f"{run.claims} claims matched, {run.embedded} embedded, {run.suggested} suggestions"
            )
        )
