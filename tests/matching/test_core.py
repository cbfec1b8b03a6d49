"""The matching core without a database: text handling, features, the index, the shipped files."""

from __future__ import annotations

import json

import numpy as np
import pytest

from claims.matching.encoder import MODELS_DIR, REFERENCE_SENTENCES, default_encoder
from claims.matching.index import GraphIndex, Matcher, VectorIndex
from claims.matching.ranking import (
    FEATURES,
    Candidate,
    LinearReranker,
    TermStatistics,
    default_reranker,
    features,
)
from claims.matching.text import clean_query, names, numbers, terms


def test_a_pasted_tweet_loses_its_links_and_date_and_its_hashtags_become_words():
    tweet = (
        '"CBC deletes Trump from Home Alone 2" #DefundTheCBC https://t.co/CsHG8R9cHp '
        "pic.twitter.com/0eJtwJyS1J — Brad Trost (@BradTrostCPC) December 26, 2019"
    )
    assert clean_query(tweet) == (
        '"CBC deletes Trump from Home Alone 2" Defund The CBC — Brad Trost (@BradTrostCPC)'
    )


def test_terms_drop_stopwords_and_meet_across_plural_and_tense():
    assert terms("The vaccines were banned") == terms("vaccine banned")
    assert "the" not in terms("the vaccine")


def test_numbers_compare_as_written_without_thousands_separators():
    assert numbers("10,000 jobs, up 4.1% from 2019") == {"10000", "4.1", "2019"}


def test_names_skip_the_capital_that_starts_a_sentence():
    assert names("Residents said Joe Biden visited Ohio.") == {"joe", "biden", "ohio"}


def test_the_index_returns_the_nearest_keys_best_first_and_replaces_and_removes():
    index = VectorIndex(3)
    index.add([10, 20, 30], np.eye(3, dtype=np.float32))
    keys, scores = index.search(np.array([0.1, 0.9, 0.0]), 2)
    assert keys.tolist() == [20, 10]
    assert scores[0] == pytest.approx(0.9)
    index.add([20], np.array([[0.0, 0.0, 1.0]]))
    index.remove([30])
    assert len(index) == 2
    keys, _ = index.search(np.array([0.0, 0.0, 1.0]), 1)
    assert keys.tolist() == [20]


@pytest.mark.parametrize("structure", [VectorIndex, GraphIndex])
def test_both_indexes_find_the_nearest_replace_a_key_and_forget_a_removed_one(structure):
    index = structure(3)
    index.add([10, 20, 30], np.eye(3, dtype=np.float32))
    keys, scores = index.search(np.array([0.0, 1.0, 0.0]), 1)
    assert (keys.tolist(), round(float(scores[0]), 2)) == ([20], 1.0)
    index.add([20], np.array([[1.0, 0.0, 0.0]]))
    index.remove([10])
    assert (len(index), index.has(10), index.has(20)) == (2, False, True)
    keys, _ = index.search(np.array([1.0, 0.0, 0.0]), 1)
    assert keys.tolist() == [20]


def test_the_index_grows_past_its_first_allocation_and_keeps_every_vector():
    index = VectorIndex(4)
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(3000, 4)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index.add(list(range(3000)), vectors)
    index.remove(list(range(0, 3000, 2)))
    assert len(index) == 1500
    keys, _ = index.search(vectors[2999], 1)
    assert keys.tolist() == [2999]


def test_features_reward_the_candidate_that_shares_the_words_and_numbers():
    stats = TermStatistics()
    for text in ["Crime fell 12% in Chicago in 2019", "Chicago hosted the 2018 marathon"]:
        stats.add(text)
    candidates = [
        Candidate(key=1, text="Crime fell 12% in Chicago in 2019", cosine=0.7),
        Candidate(key=2, text="Chicago hosted the 2018 marathon", cosine=0.7),
    ]
    rows = features("Chicago crime dropped 12% in 2019", candidates, stats)
    assert rows.shape == (2, len(FEATURES))
    bm25 = FEATURES.index("bm25")
    found = FEATURES.index("numbers_found")
    assert rows[0, bm25] > rows[1, bm25]
    assert rows[0, found] == 1.0
    assert rows[1, found] == 0.0


def test_a_reranker_fitted_on_other_features_is_refused():
    manifest = json.loads((MODELS_DIR / "reranker.json").read_text())
    manifest["features"] = manifest["features"][:-1]
    with pytest.raises(ValueError, match="other features"):
        LinearReranker(manifest)


def test_the_shipped_encoder_reproduces_the_vectors_torch_gave_at_export():
    manifest = json.loads((MODELS_DIR / "encoder.json").read_text())
    assert manifest["reference"]["sentences"] == REFERENCE_SENTENCES
    vectors = default_encoder().encode(REFERENCE_SENTENCES)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    torch_vectors = np.asarray(manifest["reference"]["torch_fp32"])
    # int8 weights turn each vector a little (cosine 0.97-0.995 here); a wrong file, tokenizer
    # or pooling turns it far (another sentence's vector is below 0.3).
    assert ((vectors * torch_vectors).sum(axis=1) > 0.95).all()


def test_the_encoder_gives_a_text_the_same_vector_alone_or_among_others():
    encoder = default_encoder()
    alone = encoder.encode([REFERENCE_SENTENCES[0]])
    among = encoder.encode([REFERENCE_SENTENCES[1], REFERENCE_SENTENCES[0]])
    assert np.array_equal(alone[0], among[1])


def _matcher(statements: dict[int, str]) -> Matcher:
    encoder = default_encoder()
    matcher = Matcher(
        encoder=encoder,
        reranker=default_reranker(),
        index=VectorIndex(encoder.dimensions),
        statistics=TermStatistics(),
        source=lambda keys: {k: (statements[k], "") for k in keys if k in statements},
    )
    texts = list(statements.values())
    matcher.add(list(statements), texts, matcher.embed(texts))
    return matcher


def test_the_matcher_puts_a_paraphrase_first_and_above_the_threshold():
    matcher = _matcher(
        {
            1: "The CSTO refused to condemn Azerbaijan's aggression in the 2020 war.",
            2: "Unemployment fell to 4.1% last year, the lowest since 2000.",
            3: "Drinking hot water kills the coronavirus.",
            4: "The city council approved a new budget for public parks.",
        }
    )
    hits = matcher.match("Hot water kills the coronavirus, a viral post claims")
    assert hits[0].key == 3
    assert hits[0].score >= matcher.reranker.threshold
    assert all(h.score < matcher.reranker.threshold for h in hits[1:])


def test_the_matcher_skips_excluded_keys_and_keys_its_source_no_longer_has():
    matcher = _matcher({1: "Drinking hot water kills the coronavirus.", 2: "Bleach cures covid."})
    matcher.source = lambda keys: {k: ("Bleach cures covid.", "") for k in keys if k == 2}
    assert [h.key for h in matcher.match("hot water kills the coronavirus")] == [2]
    assert matcher.match("hot water kills the coronavirus", exclude=[2]) == []
