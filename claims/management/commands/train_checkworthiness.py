"""Train a check-worthiness model from the CheckThat! 2024 English train/dev data."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.extraction.checkworthiness import MODELS_DIR
from claims.extraction.checkworthiness_eval import DataMissingError


class Command(BaseCommand):
    help = (
        "Train the check-worthiness model on CT24 English train (+ dev: threshold and, for the "
        "linear model, the final refit) read from ../shared/data (or $CLAIMTRACK_SHARED_DATA), "
        "and write it under claims/extraction/models/. Fixed seeds: the same data gives the same "
        "weights. --model linear needs scikit-learn; --model transformer needs torch and "
        "transformers (training only; scoring uses onnxruntime)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--model",
            choices=["linear", "transformer"],
            default="linear",
            help="linear: TF-IDF n-grams + logistic regression (minutes); "
            "transformer: fine-tuned MiniLM exported to int8 ONNX (about an hour on 2 cores)",
        )
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=MODELS_DIR,
            help=f"where the model files are written (default: {MODELS_DIR})",
        )
        parser.add_argument(
            "--name", help="model name = file stem (default: linear, or minilm / minilm-l<N>)"
        )
        parser.add_argument(
            "--layers",
            type=int,
            default=6,
            help="transformer only: keep the first N of MiniLM's 6 layers (fewer is faster)",
        )
        parser.add_argument(
            "--epochs", type=int, default=1, help="transformer only: epochs (default 1)"
        )

    def handle(self, *args, **options) -> None:
        from claims.extraction import checkworthiness_train as training

        try:
            if options["model"] == "linear":
                result = training.train_linear(
                    output_dir=options["output_dir"], name=options["name"] or "linear"
                )
                manifest = result.manifest
                self.stdout.write(
                    f"CT24 dev (fit on train only): P {result.dev_precision:.3f} "
                    f"R {result.dev_recall:.3f} F1 {result.dev_f1:.3f}"
                )
            else:
                layers = options["layers"]
                name = options["name"] or ("minilm" if layers == 6 else f"minilm-l{layers}")
                config = training.TransformerConfig(
                    name=name, layers=layers, epochs=options["epochs"]
                )
                log = self.stdout.write if options["verbosity"] > 1 else (lambda _m: None)
                manifest = training.train_transformer(
                    output_dir=options["output_dir"], config=config, log=log
                )
        except DataMissingError as exc:
            raise CommandError(str(exc)) from exc
        except RuntimeError as exc:  # a missing training-only dependency, named in the message
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {manifest['version']} to {options['output_dir']} "
                f"(threshold {manifest['threshold']})"
            )
        )
