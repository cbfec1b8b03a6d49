"""bin/check-regexes confirms recheck's fuzzing findings in Python's own engine: a linear
pattern must pass however loaded the machine is, and a quadratic one must never pass."""

from __future__ import annotations

import importlib.machinery
import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bin" / "check-regexes"


@pytest.fixture(scope="module")
def checker():
    pytest.importorskip("deno", reason="bin/check-regexes needs the dev dependencies")
    pytest.importorskip("redos_linter", reason="bin/check-regexes needs the dev dependencies")
    loader = importlib.machinery.SourceFileLoader("check_regexes", str(SCRIPT))
    spec = importlib.util.spec_from_loader("check_regexes", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def pattern(source: str) -> dict[str, str]:
    return {"source": source, "flags": "", "where": "test"}


def test_an_attack_that_grows_linearly_in_python_is_not_confirmed(checker):
    # recheck has reported this statistic pattern as polynomial on its fuzzing attack.
    statistic = r"(?<![\d.,])\d{1,15}(?:[.,]\d{1,6})? ?(?:%|per ?cent|percent)"
    assert checker.grows_linearly_in_python(pattern(statistic), "'T' + '0M'.repeat(1651)")


def test_a_quadratic_attack_is_confirmed(checker):
    # Every start position scans the run of a's to its end: n²/2 steps.
    assert not checker.grows_linearly_in_python(
        pattern(r"a*b"), "'a'.repeat(1000) + '!'", small=1_000
    )


def test_an_attack_recheck_wrote_in_a_form_it_cannot_read_counts_as_found(checker):
    assert not checker.grows_linearly_in_python(pattern(r"a*b"), "something else")
