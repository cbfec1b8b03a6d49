"""Statements that stand alone: each rewrite rule, and each case where the rules keep the words."""

from datetime import date

import pytest

from claims.extraction import extract
from claims.extraction.claims import (
    article_names,
    decompose,
    in_third_person,
    phrase_statement,
    speaker_in_third_person,
    split_compound,
)
from tests.extraction.scorers import ConstantScorer


def _statements(text, **kwargs):
    return [c.statement for c in extract(text, scorer=ConstantScorer(0.9), **kwargs).claims]


# Side facts -----------------------------------------------------------------------------------


def test_an_appositive_on_the_subject_becomes_a_statement_of_its_own():
    assert decompose(
        "UFJ Holdings, Japan's fourth-largest bank, has been at the centre of a bid battle."
    ) == [
        "UFJ Holdings has been at the centre of a bid battle.",
        "UFJ Holdings is Japan's fourth-largest bank.",
    ]


def test_an_appositive_between_dashes_becomes_a_statement_of_its_own():
    assert decompose("EADS - Airbus' majority owner - admitted the project was over budget.") == [
        "EADS admitted the project was over budget.",
        "EADS is Airbus' majority owner.",
    ]


def test_a_relative_clause_on_the_subject_becomes_a_statement_of_its_own():
    assert decompose(
        "Apple, which opened its online store in 2003, uses technology to limit copying."
    ) == [
        "Apple uses technology to limit copying.",
        "Apple opened its online store in 2003.",
    ]


def test_a_who_clause_on_a_name_that_ends_the_sentence_becomes_a_statement_of_its_own():
    assert decompose(
        "Greene crossed the line just 0.02 seconds behind Gatlin, who won in 9.87 seconds."
    ) == ["Greene crossed the line just 0.02 seconds behind Gatlin.", "Gatlin won in 9.87 seconds."]


def test_an_appositive_on_a_name_later_in_the_sentence_becomes_a_statement_of_its_own():
    assert decompose(
        "UFJ preferred the offer from Mitsubishi Tokyo Financial Group (MTFG), Japan's "
        "second-largest bank."
    ) == [
        "UFJ preferred the offer from Mitsubishi Tokyo Financial Group (MTFG).",
        "Mitsubishi Tokyo Financial Group is Japan's second-largest bank.",
    ]


def test_side_facts_share_the_sentence_and_its_offsets():
    text = "Sumitomo, Japan's third-largest bank, tabled a higher offer for UFJ than its rival."
    claims = extract(text, scorer=ConstantScorer(0.9)).claims
    assert [c.statement for c in claims] == [
        "Sumitomo tabled a higher offer for UFJ than its rival.",
        "Sumitomo is Japan's third-largest bank.",
    ]
    assert {(c.start, c.end, c.sentence) for c in claims} == {(0, len(text), text)}


@pytest.mark.parametrize(
    "text",
    [
        # A list, not an appositive: "the UK" describes nothing.
        "The firm opened offices in France, Germany, the UK.",
        "Mr Smith, the US and France signed the deal.",
        "They met in Paris, the French capital, and then flew home.",
        # A sentence opener, not a name.
        "In London, the capital, police arrested three men.",
        "It happened on Monday, the first day of the talks.",
        # "which" after the object may mean the whole clause: Old Trafford ended no run.
        "Arsenal lost 2-0 at Old Trafford, which ended a record 49-match unbeaten run.",
        # An object relative ("which he founded") has no subject to give the verb.
        "Roc-A-Fella, which he founded with Damon Dash, has Kanye West on its roster.",
        # A clause inside the appositive.
        "Mr Brown, the man who said it, left the room.",
    ],
)
def test_a_side_fact_the_rules_are_not_sure_of_stays_in_its_sentence(text):
    assert decompose(text) == [text]


# Lists and hedges ------------------------------------------------------------------------------


def test_coordinated_subjects_are_kept_whole():
    assert _statements(
        "New Jersey, Ohio, New Mexico and Illinois are keeping their current voting rules."
    ) == ["New Jersey, Ohio, New Mexico and Illinois are keeping their current voting rules."]


@pytest.mark.parametrize(
    "sentence",
    [
        "The deal would create a bank with assets of about 189 trillion yen.",
        "The strike may close up to 40 schools across the county next month.",
    ],
)
def test_hedges_are_kept(sentence):
    assert _statements(sentence) == [sentence]


# Polarity --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cue", ["denied", "rejected claims", "dismissed claims", "doubted", "refused to accept"]
)
def test_a_frame_that_carries_polarity_is_never_dropped(cue):
    sentence = f"Abdullah Badawi {cue} that 30 MPs had deserted the ruling coalition."
    statements = _statements(sentence)
    assert statements, sentence
    for statement in statements:
        assert cue.split()[0] in statement
        assert not statement.startswith("30 MPs")


def test_a_neutral_frame_is_dropped():
    assert _statements("Abdullah Badawi said that 30 MPs had deserted the ruling coalition.") == [
        "30 MPs had deserted the ruling coalition."
    ]


# First person in a quote -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "statement"),
    [
        ("I agree with Greg.", "Greg Rusedski agrees with Greg."),
        ("I have inherited two brands.", "Greg Rusedski has inherited two brands."),
        ("I'm sure of the result.", "Greg Rusedski is sure of the result."),
        ("I also worry about my knee.", "Greg Rusedski also worries about Greg Rusedski's knee."),
        (
            "I tried to order some but I haven't got any yet.",
            "Greg Rusedski tried to order some but Greg Rusedski hasn't got any yet.",
        ),
        ("The ATP never sent me any.", "The ATP never sent Greg Rusedski any."),
    ],
)
def test_a_persons_first_person_words_become_the_speaker(quote, statement):
    assert speaker_in_third_person(quote, "Greg Rusedski") == statement


@pytest.mark.parametrize(
    "quote",
    [
        "We won the title and I was happy.",  # who "we" are is a guess
        "I hurt myself in the final.",  # "himself" or "herself"?
        "I'd done everything right.",  # "had" or "would"?
        "I read the report last night.",  # present or past?
        "Let's see what I can do.",
    ],
)
def test_first_person_words_that_need_a_guess_are_not_rewritten(quote):
    assert speaker_in_third_person(quote, "Greg Rusedski") is None


def test_the_us_is_a_country_not_the_first_person():
    assert speaker_in_third_person("I met US officials.", "Greg Rusedski") == (
        "Greg Rusedski met US officials."
    )


_RUSEDSKI = article_names(["Greg Rusedski won in Sydney.", "Rusedski said he was happy."])


def test_a_framed_quote_is_given_in_the_third_person_when_that_stands_alone():
    framed = 'Greg Rusedski said: "I tried to order some."'
    assert in_third_person(framed, "Greg Rusedski", _RUSEDSKI) == (
        "Greg Rusedski tried to order some."
    )


def test_a_framed_quote_keeps_its_frame_when_the_third_person_would_open_with_it():
    framed = 'Greg Rusedski said: "It was my mistake."'
    assert in_third_person(framed, "Greg Rusedski", _RUSEDSKI) is None


def test_a_speaker_the_article_never_shows_to_be_a_person_keeps_the_frame():
    names = article_names(["Star Wars star Liam Neeson spoke in Belfast."])
    framed = 'Star Wars said: "The theatre gave me my future."'
    assert in_third_person(framed, "Star Wars", names) is None


def test_an_organisations_quote_keeps_its_frame():
    framed = 'Apple said: "I think the iPod will sell."'
    assert in_third_person(framed, "Apple", _RUSEDSKI) is None


def test_the_reader_gets_the_third_person_and_the_scorer_the_framed_quote():
    extraction = extract(
        'Greg Rusedski said: "I tried to order some supplements in March."\n\n'
        "Rusedski said he won in Sydney last week.",
        scorer=ConstantScorer(0.9),
    )
    assert extraction.claims[0].statement == (
        "Greg Rusedski tried to order some supplements in March."
    )


# Frames the attribution left -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "statement"),
    [
        (
            '"Apple has turned an open standard into an artifice," the lawsuit states.',
            "Apple has turned an open standard into an artifice.",
        ),
        (
            '"The ATP supplements were not available in time," said a spokesman.',
            "The ATP supplements were not available in time.",
        ),
        ("He says Apple is breaking competition laws.", "Apple is breaking competition laws."),
    ],
)
def test_a_neutral_frame_left_in_the_text_is_cut(raw, statement):
    assert phrase_statement(raw) == statement


@pytest.mark.parametrize(
    "raw",
    [
        '"Apple has turned an open standard into an artifice," the company denied.',
        "He denied Apple is breaking competition laws.",
        "He said the plan failed.",  # "the plan" may be the object of "said": not sure
    ],
)
def test_a_frame_that_is_not_neutral_or_not_certain_stays(raw):
    assert phrase_statement(raw) == raw


# Relative dates --------------------------------------------------------------------------------


def test_relative_dates_in_a_side_fact_resolve_against_the_published_date():
    statements = _statements(
        "Greene finished second behind Gatlin, who won the final on Tuesday.",
        published=date(2026, 11, 26),
    )
    assert "Gatlin won the final on 24 November 2026." in statements


def test_relative_dates_in_a_side_fact_stay_as_written_without_a_published_date():
    statements = _statements("Greene finished second behind Gatlin, who won the final on Tuesday.")
    assert "Gatlin won the final on Tuesday." in statements


# Clauses joined without a comma -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "Turkey's loan agreement with the IMF expires in February and the new deal would "
            "see it receive support",
            [
                "Turkey's loan agreement with the IMF expires in February",
                "the new deal would see it receive support",
            ],
        ),
        (
            "The rivals have adopted the MP3 format while Apple uses the AAC format",
            ["The rivals have adopted the MP3 format", "Apple uses the AAC format"],
        ),
        # An existential clause.
        (
            "The two ports will share a customs office and there has been talk of a full merger",
            [
                "The two ports will share a customs office",
                "there has been talk of a full merger",
            ],
        ),
        # A short plain noun phrase with an auxiliary and a verb of its own.
        (
            "Wool exports have collapsed and sheep farmers are leaving the valley",
            ["Wool exports have collapsed", "sheep farmers are leaving the valley"],
        ),
    ],
)
def test_two_clauses_with_subjects_of_their_own_are_split_at_a_bare_and_or_while(text, parts):
    assert split_compound(text) == parts


@pytest.mark.parametrize(
    "text",
    [
        # One subject of two names.
        "The move came after France and Germany vowed to cut their deficits",
        "Ronnie Corbett has joined comedy stars Victoria Wood and David Jason in the attack",
        # A list of noun phrases, not clauses.
        "Britain has the lowest inflation since 1960 and the lowest mortgage rates for 40 years",
        # The second half is the content of a saying or thinking verb.
        "Many analysts believe prices will fall and the regulator will step in",
        # A polarity frame covers both halves.
        "Abdullah denied that 30 MPs had deserted the coalition and the government was weak",
        # Subordinate: "although" governs the pair.
        "Although Nintendo is aiming at younger players and the PSP is for older gamers, both sell",
        # Temporal "while".
        "The money was stolen while the guards were sleeping in the hut",
        # A pronoun subject would not stand alone.
        "Maurice Greene lost the race and his title went to Justin Gatlin",
        # "how"/"as" before the "and": the noun phrase is the second of a pair.
        "The report shows how phones and tablets are used in schools",
        "Sales fell sharply as the price of fuel and food was rising",
        # What follows the "and" is a verb phrase, not a noun phrase with a verb.
        "The tool can trace stolen files and pinpoint whether they had been copied",
        # A bare noun phrase with no auxiliary may be a second object.
        "The firm sells cars and vans built in Spain",
    ],
)
def test_a_bare_and_or_while_that_does_not_join_two_clauses_is_not_split(text):
    assert split_compound(text) == [text]


def test_a_denial_is_never_split_into_plain_statements():
    statements = _statements(
        "Abdullah Badawi denied that 30 MPs had deserted the coalition, and the party was calm."
    )
    assert all("denied" in s for s in statements), statements


# Names ---------------------------------------------------------------------------------------


def test_a_title_and_surname_become_the_full_name_the_article_gives():
    statements = _statements(
        "Philippe Camus will leave EADS in June.\n\n"
        "Mr Camus recently came under pressure over the A380 budget."
    )
    assert "Philippe Camus recently came under pressure over the A380 budget." in statements


def test_a_surname_two_people_in_the_article_share_keeps_its_title():
    statements = _statements(
        "Gordon Brown and Nick Brown met on Monday in London.\n\n"
        "Mr Brown recently came under pressure over the budget."
    )
    assert "Mr Brown recently came under pressure over the budget." in statements


def test_places_and_bodies_are_not_taken_for_full_names():
    names = article_names(["The team flew to South Africa and met the Bank of England."])
    assert names.by_surname == {}


# Back-references to the subject of the sentence before -------------------------------------------


def _resolved(*sentences):
    names = article_names(sentences)
    return names.resolve_lead(sentences[-1], sentences[-1])


def test_it_after_a_named_body_acting_becomes_that_body():
    assert _resolved(
        "The MPAA said it had given operators take-down notices.",
        "It has filed 100 lawsuits against operators since December.",
    ) == ["The MPAA has filed 100 lawsuits against operators since December."]


def test_the_firm_after_a_named_company_becomes_the_company():
    assert _resolved(
        "Sony (SNE), the electronics group, launched a phone.", "The firm said sales rose 5%."
    ) == ["Sony said sales rose 5%."]


def test_they_carries_over_sentences_that_keep_the_same_subject():
    assert _resolved(
        "Ministers say elderly people should decide on their care.",
        "They also plan a supremo for adult services.",
        "They also want to set up a new advice service.",
    ) == ["Ministers also want to set up a new advice service."]


def test_an_age_after_a_named_person_becomes_the_name_and_a_side_fact():
    assert _resolved(
        "Dunne said he was happy at Manchester City.",
        "Richard Dunne has signed a new deal with Manchester City.",
        "The 25-year-old Dubliner underlined his intention to stay.",
    ) == [
        "Richard Dunne underlined his intention to stay.",
        "Richard Dunne is a 25-year-old Dubliner.",
    ]


def test_it_after_one_sentence_with_a_plural_subject_is_still_the_body_named_before():
    assert _resolved(
        "Greenpeace said it had written to ministers.",
        "Fishing crews are angry about quotas.",
        "It is now suing the ministry.",
    ) == ["Greenpeace is now suing the ministry."]


def test_a_named_subject_after_an_opening_phrase_is_what_it_refers_to():
    assert _resolved(
        "After buying two rival chains, the Coop said it would cut prices.",
        "It plans to open 50 stores next year.",
    ) == ["The Coop plans to open 50 stores next year."]


def test_its_after_a_named_body_and_nothing_else_it_could_be_becomes_the_bodys():
    assert _resolved(
        "The Archers has run since 1951 and drew five million listeners at its height.",
        "Its cast will record a live episode.",
    ) == ["The Archers' cast will record a live episode."]
    assert _resolved(
        "Tesco said sales rose 5% over eight weeks.", "Its shares rose 2% in early trading."
    ) == ["Tesco's shares rose 2% in early trading."]


@pytest.mark.parametrize(
    "sentences",
    [
        # "It" as an empty subject, not the company.
        ("Marks & Spencer cut prices in London.", "It has been a strange week for the retailer."),
        # A verb a product takes as well as its maker: "It" may be the PSP.
        ("Sony unveiled the PSP in Tokyo.", "It costs 99 pounds in the UK."),
        # The sentence before had no named subject.
        ("The dollar fell against the euro.", "It rallied briefly on Monday."),
        # A sentence with another singular subject in between breaks the chain.
        (
            "The MPAA said it had sent notices.",
            "The studio is clamping down on file-sharers.",
            "It is now targeting the operators.",
        ),
        # A plural subject in between that names something singular too: "it" may be that.
        (
            "Greenpeace said it had written to ministers.",
            "Fishing crews are angry about a new quota.",
            "It is now suing the ministry.",
        ),
        # Two sentences in between are too far.
        (
            "Greenpeace said it had written to ministers.",
            "Fishing crews are angry about quotas.",
            "Local councils are worried about jobs.",
            "It is now suing the ministry.",
        ),
        # A possessive after a name whose sentence names something else it could be.
        ("Sony unveiled the PSP in Tokyo.", "Its screen is wider than a phone's."),
        # A possessive after a plural-looking name the article never calls "it".
        ("The Rockets played for two hours.", "Its singer broke a string."),
        # "They" for a singular name.
        ("The Bravery played their first gig in 2003.", "They were signed after a bidding war."),
        # An age after a body is no person's.
        ("Arsenal lost 2-0 at Old Trafford.", "The 30-year-old added that it hurt."),
    ],
)
def test_a_back_reference_the_sentence_before_does_not_settle_keeps_its_words(sentences):
    assert _resolved(*sentences) == [sentences[-1]]


@pytest.mark.parametrize(
    "text",
    [
        "The East Midlands, the West Midlands and the South West all had inflation of 15%",
        "A book about the evolution of mutants and the science of abnormality has won the award",
        "The identity of the artist remains unknown until each work is bought and the signature "
        "is revealed",
    ],
)
def test_a_list_or_a_subordinate_clause_before_a_bare_and_is_not_split(text):
    assert split_compound(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        # A source, not a description.
        "Church leaders are siding with the Media Council, Uganda's New Vision newspaper reports.",
        # "who" may mean the pair.
        "The case began after payments to Jose Amusategui and Angel Corcostegui, who stepped down.",
        "It has drawings by Chris Riddell, who also created The Edge Chronicles together.",
    ],
)
def test_a_side_phrase_that_is_a_source_or_about_a_pair_stays(text):
    assert decompose(text) == [text]


def test_an_appositive_on_a_name_after_the_keeps_the():
    assert decompose(
        "Investment may flow in from the US, a country keen on calm in the region."
    ) == [
        "Investment may flow in from the US.",
        "The US is a country keen on calm in the region.",
    ]


def test_a_surname_alone_becomes_the_full_name_of_the_person_the_article_names():
    names = article_names(
        [
            "Maurice Greene won bronze.",
            "Greene said he lost to Justin Gatlin.",
            "Gatlin said he won.",
        ]
    )
    assert names.expand("Greene crossed the line behind Gatlin in Greene's last race.") == (
        "Maurice Greene crossed the line behind Justin Gatlin in Maurice Greene's last race."
    )


@pytest.mark.parametrize(
    ("sentences", "statement"),
    [
        # Part of a longer name.
        (["Maurice Greene won.", "Greene lost."], "The race on Greene Street was cancelled."),
        # The article uses the surname as a place too.
        (
            ["Denzel Washington won.", "Washington smiled.", "He flew to Washington."],
            "Washington won.",
        ),
        # Never named on its own: "Star Wars" is no person.
        (["Star Wars star Liam Neeson spoke."], "The Wars were long."),
    ],
)
def test_a_surname_that_may_be_something_else_keeps_its_words(sentences, statement):
    assert article_names(sentences).expand(statement) == statement


def test_a_sentence_opener_is_not_a_first_name():
    names = article_names(["But Wal-Mart said sales rose.", "Wal-Mart said prices fell."])
    assert names.expand("Analysts said Wal-Mart faced a stand-off.") == (
        "Analysts said Wal-Mart faced a stand-off."
    )


def test_a_surname_never_seen_with_a_title_or_a_saying_verb_is_not_taken_for_a_person():
    names = article_names(["Giant Food pays retailers.", "Food companies pay supermarkets."])
    assert names.expand("Food companies pay supermarkets.") == "Food companies pay supermarkets."


def test_a_relative_clause_after_an_appositive_belongs_to_the_appositives_last_name():
    # "who" is the Oatleys, not Reline Investments.
    assert decompose(
        "Fosters bought the stake from Reline Investments, the family firm of the Oatleys, who "
        "founded the Rosemount Estates label."
    ) == [
        "Fosters bought the stake from Reline Investments.",
        "Reline Investments is the family firm of the Oatleys.",
        "The Oatleys founded the Rosemount Estates label.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "DB's shares were up 3.4% to 45.25 euros by 1030 GMT, the highest gainer in Frankfurt.",
        "Grant Thornton may sue, as are Consob, Italy's stock market regulator, hundreds of small "
        "investors and Parmalat's new managers.",
    ],
)
def test_an_appositive_after_a_measure_or_inside_a_list_stays(text):
    assert decompose(text) == [text]


def test_a_possessive_is_not_a_verb_of_a_second_clause():
    text = "Mukesh is the company's chairman and Anil its deputy"
    assert split_compound(text) == [text]


def test_a_subordinate_clause_after_a_discourse_opener_is_not_split():
    text = "Yet as competition intensified and the telecoms boom petered out, WorldCom struggled"
    assert split_compound(text) == [text]


def test_a_name_no_pronoun_follows_is_not_taken_for_a_person():
    names = article_names(
        ["Bisnis Indonesia reported the news.", "Indonesia said it would accept."]
    )
    assert names.expand("Indonesia said it would accept.") == "Indonesia said it would accept."


def test_a_polarity_verb_in_the_second_half_does_not_stop_the_split():
    assert split_compound(
        "Thailand does not want a freeze, while India has also rejected international aid"
    ) == ["Thailand does not want a freeze", "India has also rejected international aid"]


def test_a_determiner_opening_a_sentence_is_not_a_first_name():
    names = article_names(
        [
            "Some Citigroup traders face an inquiry.",
            "Citigroup said he erred.",
            "Citigroup said no.",
        ]
    )
    assert names.expand("Prosecutors cannot pursue Citigroup itself.") == (
        "Prosecutors cannot pursue Citigroup itself."
    )


# Ages ------------------------------------------------------------------------------------------


def test_an_age_after_a_name_becomes_a_statement_of_its_own():
    assert decompose("Calisto Tanzi, 66, issued a statement through his lawyer.") == [
        "Calisto Tanzi issued a statement through his lawyer.",
        "Calisto Tanzi is 66 years old.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "In March, 2005, the firm said it would cut jobs.",
        "Paris Saint Germain, 12, are top of the table.",  # a position, not an age
    ],
)
def test_a_number_after_a_name_that_is_no_age_stays(text):
    assert decompose(text) == [text]


def test_a_speaker_described_by_age_gives_the_age_in_the_articles_own_voice():
    claims = extract(
        "Sol Campbell said he was happy in London.\n\n"
        '"I am starting to learn French lessons this year," added the 30-year-old.\n\n'
        "Campbell said he would decide in May.",
        scorer=ConstantScorer(0.9),
    ).claims
    age = [c for c in claims if c.statement == "Sol Campbell is 30 years old."]
    assert age, [c.statement for c in claims]
    assert age[0].claimant is None and age[0].kind == "statistic"


@pytest.mark.parametrize(
    "quote",
    [
        "As an end user I would want to know - 'Can I choose to use this service?'",
        "Nor do I think the plan works.",
        "Only then will I accept the result.",
    ],
)
def test_a_quote_with_a_question_or_an_inverted_i_keeps_its_first_person(quote):
    from claims.extraction.claims import speaker_in_third_person

    assert speaker_in_third_person(quote, "Cory Doctorow") is None


def test_a_plain_first_person_quote_is_still_put_in_the_third_person():
    from claims.extraction.claims import speaker_in_third_person

    assert (
        speaker_in_third_person("I agree with the ruling.", "Cory Doctorow")
        == "Cory Doctorow agrees with the ruling."
    )


def test_a_side_fact_inside_reported_words_is_the_articles_background_not_the_speakers():
    text = (
        "The film's executive producer Robbie Stamp said that Adams, who died in 2001, would "
        'have been "delighted" with the choice of Fry for the role.'
    )
    claims = {c.statement: c.claimant for c in extract(text, scorer=ConstantScorer(1.0)).claims}
    assert claims["Adams died in 2001."] is None
    assert claims['Adams would have been "delighted" with the choice of Fry for the role.'] == (
        "Robbie Stamp"
    )


# An opening participle or "due to" phrase ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "Based on a novel by Ann Lind, The Quiet Shore follows two sisters on an island.",
            [
                "The Quiet Shore follows two sisters on an island.",
                "The Quiet Shore is based on a novel by Ann Lind.",
            ],
        ),
        (
            "Due to open in 2009, the bridge will carry 40,000 cars a day.",
            ["The bridge will carry 40,000 cars a day.", "The bridge is due to open in 2009."],
        ),
        (
            "Located near the port, the warehouses are used by three shipping firms.",
            [
                "The warehouses are used by three shipping firms.",
                "The warehouses are located near the port.",
            ],
        ),
        (
            "Founded in 1921 by two brothers, the brewery employs 300 people in the town.",
            [
                "The brewery employs 300 people in the town.",
                "The brewery was founded in 1921 by two brothers.",
            ],
        ),
    ],
)
def test_an_opening_participle_phrase_becomes_a_side_fact_about_the_subject(text, parts):
    assert decompose(text) == parts


@pytest.mark.parametrize(
    "text",
    [
        # A pronoun subject would not stand alone.
        "Based in Leeds, it employs 300 people across the north.",
        # "Due to" a cause, not a schedule.
        "Due to the storm, the bridge was closed for three days.",
        # The phrase holds a clause of its own: not a description of the subject.
        "Based on 2004 figures the merged firm would sell more than $5bn, the company said.",
    ],
)
def test_an_opening_phrase_the_rule_is_not_sure_of_stays_in_its_sentence(text):
    assert decompose(text) == [text]
