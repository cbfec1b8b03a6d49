"""``extract``: article text in, an ``Extraction`` of sentences and candidate claims out."""

from __future__ import annotations

import importlib
from functools import cache

from claims.extraction.attribution import attribute
from claims.extraction.claims import Statement, statements_from
from claims.extraction.dedupe import dedupe_paragraphs
from claims.extraction.noise import remove_noise
from claims.extraction.normalise import comparison_key, normalise_text
from claims.extraction.records import CandidateClaim, Extraction, Scorer, Sentence
from claims.extraction.sentences import split_sentences

# Bump when a change to this package can change the claims an article yields; the Django side
# stores it per article so re-extraction can be targeted.
EXTRACTOR_VERSION = "2026.11.2"
FALLBACK_THRESHOLD = 0.5
PARAGRAPH_SEPARATOR = "\n\n"


def extract(
    text: str,
    *,
    title: str | None = None,
    scorer: Scorer | None = None,
    threshold: float | None = None,
) -> Extraction:
    """Clean ``text``, split it into sentences and return its check-worthy candidate claims.

    ``scorer`` defaults to ``checkworthiness.load_default()``; ``threshold`` to that module's
    ``DEFAULT_THRESHOLD``. Attributed direct quotes with checkable content are kept whatever
    their score: what public figures say is checked as a matter of course.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() needs article text as str, got {type(text).__name__}")
    if scorer is None:
        scorer = _default_scorer()
    if threshold is None:
        threshold = _default_threshold()

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
        for sentence in split_sentences(paragraph):
            sentences.append(
                Sentence(sentence.text, sentence.start + offset, sentence.end + offset)
            )
            paragraph_of.append(index)
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)

    candidates = _unique(
        statement
        for attributed in attribute(sentences, paragraph_of)
        for statement in statements_from(attributed)
    )
    scores = [float(s) for s in scorer.score([c.text for c in candidates])] if candidates else []

    claims = tuple(
        _claim(candidate, score)
        for candidate, score in zip(candidates, scores, strict=True)
        if score >= threshold or _kept_regardless(candidate)
    )
    return Extraction(
        text=body,
        title=clean_title,
        byline=cleaned.byline,
        dateline=cleaned.dateline,
        sentences=tuple(sentences),
        claims=claims,
        extractor_version=EXTRACTOR_VERSION,
        model_version=str(scorer.version),
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


def _kept_regardless(candidate: Statement) -> bool:
    return candidate.source.is_quote and candidate.source.speaker is not None


def _claim(candidate: Statement, score: float) -> CandidateClaim:
    source = candidate.source
    speaker = source.speaker
    return CandidateClaim(
        statement=candidate.text,
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


@cache
def _default_scorer() -> Scorer:
    return _checkworthiness().load_default()


def _default_threshold() -> float:
    try:
        module = _checkworthiness()
    except ImportError:
        return FALLBACK_THRESHOLD
    return float(getattr(module, "DEFAULT_THRESHOLD", FALLBACK_THRESHOLD))
