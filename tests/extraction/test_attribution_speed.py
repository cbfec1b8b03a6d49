"""The shortcuts taken for speed in ``attribution`` change nothing it finds."""

from __future__ import annotations

import random

import pytest

from claims.extraction import attribution
from claims.extraction.evaluation import NEWS_CORPUS_FILE, read_jsonl, shared_data_dir
from claims.extraction.records import Sentence
from claims.extraction.sentences import split_text

SEED_ARTICLE = "tests/extraction/fixtures/seed_article.txt"


class _Everything:
    """Holds every character: with it as ``_QUOTE_LEADS`` no word takes the short path."""

    def __contains__(self, item: object) -> bool:
        return True


def _index_state(index) -> tuple:
    return index.runs, index.singles, index.by_word


def _assert_same_name_index(texts: list[str], monkeypatch) -> None:
    sentences = [Sentence(text, 0, len(text)) for text in texts]
    fast = _index_state(attribution._NameIndex(sentences))
    with monkeypatch.context() as patch:
        patch.setattr(attribution, "_QUOTE_LEADS", _Everything())
        slow = _index_state(attribution._NameIndex(sentences))
    assert fast == slow


def _mixed_texts(seed: int) -> list[str]:
    with open(SEED_ARTICLE, encoding="utf-8") as handle:
        words = handle.read().split()
    words += ["of", "for", "de", "van", "von", "&", "of,", "(USGS)", "[1]", "Bank's", "ßig", "é"]
    rng = random.Random(seed)
    return [" ".join(rng.choice(words) for _ in range(rng.randint(0, 25))) for _ in range(400)]


def test_the_name_index_short_path_for_lower_case_words_builds_the_same_index(monkeypatch):
    _assert_same_name_index(_mixed_texts(seed=3), monkeypatch)
    _assert_same_name_index(
        ["The Bank of England said", "Ludwig van Beethoven of Bonn", "the US Geological Survey"],
        monkeypatch,
    )


@pytest.mark.data
def test_the_name_index_short_path_builds_the_same_index_on_news_articles(monkeypatch):
    path = shared_data_dir() / NEWS_CORPUS_FILE
    if not path.exists():
        pytest.skip(f"{path} is absent: set CLAIMTRACK_SHARED_DATA")
    for article in list(read_jsonl(path))[:200]:
        _assert_same_name_index(split_text(article["text"]), monkeypatch)


def test_the_cue_prefilter_keeps_every_cue_the_pattern_finds():
    texts = [
        *_mixed_texts(seed=11),
        "He was quoted as saying it would fall.",
        "Prices, according to the ONS, rose.",
        "She pointed out that it fell; he went on to say more.",
        "Officials have also repeatedly denied it.",
        "Said the minister: no.",
        "unsaid words, resaid",
    ]
    for text in texts:
        expected = [(m.span(), m.groupdict()) for m in attribution._CUE.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in attribution._cues(text)] == expected, text


@pytest.mark.data
def test_the_cue_prefilter_keeps_every_cue_in_news_articles():
    path = shared_data_dir() / NEWS_CORPUS_FILE
    if not path.exists():
        pytest.skip(f"{path} is absent: set CLAIMTRACK_SHARED_DATA")
    for article in list(read_jsonl(path))[:400]:
        for text in split_text(article["text"]):
            expected = [(m.span(), m.groupdict()) for m in attribution._CUE.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in attribution._cues(text)] == expected
