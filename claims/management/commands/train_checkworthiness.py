"""Train a check-worthiness model from the CheckThat! 2024 English train/dev data."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.extraction.checkworthiness import MODELS_DIR
from claims.extraction.checkworthiness_eval import DataMissingError
from claims.extraction.checkworthiness_train import TransformerConfig as TransformerDefaults


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
        defaults = TransformerDefaults()
        parser.add_argument(
            "--epochs",
            type=int,
            default=defaults.epochs,
            help=f"transformer only: epochs; the best on CT24 dev is kept "
            f"(default {defaults.epochs})",
        )
        parser.add_argument(
            "--trainable-layers",
            type=int,
            default=defaults.trainable_layers,
            help="transformer only: fine-tune only the top N layers (and the head), freezing "
            f"the embeddings and the layers below; N = --layers trains everything "
            f"(default {defaults.trainable_layers})",
        )
        parser.add_argument(
            "--learning-rate",
            type=float,
            default=defaults.learning_rate,
            help=f"transformer only: AdamW peak learning rate (default {defaults.learning_rate})",
        )
        parser.add_argument(
            "--negatives-per-positive",
            type=_negatives_per_positive,
            default=defaults.negatives_per_positive,
            help="transformer only: train on every positive and this many negatives per positive "
            "(seeded sample), or 'all' for every CT24 train sentence "
            f"(default {defaults.negatives_per_positive})",
        )

    def handle(self, *args, **options) -> None:
        from claims.extraction import checkworthiness_train as training

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
                config = training.TransformerConfig(
                    name=name,
                    layers=layers,
                    trainable_layers=min(options["trainable_layers"], layers),
                    negatives_per_positive=options["negatives_per_positive"],
                    epochs=options["epochs"],
                    learning_rate=options["learning_rate"],
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
