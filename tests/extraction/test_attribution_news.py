"""Attribution patterns of news prose, one test per kind of pattern (no database)."""

import pytest

from tests.extraction.attributing import attributed as _attributed
from tests.extraction.attributing import speakers as _speakers


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


def test_a_possessive_role_before_an_appositive_name_is_the_description():
    result = _attributed(
        '"You want to be sure you can validate yourself," Authenti-corp\'s CEO, '
        "Cynthia Musselman, told the BBC."
    )[0]
    assert result.speaker.name == "Cynthia Musselman"
    assert result.speaker.description == "Authenti-corp's CEO"


def test_a_person_named_with_where_they_are_from_is_still_he_afterwards():
    speakers = _speakers(
        "Nicolas Sarkozy of France said the ministers were unanimous in their worry.\n"
        '"We are concerned about these developments," he said.'
    )
    assert speakers == ["Nicolas Sarkozy", "Nicolas Sarkozy"]


@pytest.mark.parametrize(
    "text",
    [
        "Although malfunctions remain the main cause, data recovery experts say human error "
        "is to blame in many cases.",
        "As well as filing lawsuits, the MPAA said it had sent take-down notices to operators.",
    ],
)
def test_a_subordinate_clause_before_the_speaker_leaves_the_main_clause_to_the_speaker(text):
    result = _attributed(text)[0]
    assert result.speaker is not None
    assert result.content.startswith(("human error", "it had sent"))


def test_a_lead_in_clause_before_a_closing_speaker_is_the_content():
    result = _attributed("As a woman, Ms. Malik likely raised less suspicion, Mr. Verdery said.")[0]
    assert result.speaker.name == "Verdery"
    assert result.content == "As a woman, Ms. Malik likely raised less suspicion"


def test_a_person_role_after_the_names_the_last_person():
    speakers = _speakers(
        "Arsenal's Sol Campbell has called the rivalry with United bitter.\n"
        '"It is just more bitter and personal against United," the defender told a newspaper.'
    )
    assert speakers[1] == "Sol Campbell"


def test_an_institution_role_does_not_name_the_last_person():
    speakers = _speakers(
        "Texas Sen. Ted Cruz spoke in Iowa on Monday.\n"
        "The campaign says the average donation amount was $27."
    )
    assert speakers[1] != "Ted Cruz"


def test_a_title_case_headline_introduces_no_one():
    speakers = _speakers(
        "Hillary Clinton Says Trump Is Unfit For Office\n"
        '"He is fun, he is an interesting guy," the host said.'
    )
    assert speakers[1] != "Hillary Clinton Says Trump"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Jorge Ramos lamented that the danger came from anti-establishment anger.", "lamented"),
        ("Other experts cautioned that the union vote would not shift much.", "cautioned"),
        ("Mr. Trump vows that Mexico will pay for the wall.", "vows"),
    ],
)
def test_cues_learned_from_polnear_train_attribute_and_keep_their_frame(text, cue):
    result = _attributed(text)[0]
    assert result.speaker is not None
    assert result.stance == cue
    assert result.content == text


def test_told_a_recipient_then_a_clause_without_that_is_reported_speech():
    result = _attributed(
        "Calabrese told the National Post he has already received hundreds of emails."
    )[0]
    assert result.speaker.name == "Calabrese"
    assert result.content == "he has already received hundreds of emails."


def test_told_with_an_object_and_no_clause_is_a_deed():
    assert _speakers("The minister told counterparts of the decision on Monday.") == [None]


@pytest.mark.parametrize(
    "text",
    [
        "Greg Rusedski has criticised the governing body of tennis for not releasing supplements.",
        "Clinton praised Smegielski for translating grief into action.",
    ],
)
def test_a_judgement_verb_with_a_plain_object_is_an_act_in_the_story_s_voice(text):
    assert _speakers(text) == [None]


def test_a_judgement_verb_with_a_that_clause_is_still_attributed():
    assert _speakers("Greg Rusedski criticised that the supplements came too late.") == [
        "Greg Rusedski"
    ]


def test_saying_inside_a_relative_clause_leaves_the_main_clause_in_the_story_s_voice():
    text = "Jay-Z, who said he would make no more music, will become the company's president."
    result = _attributed(text)[0]
    assert result.content == "he would make no more music"
    assert result.aside == "Jay-Z will become the company's president."


def test_a_second_verb_of_the_subject_with_a_clause_is_attributed_to_the_subject():
    result = _attributed(
        "The BPI welcomed the news of the sentence, but warned there are plenty of other "
        "counterfeiters."
    )[0]
    assert result.speaker.name == "BPI"
    assert result.content == "there are plenty of other counterfeiters."


def test_a_second_verb_of_the_subject_with_an_object_is_not_attributed():
    text = "The commission took the pair to court, and confirmed the EC's right to act."
    assert _speakers(text) == [None]


def test_a_participle_with_an_object_is_not_a_saying():
    text = "Turkey has signed a letter of intent stating its determination to push reforms."
    assert _speakers(text) == [None]


def test_every_sentence_of_a_running_quote_has_its_speaker_even_a_short_one():
    speakers = _speakers(
        "Asked about the charge, Tony Blair replied: \"The idea is wrong. It's untrue. "
        'I would never attack him on that basis."'
    )
    assert speakers == ["Tony Blair"] * 3


def test_a_bare_quote_in_the_next_paragraph_carries_the_speaker_over():
    speakers = _speakers(
        '"We will appeal the ruling," said Jane Doe, the company\'s lawyer.\n'
        '"The court made a serious mistake in its reading of the contract."'
    )
    assert speakers == ["Jane Doe", "Jane Doe"]


def test_a_narrative_sentence_between_two_quotes_breaks_the_carry_over():
    speakers = _speakers(
        '"We will appeal the ruling," said Jane Doe, the company\'s lawyer.\n'
        "The judge fined the company £2m on Friday.\n"
        '"The court made a serious mistake in its reading of the contract."'
    )
    assert speakers[2] is None


def test_another_speaker_in_between_takes_the_following_quote():
    speakers = _speakers(
        '"We will appeal the ruling," said Jane Doe, the company\'s lawyer.\n'
        '"There are no grounds for an appeal," said Tom Smith, for the claimants.\n'
        '"The company knew the risks and went ahead all the same."'
    )
    assert speakers == ["Jane Doe", "Tom Smith", "Tom Smith"]


def test_a_speaker_named_at_the_end_of_a_quote_reaches_back_to_its_first_sentence():
    speakers = _speakers(
        '"It really hurts to look at that medal. I lost because of the things I did," '
        "said Maurice Greene."
    )
    assert speakers == ["Maurice Greene", "Maurice Greene"]


def test_a_speaker_after_a_closed_quote_does_not_reach_back_into_it():
    speakers = _speakers(
        "The minister spoke for an hour.\n"
        '"It was the best budget in a decade. Nobody will pay more tax next year."\n'
        "Mr Brown also said the deficit would fall next year."
    )
    assert speakers == [None, None, None, "Brown"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The film industry says the black market costs it billions every year.", "film industry"),
        ("The company said it had suspended 125,000 accounts since 2015.", "company"),
    ],
)
def test_the_and_a_common_noun_before_a_verb_of_saying_is_the_speaker(text, speaker):
    assert _speakers(text) == [speaker]


def test_a_common_noun_before_a_deed_is_not_a_speaker():
    assert _speakers("The company announced its results on Friday morning.") == [None]


def test_a_saying_in_a_time_clause_is_the_claim():
    result = _attributed(
        "The comments come a day after US Treasury Secretary John Snow said a strong dollar "
        "was in America's interest."
    )[0]
    assert result.speaker.name == "John Snow"
    assert result.content == "a strong dollar was in America's interest."


def test_an_announcement_in_a_time_clause_is_not_the_claim():
    text = (
        "As Mr Brown announced the Budget date in a statement, accountancy firm Ernst & Young "
        "urged him to focus on the economy."
    )
    assert _speakers(text) != ["Brown"]


def test_naming_verbs_attribute_the_quoted_words():
    text = 'Arsenal\'s Sol Campbell has called the rivalry with United "bitter and personal".'
    assert _speakers(text) == ["Sol Campbell"]


def test_naming_verbs_without_a_quote_name_no_speaker():
    assert _speakers("A man called John Smith was arrested in Leeds on Friday.") == [None]


@pytest.mark.parametrize(
    ("text", "party"),
    [
        (
            "The Tories say people who pay for three years of care should get free care.",
            "Conservatives",
        ),
        (
            "The Lib Dems say they would fund free personal care by a new tax rate.",
            "Liberal Democrats",
        ),
    ],
)
def test_party_nicknames_become_the_party_s_name(text, party):
    assert _speakers(text) == [party]


def test_naming_verbs_with_a_quoted_name_are_not_a_saying():
    text = 'Officials dubbed the drills "Indestructible Brotherhood" in a press release.'
    assert _speakers(text) == [None]


def test_a_colon_introducer_ending_its_paragraph_gives_the_next_paragraph_its_speaker():
    speakers = _speakers(
        "Ted Cruz spoke after the debate.\n"
        "Cruz continued:\n"
        "The questions asked in this debate show why voters do not trust the media. "
        "Nobody asked about jobs.\n"
        "The debate ended at 10pm."
    )
    assert speakers == [None, None, "Ted Cruz", "Ted Cruz", None]


def test_a_colon_introducer_inside_a_paragraph_covers_the_rest_of_it_only():
    speakers = _speakers(
        "Tom Ridge, a former secretary of homeland security, put it this way: "
        "The agency has never been better funded.\n"
        "The agency's budget rose by 4% last year."
    )
    assert speakers[-1] is None


def test_a_third_person_report_after_a_quote_left_open_is_not_part_of_the_quote():
    speakers = _speakers(
        'Ahmed Hossam said: "I came from England to rejoin the team. "I will never overreact '
        "when the press is against me. Meanwhile, Egypt FA spokesman Methat Shalaby said no one "
        "had put pressure on Hossam to apologise."
    )
    assert speakers[-1] == "Methat Shalaby"


def test_a_quoted_nickname_is_part_of_an_introduced_person_s_name():
    speakers = _speakers(
        "Ahmed 'Mido' Hossam has made another apology to the Egyptian people.\n"
        "The 21-year-old told a news conference in Cairo on Sunday that he is sorry.\n"
        "Mido was dropped in July."
    )
    assert speakers[1] == "Ahmed 'Mido' Hossam"


def test_told_whom_and_where_then_that_keeps_only_what_was_said():
    result = _attributed(
        "Jane Doe told a news conference in Cairo on Sunday that she is sorry for the delay."
    )[0]
    assert result.content == "she is sorry for the delay."


def test_a_parenthetical_x_said_inside_the_claim_gives_the_speaker_and_the_whole_claim():
    result = _attributed(
        "Joe Smith spoke for the union.\n"
        "The officials were talking up the dollar, Mr Smith said, but failing to act."
    )[1]
    assert result.speaker.name == "Joe Smith"
    assert result.content == "The officials were talking up the dollar but failing to act."


def test_an_inverted_parenthetical_said_x_inside_the_claim_gives_the_speaker():
    result = _attributed(
        "The ministers' comments, said Junya Tanase of JPMorgan Chase bank in Tokyo, were "
        '"generally too weak to produce a market reaction".'
    )[0]
    assert result.speaker.name == "Junya Tanase"
    assert result.content.startswith("The ministers' comments were")


def test_a_name_before_a_dashed_appositive_is_the_speaker():
    result = _attributed(
        "EADS - Airbus' majority owner - admitted earlier this week that the project was "
        "running 1.45bn euros over budget."
    )[0]
    assert result.speaker.name == "EADS"
    assert result.content == "the project was running 1.45bn euros over budget."


def test_an_acronym_is_not_expanded_into_a_longer_run_that_starts_with_it():
    speakers = _speakers(
        "EADS Philippe Camus will leave the group.\n"
        "EADS - Airbus' majority owner - admitted that the project was over budget."
    )
    assert speakers[1] == "EADS"


def test_an_acronym_is_expanded_to_the_name_it_abbreviates():
    speakers = _speakers(
        "The European Commission met on Tuesday.\n"
        "The EC said that the two countries were on track to cut their deficits."
    )
    assert speakers[1] == "European Commission"


def test_the_end_of_a_running_quote_is_a_quote_however_short():
    speakers = _speakers('"You have to watch the numbers every week. Be careful," Trump said.')
    assert speakers == ["Trump", "Trump"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Of 45 members put forward, she appointed three, according to Mr. Sanders's campaign.",
            "Sanders",
        ),
        (
            "There are four offices that track the records, according to the State Department:",
            "State Department",
        ),
        (
            "The party will propose spending $2bn a year on research, according to a campaign "
            "official who was not authorised to speak publicly.",
            "campaign official",
        ),
    ],
)
def test_according_to_at_the_end_takes_abbreviations_colons_and_relative_clauses(text, speaker):
    result = _speakers(text)[0]
    assert result is not None and speaker.split()[-1] in result


@pytest.mark.parametrize(
    "text",
    [
        "Paul Ryan: FBI decision not to indict Hillary Clinton defies explanation.",
        'Rep. Trey Gowdy (R-S.C.): "I have not heard anyone other than you cite that figure."',
    ],
)
def test_a_name_and_a_colon_introduce_what_the_person_said(text):
    assert _speakers(text)[0] in {"Paul Ryan", "Trey Gowdy"}


@pytest.mark.parametrize(
    "text",
    [
        "Q: Did the immigration service take care of you when you arrived?",
        "Breaking News: the polls have closed in all eastern states tonight.",
        "Report: Walker to speak at the Republican National Convention.",
    ],
)
def test_labels_before_a_colon_are_not_speakers(text):
    assert _speakers(text) == [None]


@pytest.mark.parametrize(
    ("text", "aside"),
    [
        (
            "Labour has since taken the designs off its website, saying members had preferred "
            "other designs.",
            "Labour has since taken the designs off its website.",
        ),
        (
            "Berlin welcomed the decision, with finance minister Hans Eichel saying it showed "
            "the deficit would fall.",
            "Berlin welcomed the decision.",
        ),
        (
            "Although computer malfunctions remain the most common cause of file loss, data "
            "recovery experts say human error is to blame in many cases.",
            "Computer malfunctions remain the most common cause of file loss.",
        ),
        (
            '"I lost because of the things I did," said Maurice Greene, who races in '
            "Birmingham on Friday.",
            "Maurice Greene races in Birmingham on Friday.",
        ),
    ],
)
def test_what_an_attributed_sentence_states_in_its_own_voice_is_kept_apart(text, aside):
    result = _attributed(text)[0]
    assert result.speaker is not None
    assert result.aside == aside


@pytest.mark.parametrize(
    "text",
    [
        '"We will appeal," said Jane Doe, the company\'s lawyer.',
        "Barry Fitzpatrick added that the firm would consult staff, saying the plan was fair.",
        "Pinpointing several areas of difficulty in the work, the report said relations were poor.",
    ],
)
def test_no_own_voice_part_is_made_up_where_the_frame_holds_none(text):
    assert _attributed(text)[0].aside is None


def test_a_name_with_several_short_appositives_before_the_cue_is_the_speaker():
    result = _attributed(
        "Marley Anderson, 21, a junior from Las Vegas, said she turned out at her first "
        "caucus to support Bernie Sanders."
    )[0]
    assert result.speaker.name == "Marley Anderson"
    assert result.speaker.description == "21, a junior from Las Vegas"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"The fight is heating up," said Robert S. Ford, a former ambassador.', "Robert S. Ford"),
        ('"Twitter has ramped up its response," said J.M. Berger, a fellow.', "J.M. Berger"),
    ],
)
def test_initials_do_not_cut_a_name_after_the_cue(text, speaker):
    assert _speakers(text) == [speaker]


def test_think_tank_is_not_a_cue():
    speakers = _speakers(
        "Matt Bennett, a founder of the center-left think tank Third Way, said Mrs. Clinton "
        "had avoided tacking too far left."
    )
    assert speakers == ["Matt Bennett"]


def test_a_progressive_verb_of_saying_takes_its_own_subject():
    text = "Anti-spam group Spamhaus is warning that a novel virus hides the origins of junk mail."
    assert _speakers(text) == ["Spamhaus"]


def test_a_cue_word_used_as_a_noun_gives_no_clause_fragment_as_a_speaker():
    text = (
        "The prime minister shrugged off claims from Conservative leader Michael Howard that "
        "he led a grubby government."
    )
    assert _speakers(text) == [None]


def test_only_verbs_of_saying_put_their_speaker_after_them():
    text = (
        "The Open Society Institute (OSI), financed by George Soros, has accused Kazakhstan "
        "officials of trying to close it."
    )
    assert "Kazakhstan officials of" not in _speakers(text)


def test_the_nationality_of_the_last_person_named_is_that_person():
    speakers = _speakers(
        "Andy Roddick lost in four sets. Roddick was tired.\n"
        '"He played much better than me," said the American.'
    )
    assert speakers[-1] == "Andy Roddick"


def test_she_is_not_resolved_to_a_man_named_with_mr():
    speakers = _speakers(
        'Mr Alan Johnson said the plan was sound.\n"I do not receive any letters," she said.'
    )
    assert speakers == ["Alan Johnson", None]


def test_he_skips_back_over_a_woman_to_the_last_man_named():
    speakers = _speakers(
        "Mr Alan Johnson said the plan was sound.\n"
        "Ms Jane Roe said the plan was flawed.\n"
        '"We will review the figures next month," he said.'
    )
    assert speakers == ["Alan Johnson", "Jane Roe", "Alan Johnson"]


def test_a_participle_or_a_possessive_opening_a_sentence_is_not_an_organisation():
    speakers = _speakers(
        "Reflecting the trend, sales fell.\n"
        "It said the recent surge in oil prices would have a limited effect."
    )
    assert speakers[-1] != "Reflecting"


@pytest.mark.parametrize(
    ("text", "name", "description"),
    [
        ("A spokesman for Apple said the company would appeal the ruling.", "Apple", "spokesman"),
        ('"We will appeal the ruling in court," an Apple spokesman said.', "Apple", "spokesman"),
        (
            "The US Geological Survey (USGS) said the earthquake had a magnitude of 6.2.",
            "US Geological Survey",
            None,
        ),
        ("Interfax quoted the minister as saying that troops would stay.", "minister", None),
        ("The minister was quoted as saying that troops would stay until March.", "minister", None),
        (
            'Mr Peskov riposted: "The sanctions have no effect on the Russian economy."',
            "Peskov",
            "Mr",
        ),
        (
            "The company lost $2bn last year, according to the Washington Post.",
            "Washington Post",
            None,
        ),
        (
            "The driver was travelling at 90mph, according to a police report.",
            "police report",
            None,
        ),
        (
            "In a statement, the ministry said exports had fallen by 12% this year.",
            "ministry",
            None,
        ),
    ],
)
def test_the_issue_s_attribution_patterns(text, name, description):
    speaker = _attributed(text)[0].speaker
    assert speaker is not None
    assert speaker.name == name
    assert speaker.description == description


@pytest.mark.parametrize(
    "text",
    [
        "However, backbench Labour MP Karen Buck warned against proposed changes in benefits.",
        "The opposition leader argued with the speaker over the timetable for the vote.",
        "Adams wrote the screenplay based on his book before his premature death.",
    ],
)
def test_a_cue_whose_object_is_a_topic_or_a_written_work_reports_no_words(text):
    assert _speakers(text) == [None]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Police said about 200 people had been arrested in the city.", "Police"),
        ("Smith wrote that the company had lost 5 million pounds in 2004.", "Smith"),
        ("The plan was dropped in June after allies intervened, writes Mr Peston.", "Peston"),
        ('Ms Buck warned against the changes: "They will cut 2,000 jobs."', "Buck"),
    ],
)
def test_a_cue_followed_by_what_was_said_keeps_its_speaker(text, speaker):
    assert speaker in (_speakers(text)[0] or "")
