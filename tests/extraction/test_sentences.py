import pytest

from claims.extraction.sentences import split_sentences, split_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("He moved to the U.S. in 2010.", ["He moved to the U.S. in 2010."]),
        (
            "Shares of the S.&P. 500 fell. Texas A.&M. 12 won.",
            ["Shares of the S.&P. 500 fell.", "Texas A.&M. 12 won."],
        ),
        (
            "It ends with ''Hold Fast!'' -- a film due in May. It is long.",
            ["It ends with ''Hold Fast!'' -- a film due in May.", "It is long."],
        ),
        ("The dam held. — The town was saved.", ["The dam held.", "— The town was saved."]),
        ("He lives in the U.S. He likes it.", ["He lives in the U.S.", "He likes it."]),
        ("It happened on Jan. 5 in Paris.", ["It happened on Jan. 5 in Paris."]),
        ("See No. 5 on the list. It is long.", ["See No. 5 on the list.", "It is long."]),
        ("J. R. R. Tolkien wrote it. Fans agree.", ["J. R. R. Tolkien wrote it.", "Fans agree."]),
        ("Growth was 2.5 per cent. Prices rose.", ["Growth was 2.5 per cent.", "Prices rose."]),
        ("He paused... Then he left.", ["He paused...", "Then he left."]),
        ("He paused… then he left.", ["He paused… then he left."]),
        ('"We won," he said. "It was hard."', ['"We won," he said.', '"It was hard."']),
        ("“We won.” She smiled.", ["“We won.”", "She smiled."]),
        ("He left (finally.) Nobody cared.", ["He left (finally.)", "Nobody cared."]),
        ("Was it? Yes! It was.", ["Was it?", "Yes!", "It was."]),
        ("She works at Yahoo! in Paris.", ["She works at Yahoo! in Paris."]),
        ("Pitt, Briggs & Co. It closed.", ["Pitt, Briggs & Co.", "It closed."]),
        # A quote that closes after a single capital ends the sentence: no initial is quoted.
        (
            'He called it "Cell Block H." Labour had broken promises, he said.',
            ['He called it "Cell Block H."', "Labour had broken promises, he said."],
        ),
    ],
)
def test_it_splits_edge_cases(text, expected):
    assert split_text(text) == expected


def test_newlines_are_hard_boundaries():
    assert split_text("A headline without a stop\nThe story starts here.") == [
        "A headline without a stop",
        "The story starts here.",
    ]


def test_offsets_point_into_the_text():
    text = "  First one.   Second one!\n\nThird (sort of) one?  "
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["First one.", "Second one!", "Third (sort of) one?"]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_an_empty_text_has_no_sentences():
    assert split_sentences("") == []
    assert split_sentences(" \n\n ") == []


def test_inline_lists_are_split_only_in_sequence():
    assert split_text("1) Tax cuts 2) More police") == ["1) Tax cuts", "2) More police"]
    assert split_text("He scored 2) goals") == ["He scored 2) goals"]
