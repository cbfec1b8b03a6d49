"""Evaluate check-worthiness models on the CheckThat! test sets."""

from django.core.management.base import BaseCommand, CommandError

from claims.extraction import checkworthiness


class Command(BaseCommand):
    help = (
        "Print precision, recall and F1 of the check-worthy class on CT24 test, CT23 test "
        "(= CT24 dev-test), CT22 task 1A test (tweets) and CT21 task 1B test (debates, also MAP), "
        "with sentences/s, for the default model or the ones named. Data from ../shared/data "
        "(or $CLAIMTRACK_SHARED_DATA)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "models",
            nargs="*",
            help="shipped model names (linear, minilm, ...) or manifest paths; "
            "default: the model load_default() picks ($CLAIMTRACK_CHECKWORTHINESS_MODEL)",
        )
        parser.add_argument(
            "--threshold",
            type=float,
            help="score threshold for P/R/F1 (default: each model's own, chosen on CT24 dev)",
        )

    def handle(self, *args, models: list[str], threshold: float | None, **options) -> None:
        try:
            # Evaluation code is not installed with the app: it runs from a source checkout.
            from training.evaluation import DataMissingError, evaluate_model, format_results
        except ImportError as exc:
            raise CommandError(
                f"the training package is not importable ({exc}): evaluate from a source "
                "checkout of Claimtrack, in its root folder"
            ) from exc
        loaded = (
            [checkworthiness.load(name) for name in models]
            if models
            else [checkworthiness.load_default()]
        )
        for model in loaded:
            chosen = threshold if threshold is not None else model.threshold
            try:
                results = evaluate_model(model, threshold=chosen)
            except DataMissingError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(self.style.MIGRATE_HEADING(f"{model.version} (threshold {chosen})"))
            self.stdout.write(format_results(results))
