"""Fit the news calibration (``claims/extraction/calibration.py``) on annotated news articles.

    python -m training.news_calibration            # writes models/news_calibration.json
    python -m training.news_calibration --dry-run  # prints the cross-validated figures

Data: ``../shared/data/news_claims_dev`` (30 BBC articles: claim sentences are positives,
not-claim sentences negatives, the rest left out), matched to the pipeline's candidates the way
``../shared/eval/score_claims.py`` matches sentences. Model: logistic regression (scikit-learn,
L2, C=1, balanced classes) over the scorer's logit and the candidate's features, one fit per
shipped scorer. The candidate threshold is chosen by leave-one-category-out cross-validation
(the five BBC categories: business, entertainment, politics, sport, tech; each fold is fitted on
four and scores the fifth, so every article is scored by a fit that saw neither it nor its
section): the highest threshold whose out-of-fold sentence recall is at least ``--recall``. The
figures printed (and stored in the manifest) are those out-of-fold ones, beside the in-sample
ones of the final fit at the same threshold (optimistic: that fit has seen the articles).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np

from claims.extraction import checkworthiness, extract
from claims.extraction.calibration import (
    CALIBRATION_FILE,
    FEATURES,
    NON_NEGATIVE,
    NON_POSITIVE,
    features,
)
from claims.extraction.evaluation import shared_data_dir

SCORERS = ("ensemble", "linear")


def _score_claims_module():
    path = shared_data_dir().parent / "eval" / "score_claims.py"
    spec = importlib.util.spec_from_file_location("score_claims", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Raw:
    """The scorer under another version, so that extract() applies no calibration."""

    def __init__(self, model) -> None:
        self.model = model
        self.version = f"raw:{model.version}"

    def score(self, texts):
        return self.model.score(texts)


def category(name: str) -> str:
    """The BBC section of an annotation file named like ``bbc-business-032``."""
    parts = name.split("-")
    return parts[1] if len(parts) >= 3 else name


def candidates(model, articles, sc) -> list[dict]:
    """Every candidate of every article with its raw score, article, category and label.

    The features are those of the statement as stored (``CandidateClaim.statement``), which is
    what ``extract`` and the worker's rescoring compute them on."""
    rows = []
    raw = _Raw(model)
    for index, (name, title, text, ann) in enumerate(articles):
        extraction = extract(text, title=title, scorer=raw, threshold=0.0)
        for claim in extraction.claims:
            positive = any(sc.same_sentence(claim.sentence, a["sentence"]) for a in ann["claims"])
            negative = any(
                sc.same_sentence(claim.sentence, n["sentence"]) for n in ann["not_claims"]
            )
            rows.append(
                {
                    "article": index,
                    "category": category(name),
                    "sentence": claim.sentence,
                    "x": features(
                        claim.statement,
                        score=claim.score,
                        is_quote=claim.is_quote,
                        has_speaker=claim.claimant is not None,
                    ),
                    "label": 1 if positive else 0 if negative else None,
                }
            )
    return rows


class _Logistic:
    """L2-regularised logistic regression (C=1, balanced classes, as scikit-learn's) with each
    weight held to the sign ``NON_POSITIVE`` / ``NON_NEGATIVE`` give it (L-BFGS-B)."""

    def __init__(self, x, y, c: float = 1.0) -> None:
        from scipy.optimize import minimize

        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        weight = np.where(y == 1, len(y) / (2 * y.sum()), len(y) / (2 * (len(y) - y.sum())))

        def loss(theta):
            w, b = theta[:-1], theta[-1]
            z = x @ w + b
            # log(1 + e^z) - y z, stably; and its gradient
            value = np.sum(weight * (np.logaddexp(0, z) - y * z)) + 0.5 / c * w @ w
            residual = weight * (1 / (1 + np.exp(-z)) - y)
            return value, np.append(x.T @ residual + w / c, residual.sum())

        bounds = [
            (None, 0.0)
            if name in NON_POSITIVE
            else (0.0, None)
            if name in NON_NEGATIVE
            else (None, None)
            for name in FEATURES
        ] + [(None, None)]
        result = minimize(
            loss,
            np.zeros(x.shape[1] + 1),
            jac=True,
            method="L-BFGS-B",
            bounds=bounds,
            options={"maxiter": 5000},
        )
        self.coef_ = result.x[None, :-1]
        self.intercept_ = result.x[-1:]

    def predict_proba(self, x):
        p = 1 / (1 + np.exp(-(np.asarray(x, dtype=float) @ self.coef_[0] + self.intercept_[0])))
        return np.column_stack([1 - p, p])


def _fit(x, y):
    return _Logistic(x, y)


_EMPTY = {"claims": [], "not_claims": []}


def _sentence_rates(rows, probabilities, threshold, articles, sc) -> tuple[float, float]:
    """(recall of claim sentences, share of not-claim sentences kept), as score_claims counts."""
    hit = total = leak = total_not = 0
    for index, (_, _, _, ann) in enumerate(articles):
        kept = [
            r["sentence"]
            for r, p in zip(rows, probabilities, strict=True)
            if r["article"] == index and p >= threshold
        ]
        for sentence in {a["sentence"] for a in ann["claims"]}:
            total += 1
            hit += any(sc.same_sentence(k, sentence) for k in kept)
        for n in ann["not_claims"]:
            total_not += 1
            leak += any(sc.same_sentence(k, n["sentence"]) for k in kept)
    return (hit / total if total else 0.0), (leak / total_not if total_not else 0.0)


def fit_scorer(name: str, articles, sc, recall: float) -> dict:
    model = checkworthiness.load(name)
    rows = candidates(model, articles, sc)
    x = np.array([r["x"] for r in rows])
    y = np.array([r["label"] if r["label"] is not None else -1 for r in rows])
    labelled = y >= 0
    folds = np.array([r["category"] for r in rows])
    out_of_fold = np.zeros(len(rows))
    for fold in sorted(set(folds)):
        test = folds == fold
        out_of_fold[test] = _fit(x[labelled & ~test], y[labelled & ~test]).predict_proba(x[test])[
            :, 1
        ]
    chosen, figures = 0.0, (1.0, 1.0)
    for threshold in np.round(np.arange(0.02, 0.98, 0.01), 2):
        rates = _sentence_rates(rows, out_of_fold, threshold, articles, sc)
        if rates[0] >= recall:
            chosen, figures = float(threshold), rates
    per_fold = {
        fold: _sentence_rates(
            [r for r in rows if r["category"] == fold],
            [p for r, p in zip(rows, out_of_fold, strict=True) if r["category"] == fold],
            chosen,
            [a if category(a[0]) == fold else (a[0], a[1], a[2], _EMPTY) for a in articles],
            sc,
        )
        for fold in sorted(set(folds))
    }
    final = _fit(x[labelled], y[labelled])
    in_sample = _sentence_rates(rows, final.predict_proba(x)[:, 1], chosen, articles, sc)
    weights = [round(float(w), 6) for w in final.coef_[0]]
    bias = round(float(final.intercept_[0]), 6)
    digest = hashlib.sha256(json.dumps([model.version, weights, bias, chosen]).encode()).hexdigest()
    print(
        f"{model.version}: {int(labelled.sum())} labelled candidates of {len(rows)}; threshold "
        f"{chosen}: leave-one-category-out recall {figures[0]:.3f}, not-claim rate "
        f"{figures[1]:.3f}; in-sample {in_sample[0]:.3f}, {in_sample[1]:.3f}"
    )
    for fold, (fold_recall, fold_rate) in per_fold.items():
        print(f"  held out {fold}: recall {fold_recall:.3f}, not-claim rate {fold_rate:.3f}")
    return {
        model.version: {
            "version": f"news-{digest[:12]}",
            "weights": weights,
            "bias": bias,
            "threshold": chosen,
            "cross_validated": {
                "folds": "leave one BBC category out",
                "recall": round(figures[0], 3),
                "not_claim_rate": round(figures[1], 3),
            },
            "in_sample": {
                "recall": round(in_sample[0], 3),
                "not_claim_rate": round(in_sample[1], 3),
            },
        }
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recall", type=float, default=0.92, help="out-of-fold recall to keep")
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--output", type=Path, default=CALIBRATION_FILE)
    args = parser.parse_args(argv)
    sc = _score_claims_module()
    articles = sc.load_articles(shared_data_dir() / "news_claims_dev")
    scorers: dict = {}
    for name in SCORERS:
        scorers.update(fit_scorer(name, articles, sc, args.recall))
    manifest = {
        "features": list(FEATURES),
        "scorers": scorers,
        "trained_on": "news_claims_dev (30 BBC News articles, 2004-2005): claim sentences vs "
        "not-claim sentences; threshold by leave-one-category-out cross-validation",
        "licence": "research use only (BBC News texts; CheckThat!/ClaimBuster-trained scorers)",
    }
    if not args.dry_run:
        args.output.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
