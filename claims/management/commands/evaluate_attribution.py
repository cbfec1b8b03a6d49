"""Measure quote and reported-speech attribution on PolNeAR's dev split."""

from django.core.management.base import BaseCommand, CommandError

from claims.extraction.attribution import attribute
from claims.extraction.evaluation import attribution_score, polnear_articles, shared_data_dir
from claims.extraction.sentences import split_sentences


class Command(BaseCommand):
    help = (
        "Print speaker accuracy of the extraction pipeline's attribution on PolNeAR (dev split "
        "by default): of the sentences whose content the corpus attributes to a named source, "
        "the share whose claimant names that source. Data from ../shared/data (or "
        "$CLAIMTRACK_SHARED_DATA)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--split", default="dev", choices=["dev", "train"])

    def handle(self, *args, split: str, **options) -> None:
        folder = shared_data_dir() / "polnear_attribution" / split
        if not folder.is_dir():
            raise CommandError(f"PolNeAR {split} split not found at {folder}")
        score = attribution_score(attribute, split_sentences, polnear_articles(split))
        self.stdout.write(
            f"PolNeAR {split}: {score.articles} articles, {score.sentences} content sentences "
            f"with a named source ({score.pronoun_only} more with only a pronoun as source, "
            "left out)"
        )
        self.stdout.write(
            f"speaker accuracy {score.accuracy:.3f} ({score.correct}/{score.sentences}); "
            f"attributed {score.attributed}, precision {score.precision:.3f}"
        )
