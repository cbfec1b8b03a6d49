"""A literal-prefix test in front of a regex never changes what ``search`` finds."""

from __future__ import annotations

import random
import re

import pytest

from claims.extraction import attribution, calibration, claims, noise
from claims.extraction.evaluation import NEWS_CORPUS_FILE, read_jsonl, shared_data_dir
from claims.extraction.prefilter import LiteralPrefiltered, literal_prefiltered
from claims.extraction.sentences import split_text


def _patterns() -> list[re.Pattern[str]]:
    found = []
    for module in (attribution, calibration, claims, noise):
        for value in vars(module).values():
            if isinstance(value, LiteralPrefiltered):
                value = value.pattern
            if isinstance(value, re.Pattern):
                found.append(value)
    return found


def _same(pattern: re.Pattern[str], filtered, text: str) -> None:
    want, got = pattern.search(text), filtered.search(text)
    assert (want and (want.span(), want.group())) == (got and (got.span(), got.group())), (
        pattern.pattern,
        text,
    )


def test_prefixes_are_read_from_word_lists_nested_groups_and_shared_starts():
    pattern = literal_prefiltered(
        re.compile(r"\b(?:may|might|last (?:year|week)|(?:19|20)\d\d|lead?s to)\b", re.I)
    )
    assert isinstance(pattern, LiteralPrefiltered)
    assert pattern.prefixes == {"may", "might", "last year", "last week", "19", "20", "lea"}


def test_patterns_that_can_start_without_a_literal_are_left_alone():
    for source in (r"\d+", r"\b\w{3,}ed\b", r"(?:a|\w)b", r"x?y", r"(?i:abc)", r"", r"(?:^|x?)y"):
        pattern = re.compile(source)
        assert literal_prefiltered(pattern) is pattern, source


def test_case_insensitive_prefixes_match_any_case_and_non_ascii_text_takes_the_full_scan():
    pattern = literal_prefiltered(re.compile(r"\b(?:should|must)\b", re.IGNORECASE))
    assert pattern.search("They MUST go").group() == "MUST"
    assert pattern.search("They Should go").span() == (5, 11)
    assert pattern.search("They may go") is None
    assert pattern.search("Thé ſhould") is not None  # re folds "ſ" to "s"; the scan runs
    case_sensitive = literal_prefiltered(re.compile(r"\b(?:I|we)\b"))
    assert case_sensitive.search("i think") is None
    assert case_sensitive.search("and I think").group() == "I"


def test_every_pipeline_pattern_finds_the_same_with_and_without_the_prefilter():
    rng = random.Random(17)
    words = "may MAY last year Last Week 1998 2004 should Ought to led to due to will is to"
    pieces = words.split(" ")
    pieces += ["I", "we", "He", "the", "because", "ſ", "é", "K", ",", ";", "(", "as a result of"]
    texts = [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    for pattern in _patterns():
        filtered = literal_prefiltered(pattern)
        for text in texts:
            _same(pattern, filtered, text)


@pytest.mark.data
def test_every_pipeline_pattern_finds_the_same_on_news_sentences():
    path = shared_data_dir() / NEWS_CORPUS_FILE
    if not path.exists():
        pytest.skip(f"{path} is absent: set CLAIMTRACK_SHARED_DATA")
    texts = [s for a in list(read_jsonl(path))[:60] for s in split_text(a["text"])]
    for pattern in _patterns():
        filtered = literal_prefiltered(pattern)
        if filtered is pattern:
            continue
        for text in texts:
            _same(pattern, filtered, text)


def test_sub_through_the_prefilter_gives_the_same_text():
    rng = random.Random(23)
    pieces = ["Advertisement", "advertisement", "Story continues below advertisement", "said."]
    pieces += ["More on Sports", "Related:", "Trending Now", "x", "(AP)", "é", ".", "\n", "  "]
    texts = [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 10))) for _ in range(2000)]
    for pattern in _patterns():
        filtered = literal_prefiltered(pattern)
        for text in texts:
            assert filtered.sub(" ", text) == pattern.sub(" ", text), (pattern.pattern, text)


def test_lookarounds_are_zero_width_for_the_prefixes():
    pattern = literal_prefiltered(re.compile(r"(?:^|(?<=[.!?]\s))Advertisement(?=\s+[A-Z]|\s*$)"))
    assert pattern.prefixes == {"Advertisement"}
    assert pattern.sub(" ", "Done. Advertisement Next") == "Done.   Next"
