"""The linear model's fast n-gram lookups give exactly the pairs and scores of the string path."""

from __future__ import annotations

import random
from array import array

import numpy as np
import pytest

from claims.extraction.checkworthiness import _BATCH_SEPARATOR, load_shipped
from claims.extraction.evaluation import NEWS_CORPUS_FILE, read_jsonl, shared_data_dir
from claims.extraction.sentences import split_text

SEED_ARTICLE = "tests/extraction/fixtures/seed_article.txt"


def _reference(block, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Decision and sorted (row, feature) pairs through the analyzers, one n-gram at a time."""
    buffer = array("q")
    lengths = [block._ids(text, buffer) for text in texts]
    cols = np.frombuffer(buffer, dtype=np.int64) if buffer else np.zeros(0, np.int64)
    rows = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    return block._decision(len(texts), rows, cols), np.sort(rows * len(block.idf) + cols)


def _assert_same_as_reference(texts: list[str]) -> None:
    model = load_shipped("linear")
    for block in model.blocks:
        expected, expected_pairs = _reference(block, texts)
        for _ in range(2):  # cold and warm word caches
            rows, cols = block.pairs(texts)
            assert np.array_equal(np.sort(rows * len(block.idf) + cols), expected_pairs)
            assert np.array_equal(block._decision(len(texts), rows, cols), expected)
            assert np.array_equal(block.decision(texts), expected)


def _mixed_texts(seed: int = 5) -> list[str]:
    with open(SEED_ARTICLE, encoding="utf-8") as handle:
        words = handle.read().split()
    words += ["", "É", "naïve", "U.S.", "it's", "£5bn", "x", "--", "ﬁne", "ΣΟΦΟΣ", "Straße"]
    rng = random.Random(seed)
    return [" ".join(rng.choice(words) for _ in range(rng.randint(0, 30))) for _ in range(500)]


def test_the_fast_word_and_character_ngrams_match_the_analyzers_on_mixed_text():
    _assert_same_as_reference(_mixed_texts())


def test_the_fast_path_matches_on_empty_batches_empty_texts_and_one_word_texts():
    _assert_same_as_reference([])
    _assert_same_as_reference(["", " ", "a", "the", "the government"])


def test_a_text_holding_the_batch_separator_is_scored_as_if_alone():
    texts = [f"the {_BATCH_SEPARATOR} rose 5%", "unemployment rose 5% last year"]
    _assert_same_as_reference(texts)
    model = load_shipped("linear")
    together = model.score(texts)
    alone = [model.score([text])[0] for text in texts]
    assert np.allclose(together, alone, rtol=0, atol=1e-12)


def test_the_word_block_takes_the_vectorised_path_for_the_shipped_model():
    assert load_shipped("linear").blocks[0].vectorised


@pytest.mark.data
def test_the_fast_path_matches_on_news_corpus_sentences():
    path = shared_data_dir() / NEWS_CORPUS_FILE
    if not path.exists():
        pytest.skip(f"{path} is absent: set CLAIMTRACK_SHARED_DATA")
    texts = [s for a in list(read_jsonl(path))[:150] for s in split_text(a["text"])]
    _assert_same_as_reference(texts)


def test_the_one_pass_decision_equals_the_intercept_plus_each_blocks_own_decision():
    model = load_shipped("linear")
    for texts in (_mixed_texts(seed=8), [], ["", "a"], ["unemployment rose 5% last year"]):
        expected = np.full(len(texts), model.intercept)
        for block in model.blocks:
            expected += _reference(block, texts)[0]
        assert np.array_equal(model.decision_function(texts), expected)


def test_typography_is_skipped_only_where_no_character_it_maps_can_occur():
    from claims.extraction.checkworthiness import _TYPOGRAPHY, normalise_typography

    assert all(code > 127 for code in _TYPOGRAPHY)
    curly = "It\u2019s \u201cover\u201d \u2013 5\u2026"
    assert normalise_typography(curly) == 'It\'s "over" - 5...'
