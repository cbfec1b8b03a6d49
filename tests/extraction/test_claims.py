from datetime import date

import pytest

from claims.extraction import ClaimKind, extract
from claims.extraction.claims import classify, is_checkable, phrase_statement, split_compound
from tests.extraction.scorers import ConstantScorer


def _statements(text):
    return [c.statement for c in extract(text, scorer=ConstantScorer(0.9)).claims]


def test_it_splits_a_compound_sentence_when_both_halves_stand_alone():
    assert split_compound(
        "Armenia hosts a Russian military base, and Moscow has been its top ally"
    ) == ["Armenia hosts a Russian military base", "Moscow has been its top ally"]


def test_it_does_not_split_when_a_half_is_not_a_clause():
    text = "The army withdrew from the town, and later from the valley"
    assert split_compound(text) == [text]


def test_it_does_not_split_not_only_but_also():
    text = "The base not only fails to protect Armenia, but it raises security threats"
    assert split_compound(text) == [text]


def test_split_claims_share_the_sentence_and_offsets():
    extraction = extract(
        "Armenia hosts a Russian military base, but the Kremlin has sought warm ties with Baku.",
        scorer=ConstantScorer(),
    )
    first, second = extraction.claims
    assert first.statement == "Armenia hosts a Russian military base."
    assert second.statement == "The Kremlin has sought warm ties with Baku."
    assert (first.start, first.end, first.sentence) == (second.start, second.end, second.sentence)


@pytest.mark.parametrize(
    ("raw", "statement"),
    [
        ("But the Kremlin resisted the request", "The Kremlin resisted the request."),
        ("However, prices rose in March", "Prices rose in March."),
        ("In any case, Armenia is our close ally,", "Armenia is our close ally."),
        ("“The drills will not take place.”", "The drills will not take place."),
    ],
)
def test_it_phrases_statements_to_stand_alone(raw, statement):
    assert phrase_statement(raw) == statement


@pytest.mark.parametrize(
    "statement",
    [
        "Will the drills take place this year?",
        "I feel very proud of our team today.",
        "I think this is a great day for everyone.",
        "Read the full report.",
        "Nagorno-Karabakh Armenia Russia CSTO.",
        "Too short.",
    ],
)
def test_it_rejects_questions_feelings_fragments_and_headlines(statement):
    assert not is_checkable(statement)


def test_it_drops_questions_from_articles():
    assert _statements(
        "Why did Armenia cancel the drills? Armenia canceled the drills on Tuesday."
    ) == ["Armenia canceled the drills on Tuesday."]


@pytest.mark.parametrize(
    ("statement", "kind"),
    [
        ("Unemployment rose to 7.5% in March.", ClaimKind.STATISTIC),
        ("The project cost $4 million to build.", ClaimKind.STATISTIC),
        ("The war is causing Moscow to lose influence in the region.", ClaimKind.CAUSAL),
        ("Flights were cancelled because of the storm over the weekend.", ClaimKind.CAUSAL),
        ("The drills will not take place this year.", ClaimKind.PREDICTION),
        ("The economy is expected to shrink next year.", ClaimKind.PREDICTION),
        ("Armenia spends less on defence than Azerbaijan does.", ClaimKind.COMPARISON),
        ("It is the largest military base in the region.", ClaimKind.COMPARISON),
        ("Armenia canceled the joint drills with Russia.", ClaimKind.EVENT),
        ("Armenia is a close ally of Russia.", ClaimKind.OTHER),
        ("The war of 2020 ended on November 10 in Armenia's defeat.", ClaimKind.EVENT),
    ],
)
def test_it_classifies_the_kind_of_claim(statement, kind):
    assert classify(statement) == kind


def test_identical_statements_in_one_article_are_one_claim():
    text = (
        "Armenia canceled the drills on Tuesday.\n\nIn the end, nothing happened.\n\n"
        "However, Armenia canceled the drills on Tuesday!"
    )
    statements = _statements(text)
    assert statements.count("Armenia canceled the drills on Tuesday.") == 1


def test_a_second_reported_clause_is_not_split_off_as_a_claim_of_its_own():
    from claims.extraction.claims import split_compound

    text = (
        "The minister said unemployment had fallen to 3.1% in March, and that wages were "
        "rising faster than prices."
    )
    assert split_compound(text) == [text]


def test_a_leading_he_becomes_the_person_the_story_named():
    statements = _statements(
        "Maurice Greene lost his Olympic 100m title in Athens in 2004.\n\n"
        "He had to settle for bronze behind Justin Gatlin in the final.\n\n"
        '"I will win the worlds," said Greene.'
    )
    assert "Maurice Greene had to settle for bronze behind Justin Gatlin in the final." in (
        statements
    )


def test_a_leading_he_with_nobody_named_keeps_its_words():
    statements = _statements("He had to settle for bronze behind Justin Gatlin in the final.")
    assert statements == ["He had to settle for bronze behind Justin Gatlin in the final."]


def test_reported_speech_about_the_speaker_names_the_speaker():
    statements = _statements("Jay-Z Carter said he would retire after The Black Album in 2003.")
    assert statements == ["Jay-Z Carter would retire after The Black Album in 2003."]


def test_a_quote_opening_with_i_becomes_the_speaker_when_nothing_else_is_first_person():
    claim = extract(
        'Jay-Z Carter said: "I have inherited two of the most important brands in hip-hop."',
        scorer=ConstantScorer(0.9),
    ).claims[0]
    assert (
        claim.statement == "Jay-Z Carter has inherited two of the most important brands in hip-hop."
    )


def test_a_first_person_quote_that_cannot_be_rewritten_keeps_the_words_behind_the_speaker():
    # "we" is the speaker and others: who they are would be a guess.
    claim = extract(
        '"I lost the title because of the things we did in 2004," said Maurice Greene.',
        scorer=ConstantScorer(0.9),
    ).claims[0]
    assert claim.statement == (
        'Maurice Greene said: "I lost the title because of the things we did in 2004."'
    )


def test_every_i_in_a_persons_quote_becomes_the_speaker():
    claim = extract(
        '"I lost the title because of the things I did in 2004," said Maurice Greene.\n\n'
        "Greene said he would race again in Birmingham on Friday.",
        scorer=ConstantScorer(0.9),
    ).claims[0]
    assert claim.statement == (
        "Maurice Greene lost the title because of the things Maurice Greene did in 2004."
    )


def test_statements_close_a_quote_the_cut_left_open():
    assert phrase_statement('The mayor dismissed the plan as "desperate') == (
        'The mayor dismissed the plan as "desperate."'
    )
    assert phrase_statement("The plan was “desperate, and late") == (
        "The plan was “desperate, and late.”"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The council voted on Tuesday to close 12 libraries.",
            "The council voted on 24 November 2026 to close 12 libraries.",
        ),
        (
            "The council will vote on Thursday on closing 12 libraries.",
            "The council will vote on 3 December 2026 on closing 12 libraries.",
        ),
        ("Prices rose 4% last year.", "Prices rose 4% in 2025."),
        ("Prices have risen 4% since last year.", "Prices have risen 4% since 2025."),
        (
            "The mayor resigned yesterday after 12 years.",
            "The mayor resigned on 29 November 2026 after 12 years.",
        ),
        ("Tuesday's vote closed 12 libraries.", "Tuesday's vote closed 12 libraries."),
    ],
)
def test_relative_dates_resolve_against_the_published_date(text, expected):
    extraction = extract(text, scorer=ConstantScorer(0.9), published=date(2026, 11, 30))
    assert [c.statement for c in extraction.claims] == [expected]
    assert extraction.claims[0].sentence == text


def test_relative_dates_stay_as_written_without_a_published_date():
    assert _statements("The council voted on Tuesday to close 12 libraries.") == [
        "The council voted on Tuesday to close 12 libraries."
    ]


@pytest.mark.parametrize(
    ("statement", "kind"),
    [
        ("Unemployment fell by 4% in the year to March.", ClaimKind.STATISTIC),
        ("The club signed the striker in 2004 after a long chase.", ClaimKind.EVENT),
        ("UFJ Holdings is Japan's fourth-largest bank.", ClaimKind.COMPARISON),
        ("The act defines a charity as a body that serves the public.", ClaimKind.OTHER),
        # Present perfect and progressive report a happening; a present state does not.
        ("The bank has withdrawn its takeover offer for the group.", ClaimKind.EVENT),
        ("The film industry is clamping down on file-sharers.", ClaimKind.EVENT),
        ("The posters are fitted with an infra-red port.", ClaimKind.OTHER),
        ("Apple uses a format that it says helps thwart piracy.", ClaimKind.OTHER),
        ("The novel tells the story of a girl who was sent to a school.", ClaimKind.OTHER),
        # Ages and votes are statistics even without a unit; a match score reports the match.
        ("The comedian is 74 years old.", ClaimKind.STATISTIC),
        ("Jerry Lee Lewis was 69 at the time of the ceremony.", ClaimKind.STATISTIC),
        # An age that only describes the subject is not what the statement claims.
        ("The 25-year-old Dubliner underlined his intention to stay.", ClaimKind.EVENT),
        ("The club suffered a 2-0 defeat at Old Trafford.", ClaimKind.EVENT),
        ("Peers voted by 229 to 206 to keep the office.", ClaimKind.STATISTIC),
    ],
)
def test_kinds_follow_the_taxonomy(statement, kind):
    assert classify(statement) == kind


def test_every_attributed_statement_is_a_quote():
    claim = extract(
        "Analysts said the bank had lost 40 million pounds in March.", scorer=ConstantScorer()
    ).claims[0]
    assert claim.kind == ClaimKind.QUOTE


def test_a_quote_whose_opening_mark_was_in_an_earlier_sentence_is_reopened_at_the_start():
    assert phrase_statement('It had an impact on us," added the defender.') == (
        '"It had an impact on us," added the defender.'
    )


def test_a_speakers_statement_opening_with_an_unresolved_back_reference_keeps_its_frame():
    from claims.extraction.claims import frame_back_reference

    assert (
        frame_back_reference(
            "It was irrelevant what the post was called.", "Chris Leslie", is_quote=False
        )
        == "Chris Leslie said it was irrelevant what the post was called."
    )
    assert (
        frame_back_reference(
            "They even have documentaries with swearing.", "Ronnie Corbett", is_quote=True
        )
        == 'Ronnie Corbett said: "They even have documentaries with swearing."'
    )


@pytest.mark.parametrize(
    ("speaker", "statement"),
    [
        ("company", "The company said it would cut 300 jobs."),
        ("spokesman for the museum", "The spokesman for the museum said it would cut 300 jobs."),
        ("local press", "The local press said it would cut 300 jobs."),
        ("analysts", "Analysts said it would cut 300 jobs."),
        ("police", "Police said it would cut 300 jobs."),
        ("some investors", "Some investors said it would cut 300 jobs."),
        ("Lena Holm", "Lena Holm said it would cut 300 jobs."),
    ],
)
def test_a_speaker_named_in_lower_case_opens_its_frame_as_a_subject(speaker, statement):
    from claims.extraction.claims import frame_back_reference

    # Never "company said it ...": one body takes "The", a group or a determined phrase a capital.
    assert frame_back_reference("It would cut 300 jobs.", speaker, is_quote=False) == statement


def test_a_statement_that_already_stands_alone_is_not_framed():
    from claims.extraction.claims import frame_back_reference

    for text in ("The bridge will reopen in June.", "These exercises will not take place."):
        assert frame_back_reference(text, "Anna Berg", is_quote=True) == text


def test_closing_quote_marks_whose_openings_were_cut_away_are_dropped_first_ones_first():
    assert phrase_statement("the plan” was “desperate” to them") == (
        "The plan was “desperate” to them."
    )
    assert phrase_statement("a” b” c “d” e") == "A b c “d” e."


def test_an_opening_quote_mark_left_open_by_the_cut_is_closed():
    assert phrase_statement("he dismissed the plan as “desperate") == (
        "He dismissed the plan as “desperate.”"
    )


def test_an_attributed_sentence_s_own_voice_part_is_a_claim_without_a_claimant():
    from claims.extraction.attribution import Attributed, Speaker
    from claims.extraction.claims import statements_from
    from claims.extraction.records import Sentence

    text = (
        "Labour has since taken the designs off its website, saying 60% of members had "
        "preferred other designs."
    )
    attributed = Attributed(
        Sentence(text, 0, len(text)),
        "60% of members had preferred other designs.",
        Speaker("Labour", None),
        False,
        aside="Labour has since taken the designs off its website.",
    )
    statements = statements_from(attributed)
    assert [s.source.speaker for s in statements] == [Speaker("Labour", None), None]
    assert statements[1].text == "Labour has since taken the designs off its website."


@pytest.mark.parametrize(
    "statement",
    [
        "A spokesman for the bank declined to comment.",
        "The club would not comment on the report.",
        "I really enjoy it here and I want to keep that going.",
    ],
)
def test_it_rejects_a_bare_refusal_to_comment_and_a_first_person_enjoyment(statement):
    assert not is_checkable(statement)


def test_a_long_sentence_that_mentions_a_refusal_to_comment_stays_a_candidate():
    assert is_checkable(
        "Police declined to comment on the arrest of a man in Leeds who was later released on "
        "bail without charge."
    )


@pytest.mark.parametrize(
    "statement",
    [
        "The referendum is expected on 12 June.",
        "The company is planning to open ten new stores in Scotland.",
        "The striker intends to move abroad at the end of the season.",
        "The defender is ready to sign a new contract with the club.",
    ],
)
def test_a_date_to_come_or_an_intention_is_a_prediction(statement):
    assert classify(statement) == ClaimKind.PREDICTION
