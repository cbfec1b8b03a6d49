"""Sentence vectors for matching: unit vectors whose dot product is their cosine similarity.

Two kinds of encoder, named by ``kind`` in ``models/encoder.json``:

- ``static-sentence-encoder`` (shipped): one float16 row per token of a tokenizer; a text's vector
  is the normalised sum of its tokens' rows, a numpy gather (about 0.1 ms of CPU per query).
  The rows come from all-MiniLM-L6-v2 (``training/static_encoder.py``).
- ``onnx-sentence-encoder``: all-MiniLM-L6-v2 itself in int8 ONNX, run with onnxruntime (about
  6 ms of CPU per query); the graph ends in mean pooling and L2 normalisation.

Plain Python + numpy (onnxruntime and tokenizers imported when an encoder is loaded): no Django,
no torch, nothing downloaded.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

MODELS_DIR = Path(__file__).resolve().parent / "models"
THREADS_ENV = "CLAIMTRACK_MATCHING_THREADS"

# Sentences whose torch vectors are frozen into the manifest at export time (training/matching.py),
# so a test checks the shipped ONNX file against the model it came from without torch.
REFERENCE_SENTENCES = [
    "The CSTO refused to condemn Azerbaijan's aggression in the 2020 Nagorno-Karabakh war.",
    "Unemployment fell to 4.1% last year, the lowest since 2000.",
    "Drinking hot water kills the coronavirus.",
    "Thank you very much.",
]

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u00a0": " ",
    }
)


class SentenceEncoder:
    """Texts in, float32 unit vectors out (one row per text, in the caller's order).

    Each text runs alone (batch of one): the int8 graph quantises activations with one scale per
    call, so a batch would let a stored vector depend on the texts it happened to be embedded
    with, and the same statement must get the same vector at ingest and at query time.
    """

    def __init__(self, manifest: dict, folder: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.version: str = manifest["version"]
        self.dimensions = int(manifest["dimensions"])
        self.tokenizer = Tokenizer.from_file(str(folder / manifest["tokenizer"]))
        self.tokenizer.enable_truncation(int(manifest.get("max_length", 128)))
        self.tokenizer.no_padding()
        options = onnxruntime.SessionOptions()
        # A web worker serves one request at a time and several workers share the cores.
        options.intra_op_num_threads = int(os.environ.get(THREADS_ENV, "1"))
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = onnxruntime.InferenceSession(
            str(folder / manifest["onnx"]), options, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = self.tokenizer.encode(text.translate(_TYPOGRAPHY)).ids
            feeds = {
                "input_ids": np.asarray([ids], dtype=np.int64),
                "attention_mask": np.ones((1, len(ids)), dtype=np.int64),
            }
            out[row] = self.session.run(None, feeds)[0][0]
        return out


class StaticEncoder:
    """Texts in, float32 unit vectors out (one row per text, in the caller's order): each text's
    vector is the normalised sum of its tokens' rows (no special tokens; unknown tokens dropped).

    A text's vector depends on that text alone (no batch effects), so the same statement gets
    the same vector at ingest and at query time.
    """

    def __init__(self, manifest: dict, folder: Path) -> None:
        from tokenizers import Tokenizer

        if manifest.get("kind") != "static-sentence-encoder":
            raise ValueError(
                f"{folder / 'encoder.json'}: kind {manifest.get('kind')!r}, "
                "not 'static-sentence-encoder'"
            )
        self.version: str = manifest["version"]
        self.dimensions = int(manifest["dimensions"])
        self.max_tokens = int(manifest["max_tokens"])
        self.tokenizer = Tokenizer.from_file(str(folder / manifest["tokenizer"]))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        unknown = manifest.get("unknown_token")
        self.unknown_id = self.tokenizer.token_to_id(unknown) if unknown else None
        # float16 on disk and in memory (half the bytes); each text's rows are summed in float32.
        self.embeddings = np.load(folder / manifest["embeddings"], allow_pickle=False)
        if self.embeddings.shape != (self.tokenizer.get_vocab_size(), self.dimensions):
            raise ValueError(
                f"{folder / manifest['embeddings']}: shape {self.embeddings.shape}, not "
                f"({self.tokenizer.get_vocab_size()}, {self.dimensions})"
            )

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Each text's token ids (no special tokens, unknown tokens dropped, at most
        ``max_tokens``)."""
        encodings = self.tokenizer.encode_batch_fast(
            [text.translate(_TYPOGRAPHY) for text in texts], add_special_tokens=False
        )
        out = []
        for encoding in encodings:
            ids = encoding.ids
            if self.unknown_id is not None:
                ids = [i for i in ids if i != self.unknown_id]
            out.append(ids[: self.max_tokens])
        return out

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, ids in enumerate(self.token_ids(texts)):
            if ids:
                out[row] = self.embeddings[ids].sum(axis=0, dtype=np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        # A text with no known token keeps the zero vector: cosine 0 with everything.
        np.divide(out, norms, out=out, where=norms > 0)
        return out


Encoder = SentenceEncoder | StaticEncoder


def load_encoder(folder: Path = MODELS_DIR) -> Encoder:
    """The encoder ``folder/encoder.json`` describes (its ``kind``)."""
    manifest = json.loads((folder / "encoder.json").read_text(encoding="utf-8"))
    if manifest.get("kind") == "static-sentence-encoder":
        return StaticEncoder(manifest, folder)
    return SentenceEncoder(manifest, folder)


@cache
def default_encoder() -> Encoder:
    """The shipped encoder, loaded once per process."""
    return load_encoder()
