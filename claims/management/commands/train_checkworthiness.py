"""Train a check-worthiness model from the CheckThat! 2024 English train/dev data."""

import argparse
from dataclasses import replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.extraction.checkworthiness import MODELS_DIR


def _negatives_per_positive(value: str) -> float | None:
    return None if value == "all" else float(value)


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
            choices=["linear", "transformer", "ensemble"],
            default="linear",
            help="linear: TF-IDF n-grams + logistic regression (minutes); "
            "transformer: fine-tuned MiniLM exported to int8 ONNX (10-40 min on 2 shared cores); "
            "ensemble: no new weights, chooses on CT24 dev the weight and threshold of the "
            "shipped linear + minilm mean (ensemble.json) and the cut of its cascade "
            "(cascade.json), about 6 min",
        )
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=MODELS_DIR,
            help=f"where the model files are written (default: {MODELS_DIR})",
        )
        parser.add_argument(
            "--name",
            help="model name = file stem (default: linear, ensemble, or minilm / minilm-l<N>)",
        )
        parser.add_argument(
            "--layers",
            type=int,
            default=6,
            help="transformer only: keep the first N of MiniLM's 6 layers (fewer is faster)",
        )
        # Options not given are left out, so the recipe's own defaults apply: TransformerConfig in
        # training/checkworthiness.py, which is imported only when the command runs.
        recipe = "default: the recipe's, TransformerConfig in training/checkworthiness.py"
        parser.add_argument(
            "--epochs",
            type=int,
            default=argparse.SUPPRESS,
            help=f"transformer only: epochs; the best on CT24 dev is kept ({recipe})",
        )
        parser.add_argument(
            "--trainable-layers",
            type=int,
            default=argparse.SUPPRESS,
            help="transformer only: fine-tune only the top N layers (and the head), freezing "
            f"the embeddings and the layers below; N = --layers trains everything ({recipe})",
        )
        parser.add_argument(
            "--learning-rate",
            type=float,
            default=argparse.SUPPRESS,
            help=f"transformer only: AdamW peak learning rate ({recipe})",
        )
        parser.add_argument(
            "--negatives-per-positive",
            type=_negatives_per_positive,
            default=argparse.SUPPRESS,
            help="transformer only: train on every positive and this many negatives per positive "
            f"(seeded sample), or 'all' for every CT24 train sentence ({recipe})",
        )

    def handle(self, *args, **options) -> None:
        try:
            # Training code is not installed with the app: it runs from a source checkout.
            from training import checkworthiness as training
            from training.evaluation import DataMissingError
        except ImportError as exc:
            raise CommandError(
                f"the training package is not importable ({exc}): train from a source checkout "
                "of Claimtrack, in its root folder"
            ) from exc
        try:
            if options["model"] == "ensemble":
                result = training.train_ensemble(
                    output_dir=options["output_dir"], name=options["name"] or "ensemble"
                )
                if options["verbosity"] > 1:
                    grids = [
                        ("weighted mean of probabilities", result.grid),
                        ("weighted mean of logits", result.logit_grid),
                    ]
                    for label, grid in grids:
                        self.stdout.write(f"CT24 dev, {label} vs minilm weight:")
                        for row in grid:
                            self.stdout.write(
                                f"  w {row.slow_weight:.2f}  threshold {row.threshold:.4f}  "
                                f"F1 {row.f1:.4f}  AP {row.average_precision:.4f}"
                            )
                for manifest in result.manifests.values():
                    dev = manifest["dev_scores"]
                    self.stdout.write(
                        self.style.SUCCESS(
                            f"Wrote {manifest['version']} to {options['output_dir']} (minilm "
                            f"weight {manifest['slow']['weight']}, threshold "
                            f"{manifest['threshold']}, cascade cut {manifest['cascade_cut']}; "
                            f"CT24 dev P {dev['precision']:.3f} R {dev['recall']:.3f} "
                            f"F1 {dev['f1']:.3f})"
                        )
                    )
                return
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
                recipe = ("epochs", "learning_rate", "trainable_layers", "negatives_per_positive")
                given = {key: options[key] for key in recipe if key in options}
                config = training.TransformerConfig(name=name, layers=layers, **given)
                config = replace(config, trainable_layers=min(config.trainable_layers, layers))
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
