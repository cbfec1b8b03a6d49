"""Attribution patterns of news prose, one test per kind of pattern (no database)."""

import pytest

from claims.extraction.attribution import attribute
from claims.extraction.records import Sentence
from claims.extraction.sentences import split_sentences


def _attributed(text):
    sentences, paragraph_of, offset = [], [], 0
    for index, paragraph in enumerate(text.split("\n")):
        for s in split_sentences(paragraph):
            sentences.append(Sentence(s.text, s.start + offset, s.end + offset))
            paragraph_of.append(index)
        offset += len(paragraph) + 1
    return attribute(sentences, paragraph_of)


def _speakers(text):
    return [r.speaker.name if r.speaker else None for r in _attributed(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Many critics argued that the new rule would hurt small firms.",
        "Some economists say the new rule would hurt small firms.",
        "Union leaders warned that the new rule would hurt small firms.",
    ],
)
def test_a_plural_group_noun_is_a_speaker(text):
    assert _speakers(text)[0] is not None


def test_two_apostrophes_quote_like_a_double_quote_mark():
    result = _attributed("''The bridge will reopen in June,'' Mr. Biden said at one point.")[0]
    assert result.speaker is not None and result.speaker.name == "Biden"
    assert result.is_quote
    assert result.content == "The bridge will reopen in June,"


def test_two_apostrophes_before_said_x_give_the_speaker_after_the_cue():
    text = "''There is a puzzle here,'' said Austan Goolsbee, an adviser to the president."
    assert _speakers(text) == ["Austan Goolsbee"]
