"""Attribution patterns of news prose found on the news dev set's claimant errors (issue 13),
one test per kind of pattern (no database)."""

from tests.extraction.attributing import attributed as _attributed
from tests.extraction.attributing import speakers as _speakers


def test_a_day_or_an_adverb_between_the_speaker_and_the_cue_keeps_the_speaker():
    assert _speakers("The Times on Saturday wrote that the minister had resigned.") == ["Times"]
    assert _speakers("Turkcell now says it may give up on the deal altogether.") == ["Turkcell"]


def test_a_pronoun_after_a_discourse_opener_speaks_through_a_participle():
    speakers = _speakers(
        "Singer Bruce Springsteen inducted the band into the hall of fame.\n"
        "But he also spoke of the group's stature, adding that it was the only band whose "
        "members he knew by name."
    )
    assert speakers[1] == "Bruce Springsteen"


def test_a_clause_then_and_then_a_speaker_gives_the_speaker_and_the_clause_as_an_aside():
    result = _attributed(
        "There are 1.7m people needing care in England and ministers suggest the number "
        "could quadruple by 2050."
    )[0]
    assert result.speaker.name == "ministers"
    assert result.content == "the number could quadruple by 2050."
    assert result.aside == "There are 1.7m people needing care in England."


def test_a_coordinated_subject_is_not_a_clause_of_its_own():
    result = _attributed(
        "Research by technology firms Earthlink and Webroot revealed that 90% of machines "
        "carry spyware."
    )[0]
    assert result.aside is None


def test_a_price_move_after_and_is_not_a_saying():
    text = "SMFG shares climbed by 2.7% to 717,000, and Daiwa added 5.3% to 740 yen."
    assert _speakers(text) == [None]


def test_a_possessive_place_is_not_an_organisation_speaking():
    speakers = _speakers(
        "Experts studying the seas off Scotland's west coast have already forecast more storms."
    )
    assert speakers[0] != "Scotland"


def test_a_pledge_not_to_do_something_is_a_deed_not_a_statement():
    speakers = _speakers(
        "Chris Rock will host the ceremony.\n"
        "The 40-year-old comic has already promised not to swear live on air during the show."
    )
    assert speakers[1] is None


def test_a_work_speaks_for_the_author_the_article_gave_it():
    speakers = _speakers(
        "MPs discussed claims made in journalist Robert Peston's new book.\n"
        "The new book claims the prime minister promised to stand down before the election."
    )
    assert speakers[1] == "Robert Peston"


def test_a_lawsuit_speaks_for_whoever_filed_it():
    speakers = _speakers(
        "Thomas Slattery filed the suit in the US District Court in San Jose.\n"
        '"Apple has turned an open standard into an artifice that prevents choice," the '
        "lawsuit states."
    )
    assert speakers[1] == "Thomas Slattery"


def test_a_one_word_name_followed_by_he_is_a_person_for_a_later_he_said():
    speakers = _speakers(
        "Rap star Jay-Z is to run Def Jam.\n"
        "Jay-Z will continue to run Roc-A-Fella, which he founded in 1995.\n"
        'Antonio "LA" Reid, chairman of the group, said: "He is the most credible person."\n'
        'Jay-Z said: "I have inherited two of the most important brands in hip-hop."\n'
        "He said he would retire after The Black Album."
    )
    assert speakers[4] == "Jay-Z"


def test_a_closing_frame_names_who_says_the_whole_sentence():
    speakers = _speakers(
        "Homeowners now expect house prices to rise by 1% over the next six months, "
        "Mr Bannister said."
    )
    assert speakers == ["Bannister"]


def test_a_phrase_with_said_inside_is_never_a_speaker():
    result = _attributed(
        "But Tory co-chairman Liam Fox said Labour's plans showed Mr Blair was "
        '"terrified of facing proper scrutiny".'
    )[0]
    assert result.speaker is not None and "said" not in result.speaker.name


def test_the_judge_is_not_the_last_person_named():
    speakers = _speakers(
        "Jayanti Buhecha said he was sorry for selling pirated films.\n"
        "The judge said that a heavy penalty was called for because of the damage done."
    )
    assert speakers[0] == "Jayanti Buhecha"
    assert speakers[1] != "Jayanti Buhecha"


def test_the_state_department_is_not_the_last_person_named():
    speakers = _speakers(
        "Colin Powell said he used a private account.\n"
        "The State Department has said 2,093 of the released emails were redacted."
    )
    assert speakers[0] == "Colin Powell"
    assert speakers[1] != "Colin Powell"


def test_what_a_relative_clause_says_someone_said_is_theirs_and_the_rest_is_the_story():
    result = _attributed(
        "Jay-Z, who said he would make no more music after 2003's The Black Album, will "
        "become the company's president from January."
    )[0]
    assert result.speaker.name == "Jay-Z"
    assert result.content == "he would make no more music after 2003's The Black Album"
    assert result.aside == "Jay-Z will become the company's president from January."


def test_a_second_predicate_without_a_subject_goes_with_the_speaker_not_the_words():
    result = _attributed(
        "Rap star Jay-Z is to run Def Jam.\n"
        "Jay-Z will continue to run Roc-A-Fella, which he founded in 1995.\n"
        'Jay-Z said: "I have inherited two of the most important brands in hip-hop."\n'
        "He said he would retire after The Black Album, but has just released an album."
    )[3]
    assert result.speaker.name == "Jay-Z"
    assert result.content == "he would retire after The Black Album"
    assert result.aside == "Jay-Z has just released an album."


def test_a_relative_clause_on_the_speaker_before_the_cue_is_the_story_s_own_fact():
    result = _attributed(
        "And Greg Rusedski, who takes on Roger Federer at the Qatar Open on Wednesday, conceded "
        "that the changes will be beneficial."
    )[0]
    assert result.speaker.name == "Greg Rusedski"
    assert result.aside == "Greg Rusedski takes on Roger Federer at the Qatar Open on Wednesday."


def test_a_relative_clause_about_two_people_is_not_given_to_one():
    result = _attributed(
        "Irishmen JP McManus and John Magnier, who own a 29% stake in the club, said they "
        "would reject any offer."
    )[0]
    assert result.aside is None


def test_a_description_between_dashes_is_the_story_s_own_fact():
    result = _attributed(
        "EADS - Airbus' majority owner - admitted earlier this week that the project was over "
        "budget."
    )[0]
    assert result.speaker.name == "EADS"
    assert result.aside == "EADS is Airbus' majority owner."
    other = _attributed(
        "DJ Norman Cook - aka Fatboy Slim - has said that dance music is not dead."
    )[0]
    assert other.aside is None


def test_the_speaker_named_by_age_gives_the_age_as_the_story_s_own_fact():
    result = _attributed(
        "Arsenal defender Sol Campbell said the team was tired.\n"
        '"It had a psychological impact on us," added the 30-year-old.'
    )[1]
    assert result.speaker.name == "Sol Campbell"
    assert result.aside == "Sol Campbell is 30 years old."


def test_a_relative_clause_on_the_speaker_s_organisation_is_the_story_s_own_fact():
    result = _attributed(
        '"We started with infra-red because there are many phones out there," said Rachel '
        "Harker, spokeswoman for Hypertag which makes the technology fitted to the posters."
    )[0]
    assert result.speaker.name == "Rachel Harker"
    assert result.aside == "Hypertag makes the technology fitted to the posters."


def test_a_role_is_stated_of_a_person_only_where_the_article_puts_it_beside_the_name():
    results = _attributed(
        "Amnesty secretary-general Irene Khan said rights were flouted.\n"
        "The Amnesty secretary-general said the gap was fuelling scepticism.\n"
        "Party chairman David Smith said the vote was close.\n"
        "The Lib Dem leader said the plan was a mistake."
    )
    assert results[1].aside == "Irene Khan is the Amnesty secretary-general."
    assert results[3].aside is None


def test_they_said_after_a_group_spoke_is_that_group():
    speakers = _speakers(
        "European leaders have openly blamed the US for the rise of the euro.\n"
        "US officials were talking up the dollar, they said, but failing to act."
    )
    assert speakers == ["European leaders", "European leaders"]


def test_a_capital_that_only_opens_sentences_is_not_who_it_said_means():
    speakers = _speakers(
        "The report was published by the Internet Society on Monday.\n"
        "Technology firms have cut prices this year.\n"
        "It found that more than half of users logged on before breakfast."
    )
    assert speakers[2] != "Technology"


def test_a_role_before_a_relative_clause_about_the_case_is_the_speaker():
    speakers = _speakers(
        "The judge in the case, which lasted seven days, said that a heavy penalty was called for."
    )
    assert speakers == ["judge"]


def test_a_relative_clause_on_the_speaker_s_case_is_the_story_s_own_fact():
    result = _attributed(
        "The judge in the case, which lasted seven days, said that a heavy penalty was called for."
    )[0]
    assert result.aside == "The case lasted seven days."


def test_which_it_says_gives_the_subject_the_relative_clause_and_the_story_the_rest():
    result = _attributed(
        "The rivals use the MP3 format while Apple uses AAC, which it says helps thwart piracy."
    )[0]
    assert result.speaker.name == "Apple"
    assert result.content == "AAC helps thwart piracy."
    assert result.aside == "The rivals use the MP3 format while Apple uses AAC."


def test_who_it_says_without_a_comma_hangs_on_the_noun_after_a_preposition():
    result = _attributed(
        "Hollywood studios are clamping down on file-sharers who it says infringe copyright laws."
    )[0]
    assert result.speaker.name == "Hollywood studios"
    assert result.content == "File-sharers infringe copyright laws."


def test_who_he_claims_without_a_comma_after_a_plain_noun_is_left_alone():
    result = _attributed(
        "Gregory Ioannidis has submitted new evidence to a Greek athletics tribunal which he "
        "claims proves the champion has no case to answer."
    )[0]
    assert result.speaker is None


def test_a_number_and_a_noun_is_no_speaker():
    speakers = _speakers(
        "Manufacturers' sales growth fell back slightly in the quarter, the survey of 5,196 "
        "firms found."
    )
    assert speakers[0] != "196 firms"


def test_warning_about_something_is_a_topic_but_said_about_a_number_is_a_hedge():
    assert _speakers("Anti-spam group Spamhaus is warning about a novel virus.") == [None]
    speakers = _speakers("The budget office said about half of the gap reflected tax cuts.")
    assert speakers[0] is not None
