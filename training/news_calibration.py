"""Fit the news calibration (``claims/extraction/calibration.py``) on annotated news articles.

    python -m training.news_calibration            # writes models/news_calibration.json
    python -m training.news_calibration --dry-run  # prints the cross-validated figures

Data: ``../shared/data/news_claims_dev`` (30 BBC articles: claim sentences are positives,
not-claim sentences negatives, the rest left out), matched to the pipeline's candidates the way
``../shared/eval/score_claims.py`` matches sentences. Model: logistic regression (scikit-learn,
L2, C=1, balanced classes) over the scorer's logit and the candidate's features, one fit per
shipped scorer. The candidate threshold is chosen by 5-fold cross-validation with articles kept
whole in a fold (the folds are the articles in name order, dealt round-robin): the highest
threshold whose out-of-fold sentence recall is at least ``--recall``. The figures printed (and
stored in the manifest) are those out-of-fold ones; the dev set's own score after the final fit
is optimistic, since the fit has seen it.
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
from claims.extraction.calibration import CALIBRATION_FILE, FEATURES, features
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


def candidates(model, articles, sc) -> list[dict]:
    """Every candidate of every article with its raw score, article index and label."""
    rows = []
    raw = _Raw(model)
    for index, (_, title, text, ann) in enumerate(articles):
        extraction = extract(text, title=title, scorer=raw, threshold=0.0)
        for claim in extraction.claims:
            positive = any(sc.same_sentence(claim.sentence, a["sentence"]) for a in ann["claims"])
            negative = any(
                sc.same_sentence(claim.sentence, n["sentence"]) for n in ann["not_claims"]
            )
            rows.append(
                {
                    "article": index,
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


def _fit(x, y):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000).fit(x, y)


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
    return hit / total, leak / total_not


def fit_scorer(name: str, articles, sc, recall: float, folds: int = 5) -> dict:
    model = checkworthiness.load(name)
    rows = candidates(model, articles, sc)
    labelled = [i for i, r in enumerate(rows) if r["label"] is not None]
    x = np.array([r["x"] for r in rows])
    y = np.array([r["label"] if r["label"] is not None else -1 for r in rows])
    out_of_fold = np.zeros(len(rows))
    for fold in range(folds):
        test = np.array([r["article"] % folds == fold for r in rows])
        train = np.array([i in set(labelled) for i in range(len(rows))]) & ~test
        out_of_fold[test] = _fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    chosen, figures = 0.0, (1.0, 1.0)
    for threshold in np.round(np.arange(0.02, 0.98, 0.01), 2):
        rates = _sentence_rates(rows, out_of_fold, threshold, articles, sc)
        if rates[0] >= recall:
            chosen, figures = float(threshold), rates
    final = _fit(x[labelled], y[labelled])
    weights = [round(float(w), 6) for w in final.coef_[0]]
    bias = round(float(final.intercept_[0]), 6)
    digest = hashlib.sha256(json.dumps([model.version, weights, bias, chosen]).encode()).hexdigest()
    print(
        f"{model.version}: {len(labelled)} labelled candidates of {len(rows)}; threshold {chosen} "
        f"(out-of-fold recall {figures[0]:.3f}, not-claim rate {figures[1]:.3f})"
    )
    return {
        model.version: {
            "version": f"news-{digest[:12]}",
            "weights": weights,
            "bias": bias,
            "threshold": chosen,
            "cross_validated": {
                "recall": round(figures[0], 3),
                "not_claim_rate": round(figures[1], 3),
            },
        }
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recall", type=float, default=0.90, help="out-of-fold recall to keep")
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
        "not-claim sentences; threshold by 5-fold article-grouped cross-validation",
        "licence": "research use only (BBC News texts; CheckThat!/ClaimBuster-trained scorers)",
    }
    if not args.dry_run:
        args.output.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
