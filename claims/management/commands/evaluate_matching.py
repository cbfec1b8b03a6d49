"""Evaluate claim matching on CheckThat! 2020 task 2 (tweets against 10,375 Snopes claims)."""

import json
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "claimtrack" / "matching"


class Command(BaseCommand):
    help = (
        "Run the product's matcher (claims.matching: the shipped encoder, index and re-ranker) "
        "over the 10,375 verified claims of CheckThat! 2020 task 2 and print MAP@1, MAP@5, "
        "recall@5 and MRR on a split (default: test). Data from ../shared/data (or "
        "$CLAIMTRACK_SHARED_DATA). The claims' vectors are cached per encoder version, so only "
        "the first run embeds them (several minutes on two cores)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--split", choices=["train", "dev", "test"], default="test")
        parser.add_argument(
            "--cache-dir",
            type=Path,
            default=default_cache_dir(),
            help="where vectors are cached (default: %(default)s)",
        )
        parser.add_argument("--no-cache", action="store_true", help="embed everything again")
        parser.add_argument(
            "--cosine-only",
            action="store_true",
            help="rank by the encoder's cosine alone (the baseline the re-ranker must beat)",
        )
        parser.add_argument(
            "--index",
            choices=["exact", "hnsw"],
            default=None,
            help="the vector index (default: CLAIMTRACK_MATCH_INDEX, else exact)",
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, split: str, cache_dir: Path, no_cache: bool, **options) -> None:
        try:
            # Evaluation glue lives outside the runtime package: only a source checkout has it.
            from training import matching as evaluation
        except ImportError as exc:
            raise CommandError(
                "evaluate_matching runs from a source checkout (the training/ package)"
            ) from exc
        from claims.matching.encoder import default_encoder
        from claims.matching.ranking import default_reranker

        encoder = default_encoder()
        reranker = default_reranker()
        if options["cosine_only"]:
            reranker = evaluation.cosine_only_reranker(reranker.candidates)
        cache = None if no_cache else cache_dir
        started = time.perf_counter()
        try:
            matcher = evaluation.collection_matcher(
                encoder,
                reranker,
                cache_dir=cache,
                index=options["index"] or settings.CLAIMTRACK_MATCH_INDEX,
            )
            scores = evaluation.evaluate(matcher, evaluation.load_split(split), cache_dir=cache)
        except evaluation.DataMissingError as exc:
            raise CommandError(str(exc)) from exc
        scores["seconds"] = time.perf_counter() - started
        if options["json"]:
            self.stdout.write(json.dumps({"split": split, "matcher": matcher.version, **scores}))
            return
        self.stdout.write(
            self.style.MIGRATE_HEADING(
                f"{matcher.version} ({type(matcher.index).__name__}) on the {split} split"
            )
        )
        self.stdout.write(
            f"queries {int(scores['queries'])}  MAP@1 {scores['map@1']:.4f}  "
            f"MAP@5 {scores['map@5']:.4f}  recall@5 {scores['recall@5']:.4f}  "
            f"MRR {scores['mrr']:.4f}"
        )
        self.stdout.write(
            f"ranking {scores['rank_ms_per_query']:.1f} ms per query (vectors given); "
            f"{scores['seconds']:.0f} s in all"
        )
