"""The pipeline's shortcuts taken for speed give exactly what the slow path gives."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from claims.extraction import checkworthiness, normalise
from claims.extraction.normalise import comparison_key, loose_key, replace_each, replacements


def _random_texts(alphabet: str, seed: int = 13, count: int = 300) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(count)]


_TABLES = {
    "invisible and spaces": {**normalise._INVISIBLE, **normalise._SPACES},
    "quote fold": normalise._QUOTE_FOLD,
    "typography": checkworthiness._TYPOGRAPHY,
}


@pytest.mark.parametrize("name", sorted(_TABLES))
def test_replacing_each_mapped_character_equals_translating_with_the_table(name):
    table = _TABLES[name]
    mapped = "".join(chr(code) for code in table)
    texts = _random_texts(mapped + "ab '\"-.é£\u2019\u201c")
    pairs = replacements(table)
    for text in texts:
        assert replace_each(text, pairs) == text.translate(table)


def test_removing_invisibles_and_mapping_spaces_at_once_equals_the_two_translations():
    mapped = "".join(chr(code) for code in {**normalise._INVISIBLE, **normalise._SPACES})
    for text in _random_texts(mapped + "ab é", seed=21):
        expected = text.translate(normalise._INVISIBLE).translate(normalise._SPACES)
        assert replace_each(text, normalise._INVISIBLE_AND_SPACES) == expected


def test_a_table_whose_replacement_holds_a_mapped_character_is_refused():
    with pytest.raises(ValueError):
        replacements(str.maketrans({"\u2019": "'", "'": '"'}))


def _reference_comparison_key(text: str) -> str:
    text = text.translate(normalise._QUOTE_FOLD)
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text).casefold().strip(normalise._KEY_EDGES)


def _reference_loose_key(text: str) -> str:
    return re.sub(r"[\W_]+", "", _reference_comparison_key(text))


_KEY_ALPHABET = (
    "aZ09_ .,;:!?'\"`-\t\n\r\x0b\x0c\x1c\x1f\x85\u00a0\u2002\u3000"
    "éÉßİﬁ²½①\u2019\u201c\u201d\u2014\u2026«»Ω"
)


def test_the_comparison_key_shortcuts_equal_the_plain_definition():
    texts = _random_texts(_KEY_ALPHABET, seed=5, count=2000) + _random_texts(
        "ab .,'\"`-\t\n", seed=6, count=500
    )
    for text in texts:
        assert comparison_key(text) == _reference_comparison_key(text)


def test_the_loose_key_shortcuts_equal_the_plain_definition():
    texts = _random_texts(_KEY_ALPHABET, seed=7, count=2000) + _random_texts(
        "aZ09_ .,'\"`-\t\n~@#", seed=8, count=500
    )
    for text in texts:
        assert loose_key(text) == _reference_loose_key(text)


def test_scored_text_skips_the_frame_pattern_only_where_it_cannot_match():
    from claims.extraction import calibration

    pieces = ["Tony Blair", " said: ", " said:", "said: ", '"', "\u201c", "\u201d", "I agree", "\n"]
    rng = random.Random(3)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(3000)]
    texts.append('Tony Blair said: "I would never do it."')
    for text in texts:
        match = calibration._FRAME.match(text)
        assert calibration.scored_text(text) == (match.group("content") if match else text)
    assert calibration.scored_text(texts[-1]) == "I would never do it."


def test_the_word_block_cached_per_word_finds_the_tokenizers_pairs_across_odd_spacing():
    from array import array

    import numpy as np

    block = checkworthiness.load_shipped("linear").blocks[0]
    alphabet = ["the", "rate", "rose", "ΟΔΟΣ", "σ", "Σ", "it's", "U.S.", "5%", "_x", "a-b"]
    spaces = [" ", "\u00a0", "\u2003", "\t", "\n", "\x1c", "", "-", "'"]
    rng = random.Random(17)
    texts = [
        "".join(rng.choice(alphabet) + rng.choice(spaces) for _ in range(rng.randint(0, 12)))
        for _ in range(400)
    ]
    for batch in (texts, texts[:1], [], ["", " "], [checkworthiness._BATCH_SEPARATOR + " rate"]):
        buffer = array("q")
        lengths = [block._ids(text, buffer) for text in batch]
        rows = np.repeat(np.arange(len(batch), dtype=np.int64), lengths)
        cols = np.frombuffer(buffer, dtype=np.int64) if buffer else np.zeros(0, np.int64)
        expected = np.sort(rows * len(block.idf) + cols)
        for _ in range(2):  # cold and warm cache
            got_rows, got_cols = block.pairs(batch)
            assert np.array_equal(np.sort(got_rows * len(block.idf) + got_cols), expected)


def test_calibration_features_read_from_the_few_useful_word_pairs_equal_those_of_all_pairs():
    from itertools import pairwise

    from claims.extraction import calibration as cal

    vocabulary = "we you i have has to need hope seems it last year week got can should must"
    words = (vocabulary + " I'm I’m My Me Paris Blair said the rise ought let us").split()
    rng = random.Random(29)
    index = {name: i for i, name in enumerate(cal.FEATURES)}
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 10)))
        vector = cal.features(text, score=0.5, is_quote=False, has_speaker=False)
        found = cal._WORD.findall(text)
        lower = [w.lower().replace("’", "'") for w in found]
        every_pair = {f"{a} {b}" for a, b in pairwise(lower)}
        first_singular = cal._FIRST_SINGULAR
        names = sum(1 for w in found[1:] if w[:1].isupper() and w.lower() not in first_singular)
        assert vector[index["names"]] == min(names, 4) / 4
        assert vector[index["normative_modal"]] == float(
            not (cal._NORMATIVE.isdisjoint(lower) and cal._NORMATIVE_PAIRS.isdisjoint(every_pair))
        )
        assert vector[index["hedge"]] == float(
            not (cal._HEDGE.isdisjoint(lower) and cal._HEDGE_PAIRS.isdisjoint(every_pair))
        )
        exhortation = not (
            cal._EXHORTATION.isdisjoint(lower) and cal._EXHORTATION_PAIRS.isdisjoint(every_pair)
        ) or any(
            a in ("we", "you") and b == "have" and c == "to"
            for a, b, c in zip(lower, lower[1:], lower[2:], strict=False)
        )
        assert vector[index["exhortation"]] == float(exhortation)
        time = not (cal._TIME.isdisjoint(lower) and cal._TIME_PAIRS.isdisjoint(every_pair))
        assert vector[index["time_expression"]] == float(time)


def test_the_prefix_trie_finds_a_text_exactly_when_it_holds_one_of_the_prefixes():
    from claims.extraction.prefilter import _trie_pattern

    rng = random.Random(31)
    for _ in range(200):
        words = frozenset(
            "".join(rng.choice("ab .") for _ in range(rng.randint(1, 4)))
            for _ in range(rng.randint(1, 15))
        )
        finder = _trie_pattern(words)
        for text in _random_texts("ab .c", seed=rng.randint(0, 10**6), count=30):
            assert (finder.search(text) is not None) == any(w in text for w in words)


def test_the_prediction_prefilter_scans_once_and_agrees_with_its_prefixes():
    from claims.extraction import kinds

    prefiltered = kinds._PREDICTION
    assert prefiltered._finder is not None  # many prefixes: the trie path is the one taken
    prefixes = sorted(prefiltered.prefixes)
    rng = random.Random(37)
    filler = ["the", "team", "Is", "ARE", "expected", "due", "to", "will", "set", "x", ","]
    for _ in range(3000):
        text = " ".join(rng.choice(filler + prefixes) for _ in range(rng.randint(0, 8)))
        lowered = text.lower()
        assert prefiltered._absent(text) == (not any(p in lowered for p in prefixes))
        got, expected = prefiltered.search(text), prefiltered.pattern.search(text)
        assert (got and got.span()) == (expected and expected.span())


def test_the_sentence_candidate_pattern_matches_where_the_plain_lookbehind_form_does():
    from claims.extraction import sentences

    plain = re.compile(
        r"(?<![.!?‽…])(?:[!?‽…][.!?‽…]*|\.(?: ?\.)*(?:[!?‽…][.!?‽…]*)?)[\"'”’»)\]}“‘]*(?=\s|$)"
    )
    rng = random.Random(41)
    alphabet = ".!?‽… a\"'”’»)]}“‘\n"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        position = rng.randint(0, len(text))
        expected = [m.span() for m in plain.finditer(text, position)]
        assert [m.span() for m in sentences._CANDIDATE.finditer(text, position)] == expected


def test_the_linear_decision_is_the_same_for_words_first_seen_in_mid_batch():
    from array import array

    import numpy as np

    model = checkworthiness.load_shipped("linear")
    rng = random.Random(43)
    fresh = ["".join(rng.choice("qxzjkv") for _ in range(6)) for _ in range(50)]
    known = ["the", "unemployment", "rose", "5%", "last", "year"]
    # Warm words, then texts that mix them with words no cache has seen yet.
    texts = [" ".join(rng.choice(known + fresh) for _ in range(8)) for _ in range(40)]
    expected = np.full(len(texts), model.intercept)
    for block in model.blocks:
        buffer = array("q")
        lengths = [block._ids(text, buffer) for text in texts]
        rows = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        cols = np.frombuffer(buffer, dtype=np.int64) if buffer else np.zeros(0, np.int64)
        expected += block._decision(len(texts), rows, cols)
    assert np.array_equal(model.decision_function(texts), expected)


def test_the_digit_runs_of_a_loose_key_are_those_the_digit_pattern_finds():
    from claims.extraction import dedupe

    rng = random.Random(53)
    alphabet = "ab09Z5x" + "é²١٣ß"  # ASCII digits, then letters and digits of other scripts
    for _ in range(5000):
        key = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert dedupe._numbers(key) == dedupe._DIGITS.findall(key), key


def test_sentences_split_with_an_offset_are_those_split_without_it_shifted():
    from claims.extraction.sentences import split_sentences

    text = 'Mr. Smith left at 5 p.m. Then he said "No." 1) One 2) Two\nI. Jones came. • a • b'
    for offset in (0, 1, 57):
        shifted = [(s.text, s.start + offset, s.end + offset) for s in split_sentences(text)]
        found = split_sentences(text, offset)
        assert [(s.text, s.start, s.end) for s in found] == shifted
        assert all(text[s.start - offset : s.end - offset] == s.text for s in found)
