"""The matcher: sentence vectors find candidates, the re-ranker orders them.

Plain Python + numpy: no Django. The database-backed index (``claims.matching.services``) and
the evaluation on CheckThat! 2020 (``python manage.py evaluate_matching``) both run this code;
they differ only in where a candidate's text comes from (``StatementSource``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claims.matching.encoder import SentenceEncoder
from claims.matching.ranking import Candidate, LinearReranker, TermStatistics, features
from claims.matching.text import clean_query

# key -> (statement, title) for the keys asked; keys no longer there (deleted, not visible to
# the caller) are simply left out.
StatementSource = Callable[[Sequence[int]], dict[int, tuple[str, str]]]


class VectorIndex:
    """Exact inner-product search over unit float32 vectors held in one growing matrix.

    Exact: no recall lost to an approximate graph, and adding or replacing a vector is an array
    write. The matrix grows by doubling, so adding one vector is amortised constant time.
    """

    def __init__(self, dimensions: int) -> None:
        self.dimensions = dimensions
        self._vectors = np.zeros((1024, dimensions), dtype=np.float32)
        self._keys = np.zeros(1024, dtype=np.int64)
        self._size = 0
        self._position: dict[int, int] = {}

    def __len__(self) -> int:
        return self._size

    @property
    def nbytes(self) -> int:
        """Bytes held for the vectors and keys in use (the allocation may be up to 2x)."""
        return self._size * (self.dimensions * 4 + 8) + len(self._position) * 100

    def has(self, key: int) -> bool:
        return int(key) in self._position

    def contains(self, keys: Sequence[int]) -> np.ndarray:
        """Which of ``keys`` are held, as a boolean array."""
        position = self._position
        return np.fromiter((int(k) in position for k in keys), dtype=bool, count=len(keys))

    def add(self, keys: Sequence[int], vectors: np.ndarray, *, threads: int = 1) -> None:
        """Add vectors under their keys; a key already present gets its vector replaced (an
        array write per vector: ``threads`` is there for the graph's sake)."""
        vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, self.dimensions)
        for key, vector in zip(keys, vectors, strict=True):
            key = int(key)
            at = self._position.get(key)
            if at is None:
                if self._size == len(self._keys):
                    self._grow()
                at = self._size
                self._size += 1
                self._position[key] = at
                self._keys[at] = key
            self._vectors[at] = vector

    def remove(self, keys: Sequence[int]) -> None:
        for key in keys:
            at = self._position.pop(int(key), None)
            if at is None:
                continue
            last = self._size - 1
            if at != last:
                # The last row moves into the hole: the matrix stays dense.
                moved = int(self._keys[last])
                self._vectors[at] = self._vectors[last]
                self._keys[at] = moved
                self._position[moved] = at
            self._size = last

    def _grow(self) -> None:
        capacity = len(self._keys) * 2
        vectors = np.zeros((capacity, self.dimensions), dtype=np.float32)
        vectors[: self._size] = self._vectors[: self._size]
        keys = np.zeros(capacity, dtype=np.int64)
        keys[: self._size] = self._keys[: self._size]
        self._vectors, self._keys = vectors, keys

    def search(self, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` nearest keys by cosine, best first, with their cosines."""
        if not self._size:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        scores = self._vectors[: self._size] @ np.asarray(vector, dtype=np.float32)
        k = min(k, self._size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return self._keys[top].copy(), scores[top]

    def save(self, path: Path) -> None:
        """Write the vectors and keys in use to ``path`` (numpy's .npy format, no pickle)."""
        with path.open("wb") as out:
            np.save(out, self._keys[: self._size], allow_pickle=False)
            np.save(out, self._vectors[: self._size], allow_pickle=False)

    @classmethod
    def load(cls, path: Path, dimensions: int) -> VectorIndex:
        index = cls(dimensions)
        with path.open("rb") as source:
            keys = np.load(source, allow_pickle=False)
            vectors = np.load(source, allow_pickle=False)
        index.add(keys, vectors)
        return index


@dataclass(frozen=True)
class Hit:
    """One ranked match: the stored statement's key, the re-ranker's score and the cosine."""

    key: int
    score: float
    cosine: float


class Matcher:
    """Finds the stored statements that say what a text says.

    ``index`` holds one vector per stored statement and ``statistics`` their terms; ``source``
    returns the statement text of candidate keys. A query is cleaned (links, tweet dates,
    hashtags), embedded, its ``reranker.candidates`` nearest statements are re-scored, and the
    best come back with the re-ranker's probability.
    """

    def __init__(
        self,
        *,
        encoder: SentenceEncoder,
        reranker: LinearReranker,
        index: VectorIndex,
        statistics: TermStatistics,
        source: StatementSource,
    ) -> None:
        self.encoder = encoder
        self.reranker = reranker
        self.index = index
        self.statistics = statistics
        self.source = source

    @property
    def version(self) -> str:
        return f"{self.encoder.version}+{self.reranker.version}"

    def add(self, keys: Sequence[int], statements: Sequence[str], vectors: np.ndarray) -> None:
        """Index statements whose vectors were computed with ``embed``."""
        self.index.add(keys, vectors)
        for statement in statements:
            self.statistics.add(statement)

    def embed(self, statements: Sequence[str]) -> np.ndarray:
        return self.encoder.encode(statements)

    def candidates(
        self,
        vector: np.ndarray,
        exclude: Sequence[int] = (),
        *,
        source: StatementSource | None = None,
        widen: int = 1,
    ) -> list[Candidate]:
        """The re-ranker's number of nearest statements that ``source`` still has.

        ``widen`` looks that many times further first, for a source that drops most keys (a
        public caller sees only published claims).
        """
        wanted = self.reranker.candidates * widen + len(exclude)
        keys, cosines = self.index.search(vector, wanted)
        skip = set(exclude)
        pairs = [(int(k), float(c)) for k, c in zip(keys, cosines, strict=True) if k not in skip]
        texts = (source or self.source)([k for k, _ in pairs])
        found = [
            Candidate(key=k, text=texts[k][0], title=texts[k][1], cosine=c)
            for k, c in pairs
            if k in texts
        ]
        return found[: self.reranker.candidates]

    def rank(self, query: str, candidates: Sequence[Candidate]) -> list[Hit]:
        if not candidates:
            return []
        scores = self.reranker.score(features(query, candidates, self.statistics))
        order = np.argsort(-scores, kind="stable")
        return [
            Hit(key=candidates[i].key, score=float(scores[i]), cosine=candidates[i].cosine)
            for i in order
        ]

    def match(
        self,
        text: str,
        *,
        limit: int = 10,
        vector: np.ndarray | None = None,
        exclude: Sequence[int] = (),
        source: StatementSource | None = None,
        widen: int = 1,
    ) -> list[Hit]:
        """The best ``limit`` stored statements for ``text``, most likely the same claim first."""
        query = clean_query(text)
        if vector is None:
            vector = self.embed([query])[0]
        found = self.candidates(vector, exclude, source=source, widen=widen)
        return self.rank(query, found)[:limit]


class GraphIndex:
    """Approximate inner-product search: an HNSW graph over int8 vectors (usearch).

    A quarter of the float32 matrix's memory and a search that does not grow with the
    collection (the exact matrix scans every vector); recall of the 50 nearest against exact
    search is measured in ``benchmarks/matching.py``.
    """

    # Chosen by recall of the 50 nearest against exact search and latency at a million claims
    # (benchmarks/matching.py --sweep): M=16 and ef_add=64 build a graph where ef_search=128
    # keeps the re-ranker's candidates.
    CONNECTIVITY, EXPANSION_ADD, EXPANSION_SEARCH = 16, 64, 128

    def __init__(self, dimensions: int, *, expansion_search: int | None = None) -> None:
        # usearch 2.26.6 imported before onnxruntime 1.32 makes onnxruntime's import crash the
        # process (segmentation fault); imported after it, both work.
        import onnxruntime  # noqa: F401
        from usearch.index import Index

        self.dimensions = dimensions
        self._index = Index(
            ndim=dimensions,
            # Cosine, not inner product: with int8 storage usearch's "ip" answers in raw int8
            # products; "cos" rescales (the vectors are unit length, so it is the same order).
            metric="cos",
            dtype="i8",
            connectivity=self.CONNECTIVITY,
            expansion_add=self.EXPANSION_ADD,
            expansion_search=expansion_search or self.EXPANSION_SEARCH,
        )

    @property
    def expansion_search(self) -> int:
        return int(self._index.expansion_search)

    @expansion_search.setter
    def expansion_search(self, value: int) -> None:
        self._index.expansion_search = value

    def save(self, path: Path) -> None:
        """Write the graph to ``path`` (usearch's own format): loading it is a file read, where
        building it again costs minutes per million vectors."""
        self._index.save(str(path))

    @classmethod
    def load(cls, path: Path, dimensions: int) -> GraphIndex:
        index = cls(dimensions)
        index._index.load(str(path))
        if index._index.ndim != dimensions:
            raise ValueError(f"{path}: a graph of {index._index.ndim} dimensions, not {dimensions}")
        return index

    def __len__(self) -> int:
        return len(self._index)

    @property
    def nbytes(self) -> int:
        return int(self._index.memory_usage)

    def has(self, key: int) -> bool:
        return int(key) in self._index

    def contains(self, keys: Sequence[int]) -> np.ndarray:
        """Which of ``keys`` are held, as a boolean array (one call for all of them)."""
        if not len(keys):
            return np.zeros(0, dtype=bool)
        return np.asarray(self._index.contains(np.asarray(keys, dtype=np.uint64)), dtype=bool)

    def add(self, keys: Sequence[int], vectors: np.ndarray, *, threads: int = 1) -> None:
        """Add vectors under their keys; a key already present gets its vector replaced.

        ``threads`` > 1 only for a bulk build outside a web process (``match_claims
        --save-index``): a web worker serves one request at a time on a shared core.
        """
        vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, self.dimensions)
        keys = np.asarray(keys, dtype=np.uint64)
        if not len(keys):
            return
        present = keys[self.contains(keys)]
        if len(present):
            self._index.remove(present)
        self._index.add(keys, vectors, threads=threads)

    def remove(self, keys: Sequence[int]) -> None:
        keys = np.asarray(keys, dtype=np.uint64)
        present = keys[self.contains(keys)] if len(keys) else keys
        if len(present):
            self._index.remove(present)

    def search(self, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        if not len(self._index):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        found = self._index.search(np.asarray(vector, dtype=np.float32), k, threads=1)
        # usearch's cosine distance is 1 - cosine.
        return found.keys.astype(np.int64), (1.0 - found.distances).astype(np.float32)
