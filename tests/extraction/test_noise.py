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
