"""News calibration: which scored candidates become claims, on news prose.

The check-worthiness models were trained and thresholded on debate transcripts. On news their
score separates claims from opinion poorly, so the pipeline combines it with a few features of
the candidate (numbers, names, first person, modals, evaluative words, reported speech) in a
logistic regression fitted on annotated news (``training/news_calibration.py``, which writes
``models/news_calibration.json``; figures in ``models/MODEL_CARD.md``). Weights are plain numbers
in JSON: no pickle, nothing downloaded. A scorer whose version the file does not list is used
as is, with its own threshold.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from claims.extraction.prefilter import literal_prefiltered


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CALIBRATION_FILE = Path(__file__).resolve().parent / "models" / "news_calibration.json"

FEATURES = (
    "score_logit",
    "digit",
    "statistic",
    "names",
    "first_person_singular",
    "first_person_plural",
    "second_person",
    "normative_modal",
    "speculative",
    "evaluative",
    "cognition",
    "direct_quote",
    "reported",
    "past_tense",
    "length",
    "back_reference",
    "time_expression",
    "question_or_exclamation",
)

_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d[\d.,]*")
_STATISTIC = re.compile(
    r"\d\s*(?:%|per\s?cent|percent)|[$£€¥]\s?\d|\d\s*(?:million|billion|trillion|bn|m)\b",
    re.IGNORECASE,
)
_FIRST_SINGULAR = _words("i i'm i’m me my mine myself i've i’ve i'd i’d i'll i’ll")
_FIRST_PLURAL = _words("we we're we’re us our ours ourselves we've we’ve we'll we’ll")
_SECOND = _words("you you're you’re your yours you've you’ve you'll you’ll")
_NORMATIVE = re.compile(
    r"\b(?:should|must|ought to|need to|needs to|have to|has to|got to|gotta)\b", re.IGNORECASE
)
_SPECULATIVE = re.compile(
    r"\b(?:may|might|could|would|perhaps|maybe|hopefully|hope|hopes|possibly|probably)\b",
    re.IGNORECASE,
)
_EVALUATIVE = _words("""
    great good best wonderful fantastic amazing brilliant excellent superb terrible awful
    horrible shame outrageous disgraceful nice lovely happy glad sad proud delighted
    disappointed disappointing pleased excited thrilled honoured honored grateful sorry
    incredible unbelievable fun enjoy enjoyed love loved hate hated special important vital
    exciting hard tough difficult easy bitter sweet wrong right fair unfair ridiculous
    fascinating interesting impressive remarkable strong weak real true huge massive
    """)
_COGNITION = _words(
    "think thinks thought believe believes feel feels felt want wants wanted wish wishes "
    "know knows guess suppose reckon sure convinced"
)
_BACK_REFERENCE = _words("he she they it this that these those his her its their such there")
_TIME = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|june|july|august|september|october|november|december|yesterday|last (?:year|"
    r"week|month)|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_PAST = re.compile(r"\b\w{3,}ed\b|\b(?:was|were|had|did|said|won|lost|took|made|went|came)\b")
# Speed only: each scan runs where the text holds one of the pattern's literal prefixes.
_NORMATIVE, _SPECULATIVE, _TIME = map(literal_prefiltered, (_NORMATIVE, _SPECULATIVE, _TIME))


def features(statement: str, *, score: float, is_quote: bool, has_speaker: bool) -> list[float]:
    """The feature vector of one candidate, in ``FEATURES`` order."""
    words = _WORD.findall(statement[:2000])
    lower = [w.lower() for w in words]
    vocabulary = set(lower)
    clipped = min(max(score, 1e-4), 1 - 1e-4)
    names = sum(1 for w in words[1:] if w[:1].isupper() and w.lower() not in _FIRST_SINGULAR)
    digit = bool(_DIGIT.search(statement))
    return [
        math.log(clipped / (1 - clipped)),
        float(digit),
        float(digit and bool(_STATISTIC.search(statement))),
        min(names, 4) / 4,
        float(not _FIRST_SINGULAR.isdisjoint(vocabulary)),
        float(not _FIRST_PLURAL.isdisjoint(vocabulary)),
        float(not _SECOND.isdisjoint(vocabulary)),
        float(bool(_NORMATIVE.search(statement))),
        float(bool(_SPECULATIVE.search(statement))),
        min(sum(w in _EVALUATIVE for w in lower), 2) / 2,
        float(not _COGNITION.isdisjoint(vocabulary)),
        float(is_quote and has_speaker),
        float(has_speaker and not is_quote),
        float(bool(_PAST.search(statement))),
        min(len(words), 60) / 60,
        float(bool(lower) and lower[0] in _BACK_REFERENCE),
        float(bool(_TIME.search(statement))),
        float(statement.rstrip().endswith(("?", "!"))),
    ]


@dataclass(frozen=True, slots=True)
class Calibration:
    """Logistic regression over ``features`` for one scorer version."""

    version: str
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, vector: list[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, vector, strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@cache
def calibrations(path: Path = CALIBRATION_FILE) -> dict[str, Calibration]:
    """Scorer version -> its news calibration; empty when the file is absent."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    if tuple(manifest["features"]) != FEATURES:
        raise ValueError(f"{path}: its features differ from this code's; retrain it")
    return {
        scorer_version: Calibration(
            version=entry["version"],
            weights=tuple(float(w) for w in entry["weights"]),
            bias=float(entry["bias"]),
            threshold=float(entry["threshold"]),
        )
        for scorer_version, entry in manifest["scorers"].items()
    }


def for_scorer(scorer_version: str) -> Calibration | None:
    return calibrations().get(scorer_version)


_OPINION_FEATURES = tuple(
    FEATURES.index(name)
    for name in (
        "first_person_singular",
        "first_person_plural",
        "second_person",
        "normative_modal",
        "speculative",
        "evaluative",
        "cognition",
        "question_or_exclamation",
    )
)


def is_opinion(vector: list[float]) -> bool:
    """The candidate carries a mark of opinion or feeling: first or second person, a normative
    or speculative modal, an evaluative word, a verb of thinking, a question or exclamation."""
    return any(vector[index] for index in _OPINION_FEATURES)
