"""Sentence-boundary scores shared by the data tests and ``benchmarks/sentences.py``.

Both scores follow the conventions written down in the SOURCE.md of each data folder, so the
numbers here can be compared with the published pySBD figures:

- Golden Rules: a rule passes only when the stripped list of sentences equals the expected list.
- GUM Wikinews: each gold paragraph is rebuilt as its sentences joined by one space and split on
  its own; a boundary is the start of every sentence but the first (the paragraph-final boundary
  is trivial and not counted). Precision, recall and F1 are micro-averaged over all paragraphs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

Splitter = Callable[[str], Sequence[str]]

GOLDEN_RULES_FILE = "sbd_golden_rules_english/english_golden_rules.jsonl"
GUM_TEST_FILE = "sbd_gum_wikinews_english/gum_wikinews_test.jsonl"
GUM_DEV_FILE = "sbd_gum_wikinews_english/gum_wikinews_dev.jsonl"
NEWS_CORPUS_FILE = "news_corpus/articles.jsonl"


def shared_data_dir() -> Path:
    """../shared/data beside the repository, unless CLAIMTRACK_SHARED_DATA says otherwise."""
    override = os.environ.get("CLAIMTRACK_SHARED_DATA")
    if override:
        return Path(override)
    # parents[2] is the repository root (claims/extraction/evaluation.py).
    return Path(__file__).resolve().parents[2].parent / "shared" / "data"


def read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


@dataclass(frozen=True, slots=True)
class GoldenRulesResult:
    passed: int
    total: int
    failed_rules: tuple[int, ...]


def golden_rules_score(split: Splitter, rules: Iterable[dict]) -> GoldenRulesResult:
    passed = 0
    total = 0
    failed: list[int] = []
    for rule in rules:
        total += 1
        got = [s.strip() for s in split(rule["input"]) if s.strip()]
        if got == rule["expected"]:
            passed += 1
        else:
            failed.append(rule["rule_id"])
    return GoldenRulesResult(passed=passed, total=total, failed_rules=tuple(failed))


@dataclass(frozen=True, slots=True)
class BoundaryScore:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _segment_starts(text: str, segments: Sequence[str]) -> set[int]:
    """Offsets where each segment after the first begins, found by scanning left to right.

    Segmenters that return strings (pySBD) may change whitespace, so segments are located by
    searching for their stripped text rather than by summing lengths.
    """
    starts: list[int] = []
    cursor = 0
    for segment in segments:
        needle = segment.strip()
        if not needle:
            continue
        found = text.find(needle, cursor)
        if found < 0:
            continue
        starts.append(found)
        cursor = found + len(needle)
    return set(starts[1:])


def gum_paragraphs(documents: Iterable[dict]) -> Iterator[list[str]]:
    for document in documents:
        yield from document["paragraphs"]


def boundary_score(split: Splitter, paragraphs: Iterable[Sequence[str]]) -> BoundaryScore:
    tp = fp = fn = 0
    for sentences in paragraphs:
        text = " ".join(sentences)
        gold = _segment_starts(text, sentences)
        predicted = _segment_starts(text, split(text))
        tp += len(gold & predicted)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
    return BoundaryScore(true_positives=tp, false_positives=fp, false_negatives=fn)
