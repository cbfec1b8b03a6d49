import pytest

from claims.extraction.dedupe import dedupe_paragraphs
from claims.extraction.normalise import comparison_key, normalise_text


def test_it_repairs_mojibake_but_keeps_curly_quotes():
    assert normalise_text("Russiaâ€™s â€œallyâ€\x9d") == "Russia’s “ally”"


def test_it_composes_unicode():
    assert normalise_text("cafe\u0301") == "café"


def test_it_removes_zero_width_characters_and_soft_hyphens():
    assert normalise_text("Pash\u200binyan\u00ad said\ufeff") == "Pashinyan said"


def test_it_turns_non_breaking_spaces_into_spaces_and_collapses_runs():
    assert normalise_text("10\u00a0000  people\u202fdied ") == "10 000 people died"


def test_it_puts_one_paragraph_per_line_and_drops_blank_lines():
    assert normalise_text("One.\r\n\r\n\n  Two.  \rThree.") == "One.\nTwo.\nThree."


def test_comparison_key_treats_quote_and_dash_styles_alike():
    curly = comparison_key("“It’s over” – he said…")
    assert curly == comparison_key('"It\'s over" - he said...')


def test_comparison_key_folds_case_whitespace_and_edge_punctuation():
    assert comparison_key("  The CSTO   refused. ") == comparison_key("the csto refused")


def test_comparison_key_keeps_different_statements_apart():
    assert comparison_key("Inflation rose 5%.") != comparison_key("Inflation rose 6%.")


def test_dedupe_keeps_the_first_of_exact_and_near_exact_repeats():
    paragraphs = [
        "Officials had claimed that Moscow was pressuring the country - as Russia denied...",
        "Something else entirely, about the weather in Yerevan this week.",
        "Officials had claimed that Moscow was pressuring the country – as Russia denied…",
        "Something else entirely, about the weather in Yerevan this week.",
    ]
    assert dedupe_paragraphs(paragraphs) == paragraphs[:2]


def test_dedupe_keeps_paragraphs_that_differ_in_a_number():
    paragraphs = [
        "The ministry said that inflation rose 5% in the year to March, the fastest since 2008.",
        "The ministry said that inflation rose 6% in the year to March, the fastest since 2008.",
    ]
    assert dedupe_paragraphs(paragraphs) == paragraphs


def test_hard_wrapped_lines_are_joined_back_into_their_paragraph():
    from claims.extraction.normalise import unwrap_lines

    lines = [
        "Jobs report",
        "By Jane Doe",
        "The finance minister said on Tuesday that unemployment had fallen to",
        "3.1 per cent in March, the lowest level since 1974.",
        "",
        "Opposition leaders disputed",
        "the figures.",
        "Advertisement",
    ]
    assert unwrap_lines(lines) == [
        "Jobs report",
        "By Jane Doe",
        "The finance minister said on Tuesday that unemployment had fallen to 3.1 per cent in "
        "March, the lowest level since 1974.",
        "Opposition leaders disputed the figures.",
        "Advertisement",
    ]


def test_one_paragraph_per_line_stays_as_it_is():
    from claims.extraction.normalise import unwrap_lines

    lines = ["Armenia has canceled drills.", '"These exercises will not take place," he said.']
    assert unwrap_lines(lines) == lines


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            '<post id="81" author="@cityhall" date="2021-06-01">'
            "The bridge reopens on Monday.</post>",
            "The bridge reopens on Monday.",
        ),
        ("<p>Fares rose by 5%.</p><p>Buses run late.</p>", "Fares rose by 5%. Buses run late."),
        ("The pier is closed<br/>until May.", "The pier is closed until May."),
        ("Turnout was 61%<!-- ad slot --> in the east.", "Turnout was 61% in the east."),
        ("<note kind='wire'/>Rain is expected.", "Rain is expected."),
    ],
)
def test_it_drops_markup_tags_and_keeps_the_text_inside_them(text, kept):
    assert normalise_text(text) == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ('<quote by="@mayor">We will rebuild!</quote>.', "We will rebuild!"),
        ('<quote by="@mayor">We will rebuild</quote>.', "We will rebuild."),
        ('<quote by="@mayor">“We will rebuild.”</quote>.', "“We will rebuild.”"),
    ],
)
def test_a_full_stop_after_a_closing_tag_is_kept_only_where_the_sentence_had_none(text, kept):
    assert normalise_text(text) == kept


@pytest.mark.parametrize(
    "text",
    [
        "If a<b and c>d, the test fails.",
        "Fewer than 3 < 5 of them and more > 2 of the others.",
        "Write to <letters@example.org> by Friday.",
        "Fans sent <3 messages to the band.",
    ],
)
def test_it_leaves_angle_brackets_that_are_not_tags(text):
    assert normalise_text(text) == text


def test_it_drops_markup_tags_across_the_whole_text():
    text = '<item n="1">Turnout rose.</item>\n\n<item n="2">Fares fell.</item>'
    assert normalise_text(text) == "Turnout rose.\nFares fell."
