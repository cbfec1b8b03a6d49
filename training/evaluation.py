"""Evaluation of check-worthiness models on the CheckThat! test sets.

Plain Python + numpy; no Django, no scikit-learn. The loaders here are also used by training
(`training.checkworthiness`) so that the split that is read for training can never silently differ
from the one that is held out for evaluation.

Test sets (see each folder's SOURCE.md under ``shared/data``):

- CT24 test: ``checkthat2024_task1_english/CT24_checkworthy_english_test_gold.tsv`` (debates)
- CT23 test: ``checkthat2024_task1_english/CT24_checkworthy_english_dev-test.tsv`` (debates)
- CT22 1A test: ``checkthat2022_task1a_english/CT22_english_1A_checkworthy_test_gold.tsv``
  (COVID-19 tweets)
- CT21 1B test: ``checkthat2021_task1b_english/test/*.tsv`` (Trump speeches; ranked per debate,
  scored with MAP; labels come from professional fact-checkers, about 6% positive)
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# One resolver for ../shared/data across the extraction package (the sentence tests use it too).
from claims.extraction.evaluation import shared_data_dir

SHARED_DATA_ENV = "CLAIMTRACK_SHARED_DATA"

CT24_DIR = "checkthat2024_task1_english"
CT24_FILES = {
    "train": "CT24_checkworthy_english_train.tsv",
    "dev": "CT24_checkworthy_english_dev.tsv",
    "dev-test": "CT24_checkworthy_english_dev-test.tsv",
    "test": "CT24_checkworthy_english_test_gold.tsv",
}
CT22_1A_TEST = "checkthat2022_task1a_english/CT22_english_1A_checkworthy_test_gold.tsv"
CT21_1B_TEST_DIR = "checkthat2021_task1b_english/test"


class DataMissingError(FileNotFoundError):
    """A data file that training or evaluation needs is not on disk."""


@dataclass(frozen=True)
class LabelledSentences:
    """Sentences with 0/1 check-worthiness labels; `groups` names the debate for ranked sets."""

    name: str
    texts: list[str]
    labels: np.ndarray
    groups: list[str] | None = None


@dataclass(frozen=True)
class EvaluationResult:
    name: str
    n: int
    positives: int
    precision: float
    recall: float
    f1: float
    map: float | None
    sentences_per_second: float


def _require(path: Path) -> Path:
    if not path.exists():
        raise DataMissingError(
            f"missing data file {path} (set {SHARED_DATA_ENV} to the folder that holds "
            f"{CT24_DIR}/, checkthat2022_task1a_english/ and checkthat2021_task1b_english/)"
        )
    return path


def _label(value: str) -> int:
    value = value.strip()
    if value in ("Yes", "1"):
        return 1
    if value in ("No", "0"):
        return 0
    raise ValueError(f"unexpected label {value!r}")


def load_ct24(split: str, data_dir: Path | None = None) -> LabelledSentences:
    """One CT24 English split: ``train``, ``dev`` (both ClaimBuster), ``dev-test`` or ``test``."""
    path = _require((data_dir or shared_data_dir()) / CT24_DIR / CT24_FILES[split])
    texts: list[str] = []
    labels: list[int] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader)
        if header[:3] != ["Sentence_id", "Text", "class_label"]:
            raise ValueError(f"{path}: unexpected header {header}")
        for row in reader:
            if not row:
                continue
            if len(row) == 5:
                # Known glitch in the train file (SOURCE.md): two records share one line, the
                # first label runs into the next id ("No29286").
                first_label, second_id = row[2][:-5].strip(), row[2][-5:]
                if not second_id.isdigit():
                    raise ValueError(f"{path}: cannot split merged row {row}")
                texts += [row[1], row[3]]
                labels += [_label(first_label), _label(row[4])]
                continue
            if len(row) != 3:
                raise ValueError(f"{path}: row with {len(row)} fields: {row}")
            texts.append(row[1])
            labels.append(_label(row[2]))
    return LabelledSentences(f"ct24-{split}", texts, np.asarray(labels, dtype=np.int8))


def load_ct22_1a_test(data_dir: Path | None = None) -> LabelledSentences:
    """CT22 task 1A English test (COVID-19 tweets, gold labels)."""
    path = _require((data_dir or shared_data_dir()) / CT22_1A_TEST)
    texts: list[str] = []
    labels: list[int] = []
    with path.open(encoding="utf-8", newline="") as handle:
        # Tweets contain unbalanced quote characters: read fields literally.
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        text_at, label_at = header.index("tweet_text"), header.index("class_label")
        for row in reader:
            if row:
                texts.append(row[text_at])
                labels.append(_label(row[label_at]))
    return LabelledSentences("ct22-1a-test", texts, np.asarray(labels, dtype=np.int8))


def load_ct21_1b_test(data_dir: Path | None = None) -> LabelledSentences:
    """CT21 task 1B English test: 8 speeches/interviews, one sentence per line, no header."""
    folder = _require((data_dir or shared_data_dir()) / CT21_1B_TEST_DIR)
    files = sorted(folder.glob("*.tsv"))
    if not files:
        raise DataMissingError(f"no .tsv debate files in {folder}")
    texts: list[str] = []
    labels: list[int] = []
    groups: list[str] = []
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if not row:
                    continue
                texts.append(row[2])
                labels.append(_label(row[3]))
                groups.append(path.stem)
    return LabelledSentences("ct21-1b-test", texts, np.asarray(labels, dtype=np.int8), groups)


def load_test_sets(data_dir: Path | None = None) -> list[LabelledSentences]:
    """Every evaluation split, in report order. None of these may be used for training."""
    return [
        _renamed(load_ct24("test", data_dir), "ct24-test"),
        _renamed(load_ct24("dev-test", data_dir), "ct23-test"),
        load_ct22_1a_test(data_dir),
        load_ct21_1b_test(data_dir),
    ]


def _renamed(data: LabelledSentences, name: str) -> LabelledSentences:
    return LabelledSentences(name, data.texts, data.labels, data.groups)


def precision_recall_f1(labels: np.ndarray, predicted: np.ndarray) -> tuple[float, float, float]:
    """Precision, recall and F1 of the positive class (the CheckThat! measure)."""
    labels = np.asarray(labels).astype(bool)
    predicted = np.asarray(predicted).astype(bool)
    tp = int(np.sum(labels & predicted))
    fp = int(np.sum(~labels & predicted))
    fn = int(np.sum(labels & ~predicted))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def average_precision(labels: np.ndarray, scores: np.ndarray) -> float:
    """Average precision of one ranked list; ties broken by original order (stable sort)."""
    order = np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")
    ranked = np.asarray(labels)[order].astype(bool)
    if not ranked.any():
        return 0.0
    hits = np.cumsum(ranked)
    precision_at_hit = hits[ranked] / (np.flatnonzero(ranked) + 1)
    return float(precision_at_hit.mean())


def mean_average_precision(labels: np.ndarray, scores: np.ndarray, groups: Sequence[str]) -> float:
    """MAP over groups (debates), as in CheckThat! 2021 task 1B."""
    group_array = np.asarray(groups)
    values = [
        average_precision(labels[group_array == g], scores[group_array == g])
        for g in dict.fromkeys(groups)
    ]
    return float(np.mean(values))


def best_f1_threshold(labels: np.ndarray, scores: np.ndarray) -> tuple[float, float]:
    """The threshold on `scores` that maximises positive-class F1 on (labels, scores)."""
    best = (0.5, -1.0)
    for threshold in np.unique(np.round(scores, 4)):
        f1 = precision_recall_f1(labels, scores >= threshold)[2]
        if f1 > best[1]:
            best = (float(threshold), f1)
    return best


def evaluate(
    score: Callable[[Sequence[str]], np.ndarray],
    data: LabelledSentences,
    threshold: float,
) -> EvaluationResult:
    """Score one test set; speed is wall-clock over the whole set in one call."""
    start = time.perf_counter()
    scores = np.asarray(score(data.texts), dtype=np.float64)
    elapsed = time.perf_counter() - start
    precision, recall, f1 = precision_recall_f1(data.labels, scores >= threshold)
    map_value = mean_average_precision(data.labels, scores, data.groups) if data.groups else None
    return EvaluationResult(
        name=data.name,
        n=len(data.texts),
        positives=int(data.labels.sum()),
        precision=precision,
        recall=recall,
        f1=f1,
        map=map_value,
        sentences_per_second=len(data.texts) / elapsed if elapsed > 0 else float("inf"),
    )


def evaluate_model(
    model: object, threshold: float | None = None, data_dir: Path | None = None
) -> list[EvaluationResult]:
    """Evaluate a `CheckworthinessModel` on every test set at its own (or the given) threshold."""
    chosen = threshold if threshold is not None else float(model.threshold)  # type: ignore[attr-defined]
    return [evaluate(model.score, data, chosen) for data in load_test_sets(data_dir)]  # type: ignore[attr-defined]


def format_results(results: Sequence[EvaluationResult]) -> str:
    lines = [f"{'test set':<14}{'n':>6}{'pos':>5}{'P':>7}{'R':>7}{'F1':>7}{'MAP':>7}{'sent/s':>10}"]
    for r in results:
        map_text = f"{r.map:.3f}" if r.map is not None else "-"
        lines.append(
            f"{r.name:<14}{r.n:>6}{r.positives:>5}{r.precision:>7.3f}{r.recall:>7.3f}"
            f"{r.f1:>7.3f}{map_text:>7}{r.sentences_per_second:>10.0f}"
        )
    return "\n".join(lines)
