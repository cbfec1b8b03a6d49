"""Scorers for tests: deterministic, no model files. Never used as a production default."""

from __future__ import annotations

from collections.abc import Sequence


class ConstantScorer:
    version = "test-constant"

    def __init__(self, value: float = 0.9) -> None:
        self.value = value
        self.calls: list[list[str]] = []

    def score(self, texts: Sequence[str]) -> list[float]:
        self.calls.append(list(texts))
        return [self.value] * len(texts)


class DigitScorer:
    """High score only for statements with a digit: enough to exercise the threshold rule."""

    version = "test-digit"

    def score(self, texts: Sequence[str]) -> list[float]:
        return [0.9 if any(ch.isdigit() for ch in text) else 0.1 for text in texts]


class CalibratedScorer(ConstantScorer):
    """A constant score under the version of a scorer the shipped calibration knows."""

    def __init__(self, value: float, version: str) -> None:
        super().__init__(value)
        self.version = version
