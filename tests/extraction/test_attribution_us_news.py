"""Attribution patterns of US news prose found on the claimant errors of a second annotated set
(seven US publishers, issue 13), one test per kind of pattern, on invented sentences (no
database)."""

from claims.extraction.attribution import Speaker, split_title
from tests.extraction.attributing import attributed as _attributed
from tests.extraction.attributing import speakers as _speakers


def test_transcript_labels_name_the_speaker_of_their_paragraph():
    speakers = _speakers(
        "Senator Ann Voss took questions from the host, Tom Barker, on Sunday.\n"
        "Excerpts as follows:\n"
        '"BARKER: Senator, you said in March that the tunnel would open this year. Did it?\n'
        '"VOSS: The tunnel opened two weeks early. We finished under budget too."'
    )
    assert speakers[2:] == ["Tom Barker", "Tom Barker", "Ann Voss", "Ann Voss"]


def test_a_transcript_label_that_names_no_one_gives_no_speaker():
    speakers = _speakers(
        '"HOST: Mayor, the fares went up twice this year.\n'
        '"AUDIO: The fares will never rise while I am mayor.\n'
        '"MAYOR: We held them for four years before that."'
    )
    assert speakers[1] is None


def test_one_capitalised_label_is_a_dateline_not_a_transcript():
    assert _speakers("WASHINGTON: The Senate passed the budget bill late on Friday night.") == [
        None
    ]


def test_a_passage_introduced_as_a_transcript_has_no_speaker_in_the_introduction():
    speakers = _speakers(
        "Full transcript below:\n"
        '"Everyone in this valley knows the dam has been leaking for a decade."'
    )
    assert speakers == [None, None]


def test_an_inverted_cue_before_a_colon_gives_the_name_after_the_verb():
    speakers = _speakers(
        "Rita Ames, a city councillor, spoke to the paper on Tuesday.\n"
        "Continued Ames:\n"
        "“The depot will close in May and forty drivers will lose their jobs.”\n"
        "Added Ames: “Nobody at the depot was told before the vote.”"
    )
    assert speakers[2:] == ["Rita Ames", "Rita Ames"]


def test_a_record_of_the_words_is_not_the_one_who_said_them():
    speakers = _speakers(
        "Mayor Dana Ortiz spoke at the opening.\n"
        '"This is our biggest project in decades," Ortiz said, according to a recording of '
        "the meeting."
    )
    assert speakers[1] == "Dana Ortiz"


def test_a_comma_inside_the_closing_quote_still_ends_the_content_before_the_frame():
    result = _attributed(
        "Commissioner Paul Jensen inspected the bridge on Monday.\n"
        'The bridge was closed "out of caution," Jensen said.'
    )[1]
    assert result.speaker.name == "Paul Jensen"
    assert result.content == 'The bridge was closed "out of caution"'


def test_wrote_in_a_closing_frame_reports_what_was_written():
    speakers = _speakers(
        "Commissioner Paul Jensen inspected the bridges on Monday.\n"
        "Three bridges need urgent repairs, Jensen wrote.\n"
        "The old tunnel is safe for now, Jensen wrote Ortiz.\n"
        "After leaving the council in 2004, Jensen wrote a memoir."
    )
    assert speakers[1:] == ["Paul Jensen", "Paul Jensen", None]


def test_a_long_appositive_and_a_long_addressee_keep_the_speaker():
    result = _attributed(
        "Two bridges near the port have been closed for repairs, Paul R. Jensen, the deputy "
        "commissioner for transport, wrote in a memo to Port Authority Director Kim Lee."
    )[0]
    assert result.speaker.name == "Paul R. Jensen"
    assert result.content == "Two bridges near the port have been closed for repairs"


def test_a_quote_resumed_after_a_lone_ellipsis_keeps_its_speaker():
    speakers = _speakers(
        "Stated Marsh:\n"
        "“The count in the third ward was wrong by four hundred votes.”\n"
        "“… The recount found the same error in two other wards.”"
    )
    assert speakers[1] == "Marsh"
    assert speakers[3] == "Marsh"


def test_a_cited_poll_speaks_again_as_the_poll():
    speakers = _speakers(
        "Turnout fell to a record low, according to a Boston Globe/WBUR survey released on "
        "Monday.\n"
        "Most voters back the levy, the poll found."
    )
    assert speakers == ["Boston Globe/WBUR survey", "Boston Globe/WBUR survey"]


def test_a_cited_report_from_a_body_speaks_as_that_body():
    speakers = _speakers(
        "The agency mishandled dozens of requests, according to a report from the city "
        "controller to be released Friday.\n"
        "The office rarely searched its own files, the report says."
    )
    assert speakers == ["city controller", "city controller"]


def test_a_work_released_by_someone_is_that_someones_word():
    speakers = _speakers(
        "Sales of vinyl rose by a fifth, according to a survey published on Tuesday by the "
        "Record Dealers Association.\n"
        "Women in the port earn less than men, according to a study released on Wednesday."
    )
    assert speakers == ["Record Dealers Association", "study"]


def test_a_name_inside_a_subordinate_clause_is_not_the_person_a_later_she_means():
    speakers = _speakers(
        "Senator Ann Voss sat down with the radio host Tom Barker on Thursday.\n"
        "When Barker asked about the tunnel, Voss laughed.\n"
        '"The tunnel opened two weeks early and under budget," she said.'
    )
    assert speakers[2] == "Ann Voss"


def test_a_full_name_after_but_is_remembered_without_the_but():
    speakers = _speakers(
        "The coach praised his defence.\n"
        "But Leon Okafor was critical of the referee after the match.\n"
        "Okafor had scored twice.\n"
        '"He gave them every decision in the second half," he said.'
    )
    assert speakers[3] == "Leon Okafor"


def test_a_campaign_role_before_a_name_is_its_title():
    speakers = _speakers(
        "Democratic presidential candidate Ann Voss said the tunnel would open early.\n"
        "At the county fair on Tuesday, Republican hopeful Tom Barker said the fares would "
        "rise."
    )
    assert speakers == ["Ann Voss", "Tom Barker"]


def test_a_frame_that_opens_a_quote_running_on_gives_its_speaker_to_every_sentence():
    speakers = _speakers(
        "Sen. Ann Voss spoke on Sunday.\n"
        "Voss continued, “Yes. For ten years the tunnel has been the county’s biggest project. "
        "It opened early.”"
    )
    assert speakers[1:] == ["Ann Voss", "Ann Voss", "Ann Voss"]


def test_a_bare_short_quote_opening_a_passage_is_not_the_previous_speakers():
    speakers = _speakers(
        "Firms echoed the warning, saying they needed more information.\n"
        '"It is bad. But it is understandable," said Al Breach, an economist at a bank.'
    )
    assert speakers[0] == "Firms"
    assert speakers[1] != "Firms"
    assert speakers[2] == "Al Breach"


def test_a_lead_in_ending_in_a_quoted_title_leaves_the_speaker_and_the_content():
    result = _attributed(
        "Monday on the radio show “Morning Drive,” Sen. Ann Voss said the mayor’s “judgment” "
        "was in question because of the tunnel deal."
    )[0]
    assert result.speaker.name == "Ann Voss"
    assert result.content.startswith("the mayor’s “judgment” was in question")


def test_a_possessive_before_its_noun_is_not_a_speaker():
    speakers = _speakers(
        "Editor’s note: The council has twice promised to fix the bridge.\n"
        "Norway's largest pension fund ended its meeting by announcing it would sell the bonds."
    )
    assert speakers == [None, None]


def test_a_possessive_name_that_speaks_for_itself_stays_the_speaker():
    speakers = _speakers(
        "Wendy's said sales rose by a fifth in the spring.\n"
        "Macy's notes that its stores reopened in May."
    )
    assert speakers == ["Wendy's", "Macy's"]


def test_stating_after_a_comma_frames_a_clause_without_that():
    result = _attributed(
        "Ann Voss addressed the complaints on Friday, stating county clerks and not the state "
        "are in charge of the count."
    )[0]
    assert result.speaker.name == "Ann Voss"
    assert result.content.startswith("county clerks and not the state are in charge")
    unframed = _attributed("The union signed a letter stating its aims for the year.")[0]
    assert unframed.speaker is None


def test_an_abbreviated_us_title_is_the_description_not_part_of_the_name():
    speakers = _attributed(
        "Gov. Ann Reyes said the toll would end in May.\nReyes added that the road was paid for."
    )
    assert [r.speaker.name for r in speakers] == ["Ann Reyes", "Ann Reyes"]
    assert speakers[0].speaker.description == "Gov"


def test_an_owner_and_a_lower_case_relation_before_a_name_keep_the_speaker():
    result = _attributed(
        "Fares will rise again next year, Ann Reyes’s longtime confidant Tom Barker stated."
    )[0]
    assert result.speaker.name == "Tom Barker"
    assert result.speaker.description == "Ann Reyes's longtime confidant"
    assert result.content == "Fares will rise again next year"


def test_a_dash_aside_after_a_closing_frame_leaves_the_content_before_the_frame():
    result = _attributed(
        "Water bills will double by 2030, the regional utility board said on Monday -- a blow "
        "to the council that promised to freeze them before the election."
    )[0]
    assert result.speaker.name == "regional utility board"
    assert result.content == "Water bills will double by 2030"


def test_a_public_office_named_by_its_function_speaks_in_a_closing_frame():
    result = _attributed("Road deaths fell by a tenth last year, the statistics bureau reported.")[
        0
    ]
    assert result.speaker.name == "statistics bureau"


def test_title_words_before_an_organisations_head_word_are_part_of_its_name():
    assert split_title("the State Department") == Speaker("State Department", None)
    assert split_title("the National Security Council") == Speaker(
        "National Security Council", None
    )
    assert split_title("the Federal Reserve") == Speaker("Federal Reserve", None)
    assert split_title("President Ann Reyes") == Speaker("Ann Reyes", "President")


def test_a_watchdog_or_critics_of_a_body_do_not_speak_for_it():
    speakers = _speakers(
        "The agency’s watchdog said the files were lost.\n"
        "The mayor's critics said the tunnel was too costly.\n"
        "The council's lawyers said the contract was void."
    )
    assert speakers == ["agency's watchdog", "mayor's critics", "council"]


def test_letters_signed_at_their_end_belong_to_their_signers():
    speakers = _speakers(
        "LETTERS.\n"
        "The mayor has a long record of failure. He is wrong.\n"
        "When the mayor talks, nobody listens.\n"
        "Ann Reyes.\n"
        "Springfield, Ill.\n"
        "The tunnel is a waste of money.\n"
        "Tom Barker.\n"
        "POSTS.\n"
        "We asked our readers what they thought of the tunnel.\n"
        "It is too slow.\n"
        "@bikes4all.\n"
        "The fares are too high.\n"
        "@joe_r."
    )
    assert speakers == [
        None,
        "Ann Reyes",
        "Ann Reyes",
        "Ann Reyes",
        None,
        None,
        "Tom Barker",
        None,
        None,
        None,
        "@bikes4all",
        None,
        "@joe_r",
        None,
    ]


def test_short_title_case_lines_that_head_prose_are_section_headings_not_signers():
    speakers = _speakers(
        "Public Health\n"
        "Clinics closed early this year.\n"
        "Road Safety\n"
        "Deaths on the roads fell by a tenth.\n"
        "Clean Water\n"
        "Two wells were dug in the valley."
    )
    assert speakers == [None] * 6


def test_a_cue_whose_object_is_the_speakers_own_thing_reports_no_words():
    speakers = _speakers(
        "Ann Reyes explained her reasoning in an interview on a Sunday show.\n"
        "Tom Barker admitted his guilt in court on Monday.\n"
        "Ann Reyes noted her company had grown by a third.\n"
        "Tom Barker signalled his intent to leave the club in May."
    )
    assert speakers == [None, None, "Ann Reyes", "Tom Barker"]


def test_wrote_inside_the_sentence_between_commas_frames_the_words_around_it():
    result = _attributed(
        "Despite the long delay, public defender Ann Reyes wrote, the bridge is safe to use."
    )[0]
    assert result.speaker.name == "Ann Reyes"
    assert result.content == "Despite the long delay the bridge is safe to use."
    assert _speakers("Ann Reyes wrote the screenplay in 2004.") == [None]


def test_a_community_of_experts_speaks_as_a_group():
    assert _speakers("The scientific community has concluded that the lake is warming.") == [
        "scientific community"
    ]


def test_a_frame_split_off_after_a_quoted_question_gives_the_question_its_speaker():
    speakers = _speakers(
        "“Will the fares ever rise again?” Tom Barker asked.\n"
        "“Why did the tunnel open so late?” asked Ann Reyes, the host.\n"
        "“Is it safe?” Barker said the tunnel was safe."
    )
    assert speakers[:3] == ["Tom Barker", None, "Ann Reyes"]
    assert speakers[3] is None  # a whole clause follows the quote: not a bare frame


def test_a_one_word_name_after_but_is_a_person_when_the_next_sentence_calls_it_he():
    speakers = _speakers(
        "The club lost again on Sunday.\n"
        "But Rafa said the squad was tired.\n"
        "He added that the coach would stay."
    )
    assert speakers == [None, "Rafa", "Rafa"]


def test_according_to_before_a_long_quote_names_who_is_quoted():
    result = _attributed(
        "Over the long term, according to the water board, the rise in annual prices and fees "
        "''is mainly attributable to the aging of the pipes and rising energy costs per "
        "household.''"
    )[0]
    assert result.speaker.name == "water board"


def test_the_inquiry_behind_a_cited_report_speaks_for_the_reports_author():
    speakers = _speakers(
        "The city kept faulty records on bridge repairs, according to a report from the "
        "county's inspector general.\n"
        "The inquiry found that crews had skipped two inspections in 2019.\n"
        "In addition, the IG review found that no one had checked the east ramp."
    )
    assert speakers == ["county's inspector general"] * 3


def test_an_acronym_that_is_not_the_authors_initials_names_another_work():
    speakers = _speakers(
        "The city kept faulty records, according to a report from the county's inspector "
        "general.\n"
        "The FBI report found that crews had skipped two inspections in 2019."
    )
    assert speakers[1] != "county's inspector general"


def test_an_inquiry_with_no_report_cited_before_has_no_speaker():
    assert _speakers("The inquiry found that crews had skipped two inspections in 2019.") == [None]


def test_a_passive_as_in_the_clause_before_but_leaves_the_speaker_after_it():
    result = _attributed(
        "None of the pipes were marked as unsafe, but Reyes said they may have leaked for years."
    )[0]
    assert result.speaker.name == "Reyes"
    assert result.content.startswith("they may have leaked")


def test_a_subordinating_as_before_but_still_keeps_the_sentence_in_the_storys_voice():
    assert _speakers(
        "The pipes leaked as the river rose, but Ann Reyes said the pipes were safe."
    ) == [None]


def test_wrote_then_a_pronoun_clause_without_that_reports_words():
    result = _attributed(
        "None of the pipes were marked as unsafe, but Reyes wrote they may have leaked for years."
    )[0]
    assert result.speaker.name == "Reyes"
    assert result.content.startswith("they may have leaked")


def test_wrote_then_a_pronoun_object_is_a_work_written():
    assert _speakers("Ann Reyes wrote it in 1990 while she lived in Ohio.") == [None]


def test_a_lower_case_title_the_role_lists_lack_before_a_full_name_names_the_person():
    speakers = _speakers(
        "The bridge will open in May, county engineer Ann Reyes wrote.\n"
        "Despite the delays, harbour pilot Tom Barker wrote, the channel is deep enough."
    )
    assert speakers == ["Ann Reyes", "Tom Barker"]


def test_a_source_cited_inside_a_running_quote_wins_and_the_quote_goes_on_in_its_speakers_voice():
    speakers = _speakers(
        "Tom Barker, the mayor, wrote in a post on Monday:\n"
        "“The fares rose by 4 percent last year, according to the transit authority.\n"
        "“If the council had agreed, we would have held them at last year’s level.”"
    )
    assert speakers == ["Tom Barker", "transit authority", "Tom Barker"]


def test_a_source_cited_inside_an_unattributed_quote_does_not_carry_to_the_next_sentence():
    speakers = _speakers(
        "Tom Barker spoke to the council on Monday.\n"
        "“The fares rose by 4 percent last year, according to the transit authority. "
        "We will hold them.”"
    )
    assert speakers[1:] == ["transit authority", None]


def test_the_narrator_of_a_candidates_ad_speaks_for_the_candidates_campaign():
    speakers = _speakers(
        "Ann Reyes said on Monday that she would run for governor of Ohio.\n"
        "Reyes will unveil on Monday her third ad of the race, on jobs.\n"
        "“In Tom Barker’s Ohio, the factories close. Wages fall,” says a narrator."
    )
    assert speakers[2:] == ["Ann Reyes's campaign", "Ann Reyes's campaign"]


def test_an_ad_buy_is_money_and_names_no_ad_for_a_narrator():
    speakers = _speakers(
        "Ann Reyes said on Monday that she would run for governor of Ohio.\n"
        "Reyes will double her ad buys in Ohio this month.\n"
        "“In Tom Barker’s Ohio, the factories close. Wages fall,” says a narrator."
    )
    assert "Ann Reyes's campaign" not in speakers


def test_by_a_named_owners_count_the_count_is_theirs():
    results = _attributed(
        "Reyes won 1,237 delegates on Tuesday, by the Ohio Election Board’s tally.\n"
        "Barker won 1,100 delegates, by his own count."
    )
    assert results[0].speaker.name == "Ohio Election Board"
    assert results[0].content == "Reyes won 1,237 delegates on Tuesday"
    assert results[1].speaker is None  # "his own count": no one the story names


def test_according_to_a_names_quoted_title_the_author_is_the_source():
    speakers = _speakers(
        "According to E. J. Reyes's ''The Ledger: Tom Barker and the City Hall Machine'' and "
        "other sources, the mayor kept two sets of records."
    )
    assert speakers == ["E. J. Reyes"]
