"""Re-ranking of match candidates: features of a (query, candidate) pair and a linear model.

Plain Python + numpy: no Django. Candidates come from the vector index (cosine of the sentence
vectors); each gets lexical and surface features (BM25 against the index's term statistics, term
coverage both ways, number and name agreement, title overlap) and the shipped linear model turns
them into one score. The model is fitted at build time on the CheckThat! 2020 task 2 train
split (``training/matching.py``) and ships as JSON; its output is a probability that the
candidate states the same claim as the query.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np

from claims.matching.text import names, numbers, overlap, terms

MODELS_DIR = Path(__file__).resolve().parent / "models"

# Document frequencies live in a fixed number of hashed buckets: constant memory whatever the
# vocabulary of a million claims, and a collision only blurs the rarity of two rare words.
DF_BUCKETS = 1 << 20


@lru_cache(maxsize=200_000)
def _bucket(term: str) -> int:
    return zlib.crc32(term.encode("utf-8")) & (DF_BUCKETS - 1)


class TermStatistics:
    """How many indexed statements contain each term, and their mean length: BM25's inputs."""

    def __init__(self) -> None:
        self.df = np.zeros(DF_BUCKETS, dtype=np.int32)
        self.documents = 0
        self.total_length = 0

    def add(self, text: str) -> None:
        words = terms(text)
        self.documents += 1
        self.total_length += len(words)
        for term in set(words):
            self.df[_bucket(term)] += 1

    def add_many(self, texts: Sequence[str]) -> None:
        """``add`` for each text, counted in one array operation for all of them (a bulk load
        counts a million statements: one numpy scalar write per term and statement was much
        of its time)."""
        if not texts:
            return
        buckets: list[int] = []
        length = 0
        for text in texts:
            words = terms(text)
            length += len(words)
            buckets.extend(map(_bucket, set(words)))
        counts = np.bincount(np.asarray(buckets, dtype=np.int64), minlength=len(self.df))
        self.df += counts.astype(self.df.dtype)
        self.documents += len(texts)
        self.total_length += length

    def idf(self, terms: Iterable[str]) -> dict[str, float]:
        """Each term's idf, in one array look-up for all of them (a request's terms: the
        query's and its candidates')."""
        words = list(terms)
        if not words:
            return {}
        buckets = np.fromiter(map(_bucket, words), dtype=np.int64, count=len(words))
        df = self.df[buckets].astype(np.float64)
        # Lucene's BM25 idf: never negative, so a very common word only adds nothing.
        values = np.log1p((self.documents - df + 0.5) / (df + 0.5))
        return dict(zip(words, values.tolist(), strict=True))

    @property
    def mean_length(self) -> float:
        return self.total_length / self.documents if self.documents else 1.0

    @property
    def nbytes(self) -> int:
        return int(self.df.nbytes)

    def save(self, path: Path) -> None:
        counts = np.asarray([self.documents, self.total_length], dtype=np.int64)
        with path.open("wb") as out:
            np.save(out, counts, allow_pickle=False)
            np.save(out, self.df, allow_pickle=False)

    @classmethod
    def load(cls, path: Path) -> TermStatistics:
        stats = cls()
        with path.open("rb") as source:
            stats.documents, stats.total_length = (
                int(n) for n in np.load(source, allow_pickle=False)
            )
            df = np.load(source, allow_pickle=False)
        if df.shape != stats.df.shape:
            raise ValueError(f"{path}: {df.shape[0]} term buckets, not {DF_BUCKETS}")
        stats.df = df.astype(np.int32, copy=False)
        return stats


@dataclass(frozen=True)
class Candidate:
    """A stored statement the index proposed for a query, with its cosine similarity."""

    key: str
    text: str
    cosine: float
    title: str = ""


# Every feature is a property of the pair alone, never of the other candidates: a score then
# means the same whether the index holds ten claims or a million (list-relative z-scores and
# ranks scored 0.006 more MAP@5 on dev, but made one lone paraphrase look like noise).
FEATURES = (
    "cosine",
    "bm25",
    "bm25_self",
    "query_coverage",
    "statement_coverage",
    "bigram_coverage",
    "numbers_found",
    "numbers_missing",
    "names_found",
    "title_coverage",
)


def _bm25(
    query: set[str], document: Sequence[str], idf: dict[str, float], mean_length: float
) -> float:
    k1, b = 1.2, 0.75
    if not document:
        return 0.0
    counts: dict[str, int] = {}
    for word in document:
        if word in query:
            counts[word] = counts.get(word, 0) + 1
    norm = k1 * (1 - b + b * len(document) / mean_length)
    return sum(idf[term] * tf * (k1 + 1) / (tf + norm) for term, tf in counts.items())


def _weighted_coverage(source: Iterable[str], target: set[str], idf: dict[str, float]) -> float:
    """Share of ``source``'s idf mass (distinct terms) that ``target`` contains."""
    total = found = 0.0
    for term in set(source):
        weight = idf[term]
        total += weight
        if term in target:
            found += weight
    return found / total if total else 0.0


def _bigrams(words: Sequence[str]) -> set[tuple[str, str]]:
    return set(pairwise(words))


def features(query: str, candidates: Sequence[Candidate], stats: TermStatistics) -> np.ndarray:
    """One row of ``FEATURES`` per candidate."""
    out = np.zeros((len(candidates), len(FEATURES)), dtype=np.float64)
    if not candidates:
        return out
    q_terms = terms(query)
    q_set = set(q_terms)
    q_bigrams = _bigrams(q_terms)
    q_numbers = numbers(query)
    q_names = names(query) | q_set
    statements = [f"{c.text} {c.title}".strip() for c in candidates]
    documents = [terms(statement) for statement in statements]
    idf = stats.idf(q_set.union(*documents))
    mean_length = stats.mean_length
    # BM25 of the query against itself: the most a statement could score, whatever the
    # collection's size does to idf.
    best = _bm25(q_set, q_terms, idf, mean_length) or 1.0
    for row, candidate, statement, d_terms in zip(
        out, candidates, statements, documents, strict=True
    ):
        d_set = set(d_terms)
        d_bigrams = _bigrams(d_terms)
        d_numbers = numbers(statement)
        bm25 = _bm25(q_set, d_terms, idf, mean_length)
        # A claim has no headline of its own: its statement stands in for one.
        title = terms(candidate.title) if candidate.title else d_terms
        row[:] = (
            candidate.cosine,
            bm25,
            bm25 / best,
            _weighted_coverage(q_set, d_set, idf),
            _weighted_coverage(d_set, q_set, idf),
            len(d_bigrams & q_bigrams) / len(d_bigrams) if d_bigrams else 0.0,
            overlap(d_numbers, q_numbers),
            float(bool(d_numbers - q_numbers)),
            overlap(names(statement), q_names),
            overlap(title, q_set),
        )
    return out


class LinearReranker:
    """Logistic regression over standardised ``FEATURES``, read from JSON (no pickle)."""

    def __init__(self, manifest: dict) -> None:
        if tuple(manifest["features"]) != FEATURES:
            raise ValueError(
                "re-ranker manifest was fitted on other features: "
                f"{manifest['features']} != {list(FEATURES)}"
            )
        self.version: str = manifest["version"]
        self.mean = np.asarray(manifest["mean"], dtype=np.float64)
        self.scale = np.asarray(manifest["scale"], dtype=np.float64)
        self.coef = np.asarray(manifest["coef"], dtype=np.float64)
        self.intercept = float(manifest["intercept"])
        self.candidates = int(manifest["candidates"])
        self.threshold = float(manifest["threshold"])

    def score(self, x: np.ndarray) -> np.ndarray:
        logits = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-logits))


def load_reranker(path: Path = MODELS_DIR / "reranker.json") -> LinearReranker:
    return LinearReranker(json.loads(path.read_text(encoding="utf-8")))


@cache
def default_reranker() -> LinearReranker:
    return load_reranker()
