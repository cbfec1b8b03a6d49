"""``extract``: article text in, an ``Extraction`` of sentences and candidate claims out."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from claims.extraction import calibration
from claims.extraction.attribution import attribute
from claims.extraction.claims import (
    Statement,
    article_names,
    classify,
    frame_back_reference,
    statements_from,
)
from claims.extraction.dedupe import dedupe_paragraphs
from claims.extraction.noise import remove_noise
from claims.extraction.normalise import comparison_key, normalise_text
from claims.extraction.records import CandidateClaim, ClaimKind, Extraction, Scorer, Sentence
from claims.extraction.sentences import split_sentences

# Bump when a change to this package can change the claims an article yields; the Django side
# stores it per article so re-extraction can be targeted.
EXTRACTOR_VERSION = "2026.11.5"
FALLBACK_THRESHOLD = 0.5
PARAGRAPH_SEPARATOR = "\n\n"


def extract(
    text: str,
    *,
    title: str | None = None,
    scorer: Scorer | None = None,
    threshold: float | None = None,
    published: date | None = None,
) -> Extraction:
    """Clean ``text``, split it into sentences and return its check-worthy candidate claims.

    ``scorer`` defaults to ``checkworthiness.load_default()``. With no ``threshold``, a scorer
    that has a news calibration (``calibration.py``) is combined with the candidate's features
    and cut at the calibration's threshold, and the claim's score is that probability; any
    other scorer is cut at ``checkworthiness.DEFAULT_THRESHOLD``. An explicit ``threshold``
    applies to the scorer's own score. Without calibration, attributed direct quotes are kept
    whatever their score. ``published`` (the article's date, when known) resolves relative
    dates ("on Tuesday") in statements.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() needs article text as str, got {type(text).__name__}")
    if scorer is None:
        scorer = _default_scorer()

    prepared = _prepare(text, title=title, published=published)
    candidates = prepared.candidates
    # The statement as it will be stored; the scorer reads it without a quote's saying frame.
    statements = [_statement(candidate) for candidate in candidates]
    scores = _scores(scorer, statements)

    model_version = str(scorer.version)
    news = calibration.for_scorer(model_version) if threshold is None else None
    if news is not None:
        # On news prose the scorer's own threshold (chosen on debates) misses background facts
        # and keeps opinion; the calibration weighs its score with the candidate's features.
        # Features of the statement as stored, as the training and the worker's rescoring
        # (``rescore``) read it.
        vectors = [
            calibration.features(
                statement,
                score=score,
                is_quote=candidate.source.is_quote,
                has_speaker=candidate.source.speaker is not None,
            )
            for candidate, statement, score in zip(candidates, statements, scores, strict=True)
        ]
        scores = [news.probability(vector) for vector in vectors]
        model_version = f"{model_version}+{news.version}"
        claims = tuple(
            _claim(candidate, statement, score)
            for candidate, statement, score, vector in zip(
                candidates, statements, scores, vectors, strict=True
            )
            if score >= news.threshold
            # (The opinion test first: it reads the vector, the kind needs the classifier.)
            or (
                _kept_regardless(candidate)
                and not calibration.is_opinion(vector)
                and _announcement(candidate)
            )
        )
    else:
        if threshold is None:
            threshold = _default_threshold()
        claims = tuple(
            _claim(candidate, statement, score)
            for candidate, statement, score in zip(candidates, statements, scores, strict=True)
            if score >= threshold or _kept_regardless(candidate)
        )
    return Extraction(
        text=prepared.body,
        title=prepared.title,
        byline=prepared.byline,
        dateline=prepared.dateline,
        sentences=prepared.sentences,
        claims=claims,
        extractor_version=EXTRACTOR_VERSION,
        model_version=model_version,
    )


@dataclass(frozen=True, slots=True)
class _Prepared:
    body: str
    title: str | None
    byline: str | None
    dateline: str | None
    sentences: tuple[Sentence, ...]
    candidates: list[Statement]


def _prepare(text: str, *, title: str | None, published: date | None) -> _Prepared:
    """Clean the article, split it into sentences, attribute them and phrase the candidates."""
    cleaned = remove_noise(normalise_text(text).split("\n"))
    paragraphs = dedupe_paragraphs(cleaned.paragraphs)
    clean_title = normalise_text(title).replace("\n", " ") if title else None
    if clean_title and paragraphs and comparison_key(paragraphs[0]) == comparison_key(clean_title):
        paragraphs = paragraphs[1:]  # the headline repeated as the first line is not a claim
    body = PARAGRAPH_SEPARATOR.join(paragraphs)

    sentences: list[Sentence] = []
    paragraph_of: list[int] = []
    offset = 0
    for index, paragraph in enumerate(paragraphs):
        found = split_sentences(paragraph, offset)
        sentences += found
        paragraph_of += [index] * len(found)
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)

    names = article_names((sentence.text for sentence in sentences), author=cleaned.author)
    candidates = _unique(
        statement
        for attributed in attribute(sentences, paragraph_of)
        for statement in statements_from(attributed, published=published, names=names)
    )
    return _Prepared(
        body=body,
        title=clean_title,
        byline=cleaned.byline,
        dateline=cleaned.dateline,
        sentences=tuple(sentences),
        candidates=candidates,
    )


def _unique(statements) -> list[Statement]:
    seen: set[str] = set()
    unique: list[Statement] = []
    for statement in statements:
        key = comparison_key(statement.text)
        if key not in seen:
            seen.add(key)
            unique.append(statement)
    return unique


def _announcement(candidate: Statement) -> bool:
    """A named speaker's quoted forecast or figure ("These exercises will not take place"):
    checked as a matter of course, whatever the calibrated score, unless it is opinion."""
    return _kept_regardless(candidate) and classify(candidate.text) in _ANNOUNCED


_ANNOUNCED = frozenset({ClaimKind.PREDICTION, ClaimKind.STATISTIC})


def _kept_regardless(candidate: Statement) -> bool:
    # What a named speaker says is checked as a matter of course ("These exercises will not take
    # place," the prime minister said): with the calibration, only when it is not opinion.
    return candidate.source.is_quote and candidate.source.speaker is not None


def _statement(candidate: Statement) -> str:
    """The statement as stored: a speaker's back-reference the rules could not resolve keeps its
    saying frame ("Christopher Leslie said it was irrelevant ...")."""
    text = candidate.reader or candidate.text
    speaker = candidate.source.speaker
    if speaker is None:
        return text
    return frame_back_reference(text, speaker.name, is_quote=candidate.source.is_quote)


def _claim(candidate: Statement, statement: str, score: float) -> CandidateClaim:
    source = candidate.source
    speaker = source.speaker
    return CandidateClaim(
        statement=statement,
        sentence=source.sentence.text,
        start=source.sentence.start,
        end=source.sentence.end,
        claimant=speaker.name if speaker else None,
        claimant_description=speaker.description if speaker else None,
        kind=str(candidate.kind),
        score=min(max(score, 0.0), 1.0),
        is_quote=source.is_quote,
    )


@cache
def _checkworthiness():
    # Imported lazily: the model loads numpy weights, which callers that pass their own scorer
    # (tests, benchmarks) never need.
    return importlib.import_module("claims.extraction.checkworthiness")


@dataclass(frozen=True)
class StoredStatement:
    """A claim statement already stored, with what its calibration reads besides the text."""

    text: str
    is_quote: bool
    has_speaker: bool


def rescore(
    statements: Sequence[StoredStatement], *, scorer: Scorer | None = None
) -> tuple[list[float], str]:
    """The scores ``extract`` would give these statements with ``scorer`` (the default model
    unless given), news calibration included where the scorer has one, and the model version
    to store with them. For two-stage scoring: claims written at once with a fast model's
    score are rescored later, off the request path, with the heavier default."""
    if scorer is None:
        scorer = _default_scorer()
    scores = _scores(scorer, [s.text for s in statements])
    version = str(scorer.version)
    news = calibration.for_scorer(version)
    if news is None:
        return [min(max(s, 0.0), 1.0) for s in scores], version
    probabilities = [
        news.probability(
            calibration.features(
                statement.text,
                score=score,
                is_quote=statement.is_quote,
                has_speaker=statement.has_speaker,
            )
        )
        for statement, score in zip(statements, scores, strict=True)
    ]
    return [min(max(p, 0.0), 1.0) for p in probabilities], f"{version}+{news.version}"


def _scores(scorer: Scorer, statements: Sequence[str]) -> list[float]:
    """The scorer's scores of stored statements, each read as ``calibration.scored_text``."""
    if not statements:
        return []
    return [float(s) for s in scorer.score([calibration.scored_text(s) for s in statements])]


def _default_scorer() -> Scorer:
    return _checkworthiness().load_default()


def _default_threshold() -> float:
    try:
        module = _checkworthiness()
    except ImportError:
        return FALLBACK_THRESHOLD
    return float(getattr(module, "DEFAULT_THRESHOLD", FALLBACK_THRESHOLD))
