"""Sentence-boundary accuracy on the shared data sets, scored as their SOURCE.md defines."""

from __future__ import annotations

import pytest

from claims.extraction.evaluation import (
    GOLDEN_RULES_FILE,
    GUM_TEST_FILE,
    boundary_score,
    golden_rules_score,
    gum_paragraphs,
    read_jsonl,
    shared_data_dir,
)
from claims.extraction.sentences import split_text

pytestmark = pytest.mark.data


def _data_file(relative: str):
    path = shared_data_dir() / relative
    if not path.exists():
        pytest.skip(
            f"{path} is absent: put ../shared/data beside the repo or set CLAIMTRACK_SHARED_DATA"
        )
    return path


def test_it_passes_at_least_47_of_48_golden_rules():
    result = golden_rules_score(split_text, read_jsonl(_data_file(GOLDEN_RULES_FILE)))
    assert result.total == 48
    assert result.passed >= 47, f"failed rules: {result.failed_rules}"


def test_it_matches_pysbd_boundary_f1_on_gum_wikinews_test():
    score = boundary_score(split_text, gum_paragraphs(read_jsonl(_data_file(GUM_TEST_FILE))))
    assert score.true_positives + score.false_negatives == 99  # the SOURCE.md boundary count
    assert score.f1 >= 0.896, f"P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}"
