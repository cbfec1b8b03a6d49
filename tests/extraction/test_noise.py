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


@pytest.mark.parametrize(
    ("paragraph", "kept"),
    [
        (
            "Even so, the dam held. It was close.https://t.co/Ab12Cd — Jane Roe (@janeroe) "
            "March 4, 2019.",
            "Even so, the dam held. It was close.",
        ),
        (
            "Polls open at 7am pic.twitter.com/xYz123 — Mayor Lee Park (@mayorpark) 4 March 2019",
            "Polls open at 7am",
        ),
        ("The ferry is back in service https://t.co/Qw3Er5.", "The ferry is back in service."),
        (
            "The line reopens on Monday. pic.twitter.com/Zx9 Trains run hourly.",
            "The line reopens on Monday. Trains run hourly.",
        ),
    ],
)
def test_it_cuts_tweet_signatures_and_tweet_links(paragraph, kept):
    assert remove_noise([paragraph]).paragraphs == (kept,)


@pytest.mark.parametrize(
    ("paragraph", "kept"),
    [
        ("We will rebuild the school. -M", "We will rebuild the school."),
        ("Flood water is falling! —Dana.", "Flood water is falling!"),
        ("Stay off the roads tonight. -J https://t.co/Ab12Cd.", "Stay off the roads tonight."),
    ],
)
def test_it_cuts_a_sign_off_after_the_last_sentence(paragraph, kept):
    assert remove_noise([paragraph]).paragraphs == (kept,)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Trade across the U.S.-Mexico border fell 4%.",
        "The vote was 52-48. Turnout was high.",
        "Jobs are back, said the governor - Mark Dunn - on Monday.",
        "Jane Roe (@janeroe) said the dam would hold.",
        "Shoppers used bigmart.co/deals for the list, the firm said.",
    ],
)
def test_it_leaves_dashes_and_handles_in_story_text(paragraph):
    assert remove_noise([paragraph]).paragraphs == (paragraph,)


@pytest.mark.parametrize(
    "line",
    [
        "Follow Dana Kim on Twitter @danakimNEWS.",
        "Follow @danakim on Twitter",
        "You can follow us on Facebook and Instagram for the latest news",
        "Follow the author on Bluesky: @dkim",
        "This article has been updated with comments from the fire chief.",
        "This story was corrected to fix the spelling of a name.",
        "Editor's note: This article has been updated.",
        "Correction: An earlier version of this story misstated the year the dam was built.",
    ],
)
def test_it_drops_follow_us_lines_and_update_notes(line):
    assert remove_noise([STORY, line]).paragraphs == (STORY,)


@pytest.mark.parametrize(
    ("paragraph", "kept"),
    [
        (
            "The dam held, officials said. Follow Dana Kim on Twitter @danakimNEWS",
            "The dam held, officials said.",
        ),
        (
            "The dam held, officials said. This article has been updated with comments from "
            "the mayor.",
            "The dam held, officials said.",
        ),
    ],
)
def test_it_cuts_follow_us_lines_and_update_notes_glued_to_a_paragraph(paragraph, kept):
    assert remove_noise([paragraph]).paragraphs == (kept,)


@pytest.mark.parametrize(
    "line",
    [
        "Follow the money, investigators told the committee.",
        "Follow the rules on X, the company told its users in a post on Monday.",
        "Millions follow him on Twitter, where he posts daily.",
        "The report was revised in 2019 to include the new figures.",
        "This story was first reported by the Herald.",
        "Editor's note: the mayor has repeatedly misstated the cost of the dam.",
    ],
)
def test_it_keeps_lines_that_only_look_like_follow_us_lines_or_update_notes(line):
    assert remove_noise([STORY, line]).paragraphs == (STORY, line)


def test_it_strips_a_wire_dateline_from_the_paragraph_after_a_headline():
    cleaned = remove_noise(["Armenia cancels drills", "YEREVAN — " + STORY])
    assert cleaned.dateline == "YEREVAN"
    assert cleaned.paragraphs == ("Armenia cancels drills", STORY)


def test_it_strips_no_dateline_from_the_third_paragraph():
    paragraphs = ["Armenia cancels drills", STORY, "NATO — The alliance said it would respond."]
    assert remove_noise(paragraphs).paragraphs == tuple(paragraphs)


OP_ED = [
    "The city should build the new dam before the next flood season.",
    "I have lived beside the river for thirty years and seen it flood four times.",
    "The council has the money and the plans; it only needs to vote.",
]


@pytest.mark.parametrize(
    "bio",
    [
        "Ms. Okafor is Director of the Flood Research Unit at Lakeside University.",
        "Dana Kim is the Democratic mayor of Riverton.",
        "Tom A. Berg is a contributing writer for the Riverton Post.",
    ],
)
def test_it_drops_the_authors_bio_line_that_ends_an_op_ed(bio):
    assert remove_noise([*OP_ED, bio]).paragraphs == tuple(OP_ED)


@pytest.mark.parametrize(
    ("story", "last"),
    [
        # The person is in the story: the last line is about them.
        (
            [*OP_ED[:2], "Dana Kim said the council would vote in May."],
            "Dana Kim is the Democratic mayor of Riverton.",
        ),
        # No role: a fact, not a bio.
        (OP_ED, "New York is one of 12 states that allow it."),
        (OP_ED, "Dana Kim is expected to testify next week."),
        # "The ..." is not a name.
        (OP_ED, "The Riverton Dam is the largest project the council has funded."),
    ],
)
def test_it_keeps_a_last_line_that_is_not_an_authors_bio(story, last):
    assert remove_noise([*story, last]).paragraphs == (*story, last)


def test_a_bio_line_that_is_not_the_last_paragraph_is_kept():
    bio = "Dana Kim is the Democratic mayor of Riverton."
    assert remove_noise([*OP_ED[:2], bio, OP_ED[2]]).paragraphs == (*OP_ED[:2], bio, OP_ED[2])


def test_offsets_stay_exact_after_markup_and_tweet_furniture_are_cut():
    extraction = extract(
        "Officials said the dam held overnight.\n\n"
        '<tweet id="9" author="@mayorpark">The dam held. Water is falling.https://t.co/Ab12Cd '
        "— Lee Park (@mayorpark) March 4, 2019</tweet>.\n\n"
        "Roads reopen on Monday, the city said. Follow Dana Kim on Twitter @danakimNEWS",
        scorer=ConstantScorer(0.9),
    )
    assert extraction.text == (
        "Officials said the dam held overnight.\n\nThe dam held. Water is falling.\n\n"
        "Roads reopen on Monday, the city said."
    )
    assert extraction.claims
    for claim in extraction.claims:
        assert extraction.text[claim.start : claim.end] == claim.sentence
