"""Fit the news calibration (``claims/extraction/calibration.py``) on annotated news articles.

    python -m training.news_calibration            # writes models/news_calibration.json
    python -m training.news_calibration --dry-run  # prints the cross-validated figures
    python -m training.news_calibration --dry-run --report  # and the leaks, misses, curve
    python -m training.news_calibration --dry-run --bbc-only  # fit on BBC, PolNeAR scored only

Data: ``../shared/data/news_claims_dev`` (30 BBC articles: claim sentences are positives,
not-claim sentences negatives, the rest left out) and ``training/data/news_claims_polnear`` (24
PolNeAR US political news articles from seven publishers), matched to the pipeline's candidates
the way ``../shared/eval/score_claims.py`` matches sentences. Model: logistic regression
(scikit-learn, L2, C=1, balanced classes) over the scorer's logit and the candidate's features,
one fit per shipped scorer. The candidate threshold is chosen by cross-validation over twelve
folds: the five BBC categories (business, entertainment, politics, sport, tech) and the seven
PolNeAR publishers; each fold is scored by a fit on the other eleven, so every article is scored
by a fit that saw neither it nor its section or publisher: the highest threshold whose
out-of-fold sentence recall is at least ``--recall``. With ``--bbc-only`` the fit reads the BBC
articles alone (five folds, threshold on them) and the PolNeAR set is one fold it only scores.
The figures printed (and stored in the manifest) are those out-of-fold ones, beside the
in-sample ones of the final fit at the same threshold (optimistic: that fit has seen the
articles): sentence recall, not-claim rate and claimant accuracy, as ``score_claims.py`` counts
them.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from collections import Counter
from dataclasses import dataclass
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
from training import polnear_claims

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
    """The fold of an annotated article: the BBC section of a file named like
    ``bbc-business-032``; ``polnear`` for every article of the PolNeAR set (one fold: scored by
    a fit on the BBC articles alone, i.e. on publishers the fit has never seen)."""
    if name.startswith("polnear-"):
        return "polnear"
    parts = name.split("-")
    return parts[1] if len(parts) >= 3 else name


def publisher_fold(name: str) -> str:
    """The fold of an annotated article when the PolNeAR articles are fitted on too: a BBC
    article's section, a PolNeAR article's publisher (``polnear-huff-post_2015-12-02_...`` ->
    ``polnear:huff-post``), so that every PolNeAR article is scored by a fit that has seen
    neither it nor its publisher."""
    if name.startswith("polnear-"):
        return "polnear:" + name.removeprefix("polnear-").split("_")[0]
    return category(name)


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
                    "statement": claim.statement,
                    "claimant": claim.claimant,
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


@dataclass(frozen=True)
class Targets:
    """The annotations of the articles as candidate row indices, matched the way
    ``score_claims.py`` matches sentences (computed once: the threshold sweep reads them ~100
    times). Each entry carries its article's index, so a section's figures are a filter."""

    # One entry per annotated claim sentence: the rows it was produced as.
    claims: list[tuple[int, list[int]]]
    # One per annotated not-claim sentence: its rows and the annotator's reason.
    not_claims: list[tuple[int, list[int], str]]
    # One per annotated claim with a claimant: the rows of its sentence naming that claimant
    # (the claimant's last word among the produced claimant's words).
    claimants: list[tuple[int, list[int]]]


def targets(rows, articles, sc) -> Targets:
    claims, not_claims, claimants = [], [], []
    for index, (_, _, _, ann) in enumerate(articles):
        mine = [i for i, r in enumerate(rows) if r["article"] == index]
        for sentence in dict.fromkeys(a["sentence"] for a in ann["claims"]):
            produced = [i for i in mine if sc.same_sentence(rows[i]["sentence"], sentence)]
            claims.append((index, produced))
            for a in ann["claims"]:
                if a["sentence"] != sentence or not a.get("claimant"):
                    continue
                last = sc.tokens(a["claimant"])[-1:]
                claimants.append(
                    (
                        index,
                        [
                            i
                            for i in produced
                            if rows[i]["claimant"]
                            and last
                            and last[0] in sc.tokens(rows[i]["claimant"])
                        ],
                    )
                )
        for n in ann["not_claims"]:
            produced = [i for i in mine if sc.same_sentence(rows[i]["sentence"], n["sentence"])]
            not_claims.append((index, produced, n.get("reason", "")))
    return Targets(claims, not_claims, claimants)


@dataclass(frozen=True)
class Figures:
    """Sentence recall, not-claim rate and claimant accuracy, as ``score_claims.py`` counts
    them, for the candidates kept at one threshold."""

    recall: float
    not_claim_rate: float
    claimant_acc: float


def figures(found: Targets, probabilities, threshold: float, keep=None) -> Figures:
    """The figures of the rows whose probability is at least ``threshold``; ``keep`` (a set of
    article indices) restricts them to some articles."""
    kept = np.asarray(probabilities) >= threshold

    def share(entries) -> float:
        entries = [rows for index, rows, *_ in entries if keep is None or index in keep]
        return sum(bool(kept[rows].any()) for rows in entries) / len(entries) if entries else 0.0

    return Figures(share(found.claims), share(found.not_claims), share(found.claimants))


def article_intervals(
    found: Targets, probabilities, threshold: float, *, articles: int, draws: int = 2000
) -> dict[str, tuple[float, float]]:
    """90% intervals of the three figures when the articles are drawn again with replacement
    (a bootstrap over articles, seed fixed): how far thirty articles pin a figure down."""
    kept = np.asarray(probabilities) >= threshold

    def per_article(entries) -> tuple[np.ndarray, np.ndarray]:
        hits, totals = np.zeros(articles), np.zeros(articles)
        for index, rows, *_ in entries:
            totals[index] += 1
            hits[index] += bool(kept[rows].any())
        return hits, totals

    rng = np.random.default_rng(13)
    draw = rng.integers(0, articles, size=(draws, articles))
    intervals = {}
    for name, entries in (
        ("recall", found.claims),
        ("not_claim_rate", found.not_claims),
        ("claimant_acc", found.claimants),
    ):
        hits, totals = per_article(entries)
        shares = hits[draw].sum(axis=1) / np.maximum(totals[draw].sum(axis=1), 1)
        intervals[name] = (float(np.quantile(shares, 0.05)), float(np.quantile(shares, 0.95)))
    return intervals


def choose_threshold(
    found: Targets, probabilities, recall: float, keep=None
) -> tuple[float, Figures]:
    """The highest threshold (0.02 to 0.97 by 0.01) whose recall is at least ``recall`` (on the
    articles in ``keep``, a set of indices, when given)."""
    chosen, best = 0.0, figures(found, probabilities, 0.0, keep)
    for threshold in np.round(np.arange(0.02, 0.98, 0.01), 2):
        current = figures(found, probabilities, threshold, keep)
        if current.recall >= recall:
            chosen, best = float(threshold), current
    return chosen, best


# The annotators' reasons for a not-claim, in a few kinds (the first kind whose word the reason
# holds): what the leaks are, for the report.
REASON_KINDS = (
    ("question", ("question",)),
    ("framing", ("framing", "transition", "introduc", "background", "records that")),
    ("speculation", ("speculat", "hypothetical", "counterfactual", "conditional", "prediction")),
    ("normative", ("normative", "advice", "exhortation", "should")),
    ("feeling", ("feeling", "sentiment", "hope", "wish", "anticipation", "motivation")),
    ("promotion", ("promot", "slogan", "rhetoric", "jibe", "banter", "tribute", "vow")),
    ("characterisation", ("characteris", "description", "superlative", "metaphor", "assessment")),
    ("opinion", ("opinion", "praise", "judgement", "complaint", "grievance", "attitude")),
)


def reason_kind(reason: str) -> str:
    """The kind of an annotator's not-claim reason ("rhetorical question" -> "question")."""
    lowered = reason.lower()
    for kind, words in REASON_KINDS:
        if any(word in lowered for word in words):
            return kind
    return "other"


def out_of_fold(x, y, folds) -> np.ndarray:
    """Each row's probability from a fit on the labelled rows of the other folds."""
    labelled = y >= 0
    probabilities = np.zeros(len(y))
    for fold in sorted(set(folds)):
        test = folds == fold
        train = labelled & ~test
        probabilities[test] = _fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    return probabilities


def _line(figures_: Figures) -> str:
    return (
        f"recall {figures_.recall:.3f}, not-claim rate {figures_.not_claim_rate:.3f}, "
        f"claimant accuracy {figures_.claimant_acc:.3f}"
    )


def report(rows, found: Targets, probabilities, threshold: float, *, articles: int) -> None:
    """What the out-of-fold cut keeps that it should not, and drops that it should keep: the
    not-claims by the kind of their annotated reason, each leak with its reason, each missed
    claim; then the figures at other recall floors, and how wide they are over articles."""
    leaked = {
        i for _, produced, _ in found.not_claims for i in produced if probabilities[i] >= threshold
    }
    kinds = Counter(reason_kind(reason) for _, _, reason in found.not_claims)
    leaks = Counter(
        reason_kind(reason)
        for _, produced, reason in found.not_claims
        if any(probabilities[i] >= threshold for i in produced)
    )
    print("  not-claims by kind of reason (leaked out of fold / annotated):")
    for kind, count in kinds.most_common():
        print(f"    {kind}: {leaks[kind]} / {count}")
    reasons = {i: reason for _, produced, reason in found.not_claims for i in produced}
    print("  leaks (out-of-fold probability, direct quote, reason, statement):")
    for i in sorted(leaked, key=lambda i: -probabilities[i]):
        quote = "Q" if rows[i]["x"][FEATURES.index("direct_quote")] else "-"
        print(f"    {probabilities[i]:.2f} {quote} [{reasons[i]}] {rows[i]['statement']}")
    print("  missed claim sentences (best out-of-fold probability, statement):")
    for _, produced in found.claims:
        if produced and not any(probabilities[i] >= threshold for i in produced):
            best = max(produced, key=lambda i: probabilities[i])
            print(f"    {probabilities[best]:.2f} {rows[best]['statement']}")
    print("  out-of-fold figures by recall floor:")
    for floor in (0.85, 0.88, 0.90, 0.91, 0.92, 0.93, 0.95):
        chosen, at = choose_threshold(found, probabilities, floor)
        print(f"    >= {floor:.2f}: threshold {chosen:.2f}, {_line(at)}")
    intervals = article_intervals(found, probabilities, threshold, articles=articles)
    print(
        "  90% intervals at this cut, articles drawn again with replacement: "
        + ", ".join(f"{name} {low:.3f}-{high:.3f}" for name, (low, high) in intervals.items())
    )


def fit_scorer(
    name: str,
    articles,
    sc,
    recall: float,
    *,
    show_report: bool = False,
    train_polnear: bool = False,
) -> dict:
    model = checkworthiness.load(name)
    rows = candidates(model, articles, sc)
    found = targets(rows, articles, sc)
    x = np.array([r["x"] for r in rows])
    y = np.array([r["label"] if r["label"] is not None else -1 for r in rows])
    bbc = {i for i, a in enumerate(articles) if category(a[0]) != "polnear"}
    fold_of = publisher_fold if train_polnear else category
    folds = np.array([fold_of(articles[r["article"]][0]) for r in rows])
    if not train_polnear:
        # The PolNeAR articles are a held-out fold only: scored by the fit on the BBC articles,
        # never fitted on, and the threshold is chosen on the BBC folds as before.
        y[folds == "polnear"] = -1
    labelled = y >= 0
    probabilities = out_of_fold(x, y, folds)
    chosen, cross_validated = choose_threshold(
        found, probabilities, recall, None if train_polnear else bbc
    )
    final = _fit(x[labelled], y[labelled])
    in_sample = figures(found, final.predict_proba(x)[:, 1], chosen, None if train_polnear else bbc)
    weights = [round(float(w), 6) for w in final.coef_[0]]
    bias = round(float(final.intercept_[0]), 6)
    digest = hashlib.sha256(json.dumps([model.version, weights, bias, chosen]).encode()).hexdigest()
    print(
        f"{model.version}: {int(labelled.sum())} labelled candidates of {len(rows)}; threshold "
        f"{chosen}: out of fold {_line(cross_validated)}; in-sample "
        f"{_line(in_sample)}"
    )
    for fold in sorted(set(folds)):
        held_out = {i for i, a in enumerate(articles) if fold_of(a[0]) == fold}
        print(f"  held out {fold}: {_line(figures(found, probabilities, chosen, held_out))}")
    by_set = {"bbc": figures(found, probabilities, chosen, bbc)}
    if len(bbc) < len(articles):
        by_set["polnear"] = figures(found, probabilities, chosen, set(range(len(articles))) - bbc)
    for label, fig in by_set.items():
        print(f"  out of fold, {label} articles: {_line(fig)}")
    if show_report:
        report(rows, found, probabilities, chosen, articles=len(articles))
    return {
        model.version: {
            "version": f"news-{digest[:12]}",
            "weights": weights,
            "bias": bias,
            "threshold": chosen,
            "cross_validated": {
                "folds": "leave one BBC category out, and one PolNeAR publisher out"
                if train_polnear
                else "leave one BBC category out (and the PolNeAR set as one fold)",
                "recall": round(cross_validated.recall, 3),
                "not_claim_rate": round(cross_validated.not_claim_rate, 3),
                "claimant_acc": round(cross_validated.claimant_acc, 3),
                **{
                    label: {
                        "recall": round(fig.recall, 3),
                        "not_claim_rate": round(fig.not_claim_rate, 3),
                        "claimant_acc": round(fig.claimant_acc, 3),
                    }
                    for label, fig in by_set.items()
                },
            },
            "in_sample": {
                "recall": round(in_sample.recall, 3),
                "not_claim_rate": round(in_sample.not_claim_rate, 3),
                "claimant_acc": round(in_sample.claimant_acc, 3),
            },
        }
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recall", type=float, default=0.92, help="out-of-fold recall to keep")
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument(
        "--report",
        action="store_true",
        help="also print the out-of-fold leaks (with the annotators' reasons), the missed claim "
        "sentences and the figures at other recall floors",
    )
    parser.add_argument(
        "--bbc-only",
        action="store_true",
        help="fit on the BBC articles alone; the PolNeAR articles of "
        "training/data/news_claims_polnear are then only scored, as one held-out fold (by "
        "default they are fitted on too, each publisher a fold)",
    )
    parser.add_argument("--output", type=Path, default=CALIBRATION_FILE)
    args = parser.parse_args(argv)
    sc = _score_claims_module()
    articles = sc.load_articles(shared_data_dir() / "news_claims_dev")
    articles += polnear_claims.load()
    scorers: dict = {}
    for name in SCORERS:
        scorers.update(
            fit_scorer(
                name,
                articles,
                sc,
                args.recall,
                show_report=args.report,
                train_polnear=not args.bbc_only,
            )
        )
    manifest = {
        "features": list(FEATURES),
        "scorers": scorers,
        "trained_on": "news_claims_dev (30 BBC News articles, 2004-2005)"
        + (
            ""
            if args.bbc_only
            else " and news_claims_polnear (24 PolNeAR articles, 7 US publishers, 2015-2016)"
        )
        + ": claim sentences vs not-claim sentences; threshold by cross-validation leaving one "
        "BBC category" + ("" if args.bbc_only else " or one PolNeAR publisher") + " out",
        "licence": "research use only (BBC News and PolNeAR texts; CheckThat!/ClaimBuster-trained "
        "scorers)",
    }
    if not args.dry_run:
        args.output.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
