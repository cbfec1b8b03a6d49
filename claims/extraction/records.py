"""The frozen records the pipeline hands out. Every offset points into ``Extraction.text``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, runtime_checkable


class ClaimKind(StrEnum):
    QUOTE = "quote"
    STATISTIC = "statistic"
    EVENT = "event"
    CAUSAL = "causal"
    PREDICTION = "prediction"
    COMPARISON = "comparison"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CandidateClaim:
    # The claim phrased to stand alone: attribution, discourse openers and quote marks stripped.
    statement: str
    # Verbatim provenance: Extraction.text[start:end] == sentence, always.
    sentence: str
    start: int
    end: int
    claimant: str | None
    claimant_description: str | None
    kind: str
    score: float
    is_quote: bool


@dataclass(frozen=True, slots=True)
class Extraction:
    text: str
    title: str | None
    byline: str | None
    dateline: str | None
    sentences: tuple[Sentence, ...]
    claims: tuple[CandidateClaim, ...]
    extractor_version: str
    model_version: str


@runtime_checkable
class Scorer(Protocol):
    """Check-worthiness model: one score in [0, 1] per text, computed in one batch."""

    version: str

    def score(self, texts: Sequence[str]) -> Sequence[float]: ...
