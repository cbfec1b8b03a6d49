"""Frames of news prose that name a speaker: coordinated subjects, "went on to", cues that
only count before "that", spokesmen taken up by "he" (invented sentences; no database)."""

import pytest

from tests.extraction.attributing import attributed as _attributed
from tests.extraction.attributing import speakers as _speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Nokia and Ericsson said the new tariff would raise handset prices.",
            "Nokia and Ericsson",
        ),
        ("Regional and national officials said the bridge would close for a month.", None),
        ("Local and state officials said the bridge would close for a month.", None),
        ("Ms Okafor and Mr Lind say the survey was never published.", "Okafor and Lind"),
    ],
)
def test_a_coordinated_subject_speaks_as_one(text, speaker):
    result = _attributed(text)[0]
    assert result.speaker is not None
    if speaker is not None:
        assert result.speaker.name == speaker
    assert result.content.startswith(("the new tariff", "the bridge", "the survey"))


def test_one_capitalised_modifier_joined_to_a_role_is_part_of_the_speaker():
    result = _attributed("Federal and provincial officials said the dam was safe.")[0]
    assert result.speaker.name == "Federal and provincial officials"


@pytest.mark.parametrize(
    "text",
    [
        "Exports slowed and economists said the outlook had darkened.",
        "The river rose and villagers said the levee had failed twice before.",
    ],
)
def test_a_clause_joined_by_and_is_not_part_of_the_speaker(text):
    speaker = _attributed(text)[0].speaker
    assert speaker is None or " and " not in speaker.name


@pytest.mark.parametrize(
    "text",
    [
        "Many lawmakers say the budget leaves the schools short of teachers.",
        "Protesters said the police had used tear gas without warning.",
        "Shoppers say prices in the market have doubled since the spring.",
    ],
)
def test_more_groups_of_people_are_speakers(text):
    assert _speakers(text)[0] is not None


def test_went_on_to_before_a_cue_keeps_the_cue():
    result = _attributed("The minister went on to warn that fuel prices would rise again.")[0]
    assert result.speaker.name == "minister"
    assert result.content == "fuel prices would rise again."


def test_goes_on_to_criticise_a_quote_is_attributed():
    result = _attributed(
        'Ms Harlow goes on to criticise "landlords who never answer a single letter".'
    )[0]
    assert result.speaker.name == "Harlow"


def test_went_on_to_do_something_is_no_saying():
    assert _speakers("Vasquez went on to win the race in record time.") == [None]


@pytest.mark.parametrize(
    "text",
    [
        "The senator asserts that the contract was never put out to tender.",
        "The union maintains that the pay offer is below inflation.",
        "Campaigners charged that the council had ignored the flood warnings.",
    ],
)
def test_present_tense_and_that_only_cues_are_cues(text):
    result = _attributed(text)[0]
    assert result.speaker is not None
    assert result.content.startswith("the ")


def test_charged_with_an_offence_is_not_a_saying():
    assert _speakers("Police charged the driver with dangerous driving after the crash.") == [None]


def test_he_after_an_organisation_spokesman_is_the_spokesman():
    results = _attributed(
        "Dana Whitfield, head of Brightwater, said last year the prices were too high.\n"
        "A Brightwater spokesman said on Monday it had no evidence of a rival bid.\n"
        "He also said the regulator had been in touch with the company this week."
    )
    assert results[1].speaker.name == "Brightwater"
    assert results[2].speaker == results[1].speaker


def test_a_person_named_after_the_spokesman_takes_he_back():
    results = _attributed(
        "A Brightwater spokesman said on Monday it had no evidence of a rival bid.\n"
        "Analyst Tomas Reyes said the shares were overvalued.\n"
        "He added that the bid talk had been priced in."
    )
    assert results[2].speaker.name == "Tomas Reyes"


def test_she_after_a_spokesman_is_not_the_spokesman():
    results = _attributed(
        "Karen Lee said the deal was done.\n"
        "A Brightwater spokesman said the firm would not comment.\n"
        '"It is a good deal for everyone," she said.'
    )
    assert results[2].speaker.name == "Karen Lee"


def test_the_tail_of_a_list_is_not_a_coordinated_speaker():
    result = _attributed(
        "A spokesman for the Department for Transport, Housing and Planning said the scheme "
        "would go ahead."
    )[0]
    assert result.speaker is None or result.speaker.name != "Housing and Planning"


def test_one_name_with_and_inside_is_not_split_into_two_speakers():
    result = _attributed(
        "The Food and Drug Administration said the vaccine was safe for children."
    )[0]
    assert result.speaker.name == "Food and Drug Administration"


def test_a_share_of_a_group_is_a_finding_not_a_speaker():
    text = "A total of 41% of surveyed landlords reported lower rents in the spring."
    speaker = _attributed(text)[0].speaker
    assert speaker is None or "%" not in speaker.name


def test_where_a_person_is_from_goes_to_the_description_not_the_name():
    results = _attributed(
        "Texan Dale Moreno filed the complaint with the county court in Austin last week.\n"
        '"The company has broken every promise it made to us," Texan Dale Moreno said.\n'
        "Mr Moreno wants the contract cancelled."
    )
    assert results[1].speaker.name == "Dale Moreno"
    assert results[1].speaker.description == "Texan"


def test_an_organisation_named_after_a_nationality_keeps_its_name():
    result = _attributed(
        '"Aid is not reaching the northern towns at all," Syrian Arab Red Crescent said.'
    )[0]
    assert result.speaker.name == "Syrian Arab Red Crescent"


def test_the_white_house_is_not_the_last_person_named():
    results = _attributed(
        "Senator Mary Quill said in Ohio that she would back the bill.\n"
        "The White House is saying that the bill would raise costs for families."
    )
    assert results[1].speaker.name == "White House"


_LEAD_WITH_HE = (
    "A shopper is suing the supermarket chain over a fall in one of its stores.\n"
    "She says the company ignored repeated warnings about the wet floor.\n"
    "Edna Price filed the claim in the High Court in Leeds on Monday.\n"
    "Mrs Price is seeking damages for a broken hip."
)


def test_a_leading_she_before_anyone_is_named_is_the_person_named_next():
    results = _attributed(_LEAD_WITH_HE)
    assert results[1].speaker.name == "Edna Price"
    assert results[1].content == "the company ignored repeated warnings about the wet floor."


def test_a_leading_she_is_not_a_man_named_next():
    results = _attributed(_LEAD_WITH_HE.replace("Edna", "Edward").replace("Mrs", "Mr"))
    assert results[1].speaker is None


def test_a_leading_she_is_not_a_person_named_far_later():
    text = _LEAD_WITH_HE.replace(
        "Edna Price filed",
        "The chain denies fault.\nIt has 300 stores.\nIt opened in 1950.\nEdna Price filed",
    )
    assert _attributed(text)[1].speaker is None


def test_a_judgement_in_the_passive_belongs_to_whoever_made_it():
    result = _attributed(
        'The new stadium was described as "a monument to waste" by the council leader.'
    )[0]
    assert result.speaker.name == "council leader"
    assert result.stance == "described"


def test_a_passive_judgement_with_no_words_quoted_is_the_story_s_own():
    assert _speakers("The goalkeeper was criticised by the club for missing training.") == [None]


def test_research_showing_something_is_the_finding_of_who_published_it():
    result = _attributed(
        "Separately, Hollis & Pike published research showing that rents in the city rose "
        "by 9% last year."
    )[0]
    assert result.speaker.name == "Hollis & Pike"
    assert result.content == "rents in the city rose by 9% last year."


def test_ruling_something_out_is_the_speaker_s_and_keeps_its_frame():
    result = _attributed("The chancellor ruled out a rise in fuel duty before the election.")[0]
    assert result.speaker.name == "chancellor"
    assert result.stance == "ruled out"
    assert result.content == result.sentence.text


def test_an_injury_ruling_a_player_out_is_no_saying():
    assert _speakers("A knee injury has ruled out the captain for six weeks.") == [None]


def test_an_outlet_s_person_after_an_inverted_cue_is_the_speaker_with_the_outlet():
    result = _attributed(
        '"Nobody expected prices to fall this quickly," said Halden Bank\'s Mira Costa.'
    )[0]
    assert result.speaker.name == "Mira Costa"
    assert result.speaker.description == "Halden Bank's"


def test_a_possessive_before_a_lower_case_noun_after_a_cue_is_no_speaker():
    assert _speakers("The minister confirmed the council's right to set the rates.")[0] != (
        "council"
    )


def test_a_question_asked_after_a_quote_has_its_speaker():
    results = _attributed(
        "Karen Lane, the head teacher, said the school would reopen on Monday.\n"
        '"So why did nobody tell the families what was going on?" she asked.'
    )
    assert results[1].speaker.name == "Karen Lane"


def test_a_statement_that_read_words_speaks_them():
    result = _attributed(
        '"The company regrets the delay and will refund every customer," the statement read.'
    )[0]
    assert result.speaker.name == "statement"
    assert result.is_quote


def test_a_candidate_named_by_role_is_a_speaker():
    assert _speakers("The Green candidate said the bypass would never be built.")[0] is not None


def test_a_quote_that_a_stance_cue_takes_as_its_object_keeps_the_frame():
    result = _attributed(
        'Opposition leader Rhys Owen labelled the bypass scheme "a monument to wasted money".'
    )[0]
    assert result.speaker.name == "Rhys Owen"
    assert result.stance == "labelled"
    assert not result.is_quote
    assert result.content == result.sentence.text


@pytest.mark.parametrize(
    "text",
    [
        '"We never took a single penny from the fund," the treasurer denied.',
        'The treasurer denied it, adding: "We never took a single penny from the fund."',
    ],
)
def test_a_quote_after_a_stance_cue_or_beside_a_saying_is_still_the_speaker_s_words(text):
    result = _attributed(text)[0]
    assert result.is_quote
    assert "single penny" in result.content
