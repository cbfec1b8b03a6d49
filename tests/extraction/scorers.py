"""Scorers for tests: deterministic, no model files. Never used as a production default."""

from __future__ import annotations

from collections.abc import Sequence

from claims.extraction import calibration


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


def named_features(statement: str, *, is_quote: bool = False) -> dict[str, float]:
    """The calibration's features of ``statement`` by name (a quote has a speaker)."""
    vector = calibration.features(statement, score=0.5, is_quote=is_quote, has_speaker=is_quote)
    return dict(zip(calibration.FEATURES, vector, strict=True))


def assert_shipped_fit_ranks_below(version: str, feature: str, marked: str, plain: str) -> None:
    """The shipped calibration weighs ``feature`` below zero and ranks the sentence that has the
    mark (``marked``) below the same report without it (``plain``)."""
    news = calibration.for_scorer(version)
    assert dict(zip(calibration.FEATURES, news.weights, strict=True))[feature] < 0

    def probability(statement: str) -> float:
        return news.probability(
            calibration.features(statement, score=0.2, is_quote=False, has_speaker=False)
        )

    assert probability(marked) < probability(plain)
