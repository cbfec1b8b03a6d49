import pytest

from claims.extraction import extract
from claims.extraction.noise import remove_noise
from tests.extraction.scorers import ConstantScorer

STORY = "Armenia has canceled planned military drills with Russia this year."


@pytest.mark.parametrize(
    "line",
    [
        "Loading…",
        "Loading...",
        "Advertisement",
        "Story continues below advertisement",
        "Share this article",
        "Share on Facebook",
        "Print | Email | Tweet",
        "Sign up for our daily newsletter",
        "Subscribe now",
        "We use cookies to improve your experience. Accept all cookies",
        "Read more: Armenia and Azerbaijan trade fire",
        "Related: Russia's war in Ukraine",
        "Home > World > Europe",
        "© 2023 The Associated Press. All rights reserved.",
        "Copyright 2023 Reuters",
        "Photo: Jane Doe/Reuters",
        "(AP Photo/Hayk Baghdasaryan)",
    ],
)
def test_it_drops_boilerplate_lines(line):
    cleaned = remove_noise([line, STORY])
    assert cleaned.paragraphs == (STORY,)


@pytest.mark.parametrize(
    "line",
    [
        "A share of 5% went to Facebook, the company said in a statement.",
        "He said he would subscribe to the view that the war was lost.",
        "By the end of the year, prices had risen by 20 percent.",
    ],
)
def test_it_keeps_story_lines_that_mention_noise_words(line):
    assert remove_noise([line]).paragraphs == (line,)


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("By Jane Doe, Reuters", "Jane Doe, Reuters"),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
    ],
)
def test_it_moves_bylines_into_metadata(line, byline):
    cleaned = remove_noise([line, STORY])
    assert cleaned.byline == byline
    assert cleaned.paragraphs == (STORY,)


@pytest.mark.parametrize(
    "line", ["Published 3 May 2023", "Updated: May 3, 2023 10:00 GMT", "Wednesday, April 13, 2011"]
)
def test_it_moves_dateline_lines_into_metadata(line):
    cleaned = remove_noise([line, STORY])
    assert cleaned.dateline == line
    assert cleaned.paragraphs == (STORY,)


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("MOSCOW (AP) — " + STORY, "MOSCOW (AP)"),
        ("YEREVAN, Armenia (AP) — " + STORY, "YEREVAN, Armenia (AP)"),
        ("LONDON, May 3 (Reuters) - " + STORY, "LONDON, May 3 (Reuters)"),
    ],
)
def test_it_strips_a_wire_dateline_prefix(paragraph, dateline):
    cleaned = remove_noise([paragraph])
    assert cleaned.dateline == dateline
    assert cleaned.paragraphs == (STORY,)


def test_it_does_not_take_an_acronym_dash_for_a_dateline():
    line = "NATO - the alliance - said it would respond to the drills in the coming weeks."
    assert remove_noise([line]).dateline is None


def test_extract_reports_byline_and_dateline_and_makes_no_claims_of_them():
    text = "By Jane Doe, Reuters\nPublished 3 May 2023\nMOSCOW (AP) — " + STORY + "\nAdvertisement"
    extraction = extract(text, scorer=ConstantScorer())
    assert extraction.byline == "Jane Doe, Reuters"
    assert extraction.dateline == "Published 3 May 2023"
    assert extraction.text == STORY
    assert [c.statement for c in extraction.claims] == [STORY]


def test_extract_drops_a_first_line_that_repeats_the_title():
    extraction = extract("Armenia cancels drills\n" + STORY, title="Armenia cancels drills")
    assert extraction.title == "Armenia cancels drills"
    assert extraction.text == STORY


@pytest.mark.parametrize(
    ("paragraph", "kept"),
    [
        (
            "The council approved the plan on Friday. Story continues below advertisement "
            "The vote was 7-2.",
            "The council approved the plan on Friday. The vote was 7-2.",
        ),
        ("Prices rose 4% in March. Advertisement", "Prices rose 4% in March."),
        ("Advertisement The mayor resigned on Monday.", "The mayor resigned on Monday."),
        (
            "The team won 3-1 on Sunday. More on Sports Team A beats Team B in the final",
            "The team won 3-1 on Sunday.",
        ),
        (
            "The quake struck at 3am. Trending Now Celebrity weds in Rome",
            "The quake struck at 3am.",
        ),
        ("The fund grew by 8%. Related: Ten things to know about it", "The fund grew by 8%."),
        (
            "IANS| Last Updated: Nov 28, 2026, 10:12 IST Representational Image. Police arrested "
            "12 people.",
            "Police arrested 12 people.",
        ),
    ],
)
def test_it_cuts_noise_flattened_into_a_paragraph(paragraph, kept):
    assert remove_noise([paragraph]).paragraphs == (kept,)


@pytest.mark.parametrize(
    "paragraph",
    [
        "He said advertisement revenue fell by 12% in 2024.",
        "More than 40 people attended the hearing on Monday.",
        "The firm saw more on Monday than expected.",
        "Related companies rose 3% after the ruling.",
    ],
)
def test_it_leaves_sentences_that_only_look_like_noise(paragraph):
    assert remove_noise([paragraph]).paragraphs == (paragraph,)


def test_offsets_stay_exact_after_inline_noise_is_cut():
    extraction = extract(
        "The council approved the plan on Friday. Story continues below advertisement The vote "
        "was 7-2 in favour.\n\nPrices rose 4% in March. Advertisement",
        scorer=ConstantScorer(0.9),
    )
    assert "advertisement" not in extraction.text.lower()
    for claim in extraction.claims:
        assert extraction.text[claim.start : claim.end] == claim.sentence
