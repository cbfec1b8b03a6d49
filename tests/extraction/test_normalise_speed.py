"""The shortcuts taken for speed in ``normalise`` give exactly what the slow path gives."""

from __future__ import annotations

import random
import re
import unicodedata

import ftfy
import pytest

from claims.extraction.evaluation import NEWS_CORPUS_FILE, read_jsonl, shared_data_dir
from claims.extraction.normalise import _FTFY, fix_text

# Pieces that ftfy changes (mojibake, entities, controls, ligatures, wide forms, odd line
# breaks), pieces it leaves, and the "<" that turns entity unescaping off for later lines.
_PIECES = [
    *"abcXYZ 0123.,;:!?'\"()-/",
    "\n",
    "\n",
    "\t",
    "\r",
    "\r\n",
    "£",
    "€",
    "é",
    "’",
    "“",
    "—",
    "&",
    "M&S",
    "&amp;",
    "&#x2019;",
    "&hellip;",
    "&AMP;",
    "<b>",
    "<",
    "Ã©",
    "â€™",
    "â€œ",
    "Â£",
    "Ã",
    "\x1b[31m",
    "\x00",
    "\x7f",
    "\x85",
    "\x9d",
    "ﬁ",
    "Ｌ",
    "\u2028",
    "\u00a0",
    "\ufeff",
]


def _random_texts(count: int, seed: int = 13) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def test_fix_text_equals_ftfy_on_random_mixes_of_clean_and_broken_text():
    for text in _random_texts(4000):
        assert fix_text(text) == ftfy.fix_text(text, _FTFY), repr(text)


def test_fix_text_equals_ftfy_when_a_tag_turns_entity_unescaping_off_for_later_lines():
    text = "plain <b>line\nM&amp;S £5 caf\u00c3\u00a9\nA &amp; B"
    assert fix_text(text) == ftfy.fix_text(text, _FTFY)
    assert fix_text(text).endswith("A &amp; B")  # ftfy left it: unescaping was off by then


def test_fix_text_copies_plain_ascii_and_pound_signs_unchanged():
    text = 'Profits rose 76% to £1.13bn.\n\nM&S said: "It\'s over" (AP)\t- fine.'
    assert fix_text(text) is text


@pytest.mark.data
def test_fix_text_equals_ftfy_on_the_news_corpus():
    path = shared_data_dir() / NEWS_CORPUS_FILE
    if not path.exists():
        pytest.skip(f"{path} is absent: set CLAIMTRACK_SHARED_DATA")
    for article in list(read_jsonl(path))[::4]:
        text = article["text"]
        assert fix_text(text) == ftfy.fix_text(text, _FTFY), article["id"]
        broken = text.replace("'", "â€™", 3).replace("\n\n", "\r\n<p>\r\n", 1) + " &amp;"
        assert fix_text(broken) == ftfy.fix_text(broken, _FTFY), article["id"]


def test_the_ascii_shortcuts_skip_only_tables_that_map_no_character_of_the_text():
    from claims.extraction.normalise import _ASCII_SPACES, _INVISIBLE, _QUOTE_FOLD, _SPACES

    assert [chr(code) for code in _QUOTE_FOLD if code < 128] == ["`"]
    assert not [code for code in _INVISIBLE if code < 128]
    ascii_spaces = "".join(sorted(chr(code) for code in _SPACES if code < 128))
    assert all(_ASCII_SPACES.match(char) for char in ascii_spaces)
    assert len(ascii_spaces) == 3


def test_comparison_key_and_normalise_text_agree_with_the_full_tables_on_ascii_text():
    from claims.extraction.normalise import comparison_key, normalise_text

    assert comparison_key("`Quoted`  text, ") == comparison_key("'Quoted' text")
    assert normalise_text("a\tb\fc  d") == "a b c d"  # (ftfy deletes a \\v first)
    for text in _random_texts(2000, seed=21):
        if text.isascii():
            folded = text.translate(str.maketrans({"`": "'"}))
            assert comparison_key(text) == comparison_key(folded)


def test_loose_key_equals_the_word_characters_of_the_comparison_key():
    from claims.extraction.normalise import _NON_WORD, comparison_key, loose_key

    extra = ["´", "″", "½", "ß", "İ", "‥", "`", "’s", " , ", "Ⅻ", "ﬁ", "_", "—", "…"]
    rng = random.Random(29)
    texts = _random_texts(3000, seed=31) + [
        "".join(rng.choice(extra + _PIECES) for _ in range(rng.randint(0, 20))) for _ in range(3000)
    ]
    for text in texts:
        assert loose_key(text) == _NON_WORD.sub("", comparison_key(text)), repr(text)


def test_the_two_searches_find_what_ftfy_may_touch_as_the_one_alternation_did():
    from claims.extraction import normalise

    alternation = re.compile(r"[^\t\n\x20-\x7e£]|&#?[0-9A-Za-z]{1,24};")
    for text in [*_random_texts(3000, seed=43), "A &amp B", "&x;", "&" + "a" * 25 + ";", "£5"]:
        assert normalise._untouched(text) == (alternation.search(text) is None), repr(text)


def test_runs_of_spaces_collapsed_over_the_whole_text_equal_those_collapsed_line_by_line():
    from claims.extraction import normalise

    rng = random.Random(47)
    pieces = ["a", "B.", " ", "  ", "   ", "\n", "\n\n", "\t", "\u00a0", "é", "x y"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        cleaned = unicodedata.normalize("NFC", fix_text(text))
        cleaned = normalise.replace_each(cleaned, normalise._INVISIBLE_AND_SPACES)
        lines = [re.sub(r" {2,}", " ", line).strip() for line in cleaned.split("\n")]
        assert normalise.normalise_text(text) == "\n".join(normalise.unwrap_lines(lines))
