"""Sentence vectors for matching: all-MiniLM-L6-v2 in ONNX, run with onnxruntime + tokenizers.

Plain Python + numpy (onnxruntime and tokenizers imported when the encoder is loaded): no Django,
no torch, nothing downloaded. The graph ends in mean pooling and L2 normalisation, so a vector's
dot product with another is their cosine similarity.
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


def load_encoder(folder: Path = MODELS_DIR) -> SentenceEncoder:
    manifest = json.loads((folder / "encoder.json").read_text(encoding="utf-8"))
    return SentenceEncoder(manifest, folder)


@cache
def default_encoder() -> SentenceEncoder:
    """The shipped encoder, loaded once per process."""
    return load_encoder()
