"""Claim extraction: article text in, frozen records out. Pure Python, no Django.

from claims.extraction import extract
extraction = extract(text, title=title)
for claim in extraction.claims:
    assert extraction.text[claim.start : claim.end] == claim.sentence
"""

from claims.extraction.normalise import comparison_key
from claims.extraction.pipeline import EXTRACTOR_VERSION, StoredStatement, extract, rescore
from claims.extraction.records import (
    CandidateClaim,
    ClaimKind,
    Extraction,
    Scorer,
    Sentence,
)
from claims.extraction.sentences import split_sentences

__all__ = [
    "EXTRACTOR_VERSION",
    "CandidateClaim",
    "ClaimKind",
    "Extraction",
    "Scorer",
    "Sentence",
    "StoredStatement",
    "comparison_key",
    "extract",
    "rescore",
    "split_sentences",
]
