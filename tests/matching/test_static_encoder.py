"""The static encoder (claims.matching.encoder.StaticEncoder): how it reads its rows."""

from __future__ import annotations

import json

import numpy as np
import pytest
from tokenizers import Tokenizer

from claims.matching.encoder import MODELS_DIR, StaticEncoder, load_encoder

# The shipped encoder's tokenizer: the vocabulary the rows follow.
TOKENIZER = json.loads((MODELS_DIR / "encoder.json").read_text())["tokenizer"]


@pytest.fixture
def folder(tmp_path):
    (tmp_path / TOKENIZER).write_bytes((MODELS_DIR / TOKENIZER).read_bytes())
    vocabulary = Tokenizer.from_file(str(MODELS_DIR / TOKENIZER)).get_vocab_size()
    rows = np.random.default_rng(0).normal(size=(vocabulary, 8)).astype(np.float16)
    np.save(tmp_path / "rows.npy", rows, allow_pickle=False)
    manifest = {
        "kind": "static-sentence-encoder",
        "version": "test",
        "embeddings": "rows.npy",
        "tokenizer": TOKENIZER,
        "unknown_token": "[UNK]",
        "dimensions": 8,
        "max_tokens": 512,
    }
    (tmp_path / "encoder.json").write_text(json.dumps(manifest))
    return tmp_path


def _encoder(folder) -> StaticEncoder:
    return StaticEncoder(json.loads((folder / "encoder.json").read_text()), folder)


def test_a_text_is_the_normalised_mean_of_its_token_rows(folder):
    encoder = _encoder(folder)
    ids = encoder.token_ids(["Hot water kills the virus."])[0]
    expected = encoder.embeddings[ids].astype(np.float32).sum(axis=0)
    vector = encoder.encode(["Hot water kills the virus."])[0]
    assert np.allclose(vector, expected / np.linalg.norm(expected), atol=1e-6)


def test_a_text_gets_the_same_vector_alone_or_among_others(folder):
    encoder = _encoder(folder)
    alone = encoder.encode(["Unemployment fell to 4.1% last year."])
    among = encoder.encode(["Thank you very much.", "Unemployment fell to 4.1% last year."])
    assert np.array_equal(alone[0], among[1])


def test_a_text_with_no_known_token_gets_the_zero_vector(folder):
    vectors = _encoder(folder).encode(["", "Drinking hot water kills the coronavirus."])
    assert not vectors[0].any()
    assert np.isclose(np.linalg.norm(vectors[1]), 1.0)


def test_a_manifest_of_another_kind_is_refused(folder):
    manifest = json.loads((folder / "encoder.json").read_text())
    manifest["kind"] = "onnx-sentence-encoder"
    with pytest.raises(ValueError, match=r"'onnx-sentence-encoder', not 'static-sentence-encoder'"):
        StaticEncoder(manifest, folder)


def test_an_embedding_matrix_of_the_wrong_shape_is_refused(folder):
    np.save(folder / "rows.npy", np.zeros((10, 8), np.float16), allow_pickle=False)
    with pytest.raises(ValueError, match=r"shape \(10, 8\)"):
        _encoder(folder)


def test_load_encoder_reads_a_static_manifest_as_the_static_encoder(folder):
    encoder = load_encoder(folder)
    assert isinstance(encoder, StaticEncoder)
    assert encoder.encode(["Drinking hot water kills the coronavirus."]).shape == (1, 8)
