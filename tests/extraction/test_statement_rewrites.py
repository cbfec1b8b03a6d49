"""Statement rewrites added for news prose (issue 13): each rule, and where it keeps the words."""

import pytest

from claims.extraction import extract
from claims.extraction.claims import (
    ArticleNames,
    resolve_expletive,
    speaker_in_third_person,
    split_compound,
    split_shared_subject,
)
from tests.extraction.scorers import ConstantScorer


def _statements(text, **kwargs):
    return [c.statement for c in extract(text, scorer=ConstantScorer(0.9), **kwargs).claims]


# One subject, two verb phrases ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "The Two Ronnies ran from 1971 to 1987 and attracted 17 million viewers at its peak.",
            [
                "The Two Ronnies ran from 1971 to 1987",
                "The Two Ronnies attracted 17 million viewers at its peak.",
            ],
        ),
        (
            "Commodore International filed for bankruptcy in 1994 and was sold to Tulip Computers.",
            [
                "Commodore International filed for bankruptcy in 1994",
                "Commodore International was sold to Tulip Computers.",
            ],
        ),
        (
            "Sunderland were relegated from the Premiership in 2003 but are currently pushing "
            "for promotion.",
            [
                "Sunderland were relegated from the Premiership in 2003",
                "Sunderland are currently pushing for promotion.",
            ],
        ),
        (
            "Ms Simonetti was suspended on 25 September pending an investigation and has since "
            "lodged a complaint with the EEOC.",
            [
                "Ms Simonetti was suspended on 25 September pending an investigation",
                "Ms Simonetti has since lodged a complaint with the EEOC.",
            ],
        ),
    ],
)
def test_a_subject_with_two_verb_phrases_gives_a_statement_for_each(text, parts):
    assert split_shared_subject(text) == parts


def test_a_perfect_tense_auxiliary_is_shared_by_the_second_verb_phrase():
    assert split_shared_subject(
        "Labour had broken promises by raising taxes 66 times and brought the slowest growth."
    ) == [
        "Labour had broken promises by raising taxes 66 times",
        "Labour had brought the slowest growth.",
    ]


def test_a_discourse_opener_does_not_stop_the_split_and_stays_with_the_first_half():
    assert split_shared_subject(
        "However, Roche is happy to work with the Swiss star and is helping him prepare."
    ) == ["Roche is happy to work with the Swiss star", "Roche is helping him prepare."]


@pytest.mark.parametrize(
    "text",
    [
        # A passive participle shares the auxiliary: "charged" alone would be wrong.
        "The man was arrested on Monday and charged with murder.",
        # "signed artists": "signed" may be an adjective.
        "Def Jam was founded in 1984 by Russell Simmons and signed artists including Run-DMC.",
        # Reported words: the second phrase may belong to what was said.
        "Mr Blair said the plan was good and was ready to go.",
        # A subordinate clause with a subject of its own before the "and".
        "Apple has sold six million iPods since the gadget was launched and has a 87% share.",
        # Another verb group before the "and": its subject may be the one shared.
        "Anyone convicted of selling a game to a child can be jailed and fined up to £5,000.",
        "Capra vowed he would never go to the awards again but went the following year.",
        # Too short to be two claims.
        "Jay-Jay Okocha twisted and turned on the edge of the area.",
        # A polarity frame covers both phrases.
        "Abdullah denied the claims in parliament and was cheered by his party.",
        # A pronoun subject would not stand alone in the second statement.
        "He was suspended on 25 September and has since lodged a complaint.",
        # An adverb is no subject.
        "Completely revolutionised navigation for boats and was in use for centuries.",
        # "seed" is no past tense: "The top seed was ..." keeps its subject whole.
        "The top seed was a strong favourite for the title but went down 7-6 6-3 to the American.",
    ],
)
def test_a_second_verb_phrase_that_may_not_share_the_subject_is_not_split(text):
    assert split_shared_subject(text) == [text]


def test_each_verb_phrase_becomes_a_statement_of_the_same_sentence():
    text = "Commodore International filed for bankruptcy in 1994 and was sold to Tulip Computers."
    claims = extract(text, scorer=ConstantScorer(0.9)).claims
    assert [c.statement for c in claims] == [
        "Commodore International filed for bankruptcy in 1994.",
        "Commodore International was sold to Tulip Computers.",
    ]
    assert {(c.start, c.end) for c in claims} == {(0, len(text))}


def test_a_quote_is_never_split():
    statements = _statements(
        '"The Two Ronnies ran from 1971 to 1987 and attracted 17 million viewers," said '
        "Ronnie Corbett."
    )
    assert len(statements) == 1, statements


# Back-references ------------------------------------------------------------------------------


def test_a_referent_that_is_no_name_is_not_put_in_a_pronouns_place():
    from claims.extraction.attribution import Speaker
    from claims.extraction.claims import resolve_reference

    text = "Its most high-profile victim was Suprnova."
    assert resolve_reference(text, Speaker("legal action", None), is_quote=False) == text
    assert (
        resolve_reference(text, Speaker("Apple", None), is_quote=False)
        == "Apple's most high-profile victim was Suprnova."
    )


# A second clause with a bare noun phrase as its subject --------------------------------------


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "Economic growth has averaged 6% in the past three years, ahead of IMF forecasts, "
            "while inflation fell below 10% this year",
            [
                "Economic growth has averaged 6% in the past three years, ahead of IMF forecasts",
                "inflation fell below 10% this year",
            ],
        ),
        (
            "US rapper The Game is Dr Dre's latest protege while Leeds group Kaiser Chiefs came "
            "fifth",
            [
                "US rapper The Game is Dr Dre's latest protege",
                "Leeds group Kaiser Chiefs came fifth",
            ],
        ),
        (
            "Imports rose by 3.4%, while exports increased by only 0.6%",
            ["Imports rose by 3.4%", "exports increased by only 0.6%"],
        ),
        (
            "The economy has grown for six quarters but growth slowed sharply in the last quarter",
            ["The economy has grown for six quarters", "growth slowed sharply in the last quarter"],
        ),
    ],
)
def test_a_clause_whose_subject_is_a_bare_noun_phrase_is_split_after_a_comma_or_while(text, parts):
    assert split_compound(text) == parts


@pytest.mark.parametrize(
    "text",
    [
        # After a bare "and" a bare noun is as often a second object or subject.
        "Gross domestic product measures the value of goods and services produced in a country",
        "The man making sure US networks are safe and secure has resigned after a year",
        # A list's last item before ", and".
        "The trend for gadgets, such as recorders, broadband, and video-on-demand will continue",
        # Reported or predicted words: the second clause may be the speaker's too.
        "The IMF predicts that the cost of welfare will double, while balances will deteriorate",
        # A participle, not a clause's verb.
        "Mr Kennedy is visiting rural seats, where his party hopes to gain, and urban areas "
        "traditionally associated with Labour",
        # A word that opens no subject: an adverb, a subordinator, a preposition, a pronoun.
        "The Baa-Baas did threaten through Albert van den Bergh, but never looked like winning",
        "Stephen Toulouse said the flaws were known, and although the firm had seen no "
        "attacks, he did not rule them out",
        "It was not just about how the phone functioned, but about what it said about its owner",
        "The shortlist was weak but him winning it is a joke",
        # A quantifier with nothing to quantify would not stand alone.
        "The case has been heard by two lower courts and both found in favour of the networks",
    ],
)
def test_a_bare_noun_phrase_that_may_not_open_a_clause_is_not_split(text):
    assert split_compound(text) == [text]


# Names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "introduced",
    [
        "Chancellor Gordon Brown",
        "Foreign Secretary Gordon Brown",
        "The budget was drawn up by Chancellor Gordon Brown",
        "Scotsman Gordon Brown",
    ],
)
def test_a_role_or_origin_before_a_full_name_is_not_part_of_the_name(introduced):
    statements = _statements(
        f"{introduced} will deliver the budget in March.\n\n"
        "Mr Brown recently came under pressure over the budget."
    )
    assert "Gordon Brown recently came under pressure over the budget." in statements


def test_three_capitalised_words_that_open_with_no_role_are_still_not_taken_for_a_name():
    from claims.extraction.claims import article_names

    names = article_names(["The Million Pound Drop will return in March."])
    assert names.by_surname == {}


def test_three_names_opening_a_sentence_are_not_cut_to_the_last_two():
    from claims.extraction.claims import article_names

    names = article_names(
        [
            "Jayanti Amarishi Buhecha from Cambridge was sentenced on Tuesday.",
            "Buhecha was previously a distributor of films, but he was sued by his employers.",
        ]
    )
    assert "Amarishi Buhecha" not in names.by_surname.values()
    # A role or an origin that opens the sentence is no part of the name.
    names = article_names(["Sprinters Kostas Kenteris and Katerina Thanou were banned."])
    assert names.by_surname.get("Kenteris") == "Kostas Kenteris"


_FILLER = "The club has won the league three times in the past ten years at the ground. " * 6


@pytest.mark.parametrize(("plans", "person"), [("his intent", True), ("an intent", False)])
def test_a_surname_alone_with_a_personal_pronoun_after_it_is_a_person(plans, person):
    from claims.extraction.claims import article_names

    names = article_names(
        [
            "Arsenal's Sol Campbell has called the rivalry with United bitter.",
            _FILLER,
            '"Everyone at Arsenal has been waiting for this game," said Campbell.',
            f"Speaking on the plans, Campbell signalled {plans} to move abroad.",
        ]
    )
    assert ("Sol Campbell" in names.people) is person


def test_a_thousands_separator_does_not_end_a_side_fact():
    from claims.extraction.claims import decompose

    assert decompose(
        "Pavey, who came fifth in the 5,000m at the Athens Olympics, helped the team win silver."
    ) == [
        "Pavey helped the team win silver.",
        "Pavey came fifth in the 5,000m at the Athens Olympics.",
    ]
    # A comma between words still ends it: "Ford, which has sold cars, trucks ..." is a list.
    text = "Ford, which has sold cars, trucks and vans, is bringing a hybrid SUV to market."
    assert decompose(text) == [text]


# A quoted fragment is checked in the clause that holds it ------------------------------------


@pytest.mark.parametrize(
    ("sentence", "fragment", "clause"),
    [
        (
            'CBI economist Ian McCafferty said the economy had "slowed in recent months".',
            "slowed in recent months",
            'the economy had "slowed in recent months".',
        ),
        (
            'It added that Kenteris and Thanou had been "provisionally suspended" for now.',
            "provisionally suspended",
            'Kenteris and Thanou had been "provisionally suspended" for now.',
        ),
        (
            'The deficit will leave firms "short of cash for years", he told the conference.',
            "short of cash for years",
            'The deficit will leave firms "short of cash for years"',
        ),
    ],
)
def test_a_quoted_fragment_gives_the_reported_clause_that_holds_it(sentence, fragment, clause):
    from claims.extraction.claims import reported_clause

    assert reported_clause(sentence, fragment) == clause


def test_a_quoted_fragment_after_a_judging_or_polarity_frame_keeps_the_whole_sentence():
    from claims.extraction.claims import reported_clause

    sentence = 'But Mr Brown denied the plan was "a stealth tax on families".'
    assert reported_clause(sentence, "a stealth tax on families") == (
        'Mr Brown denied the plan was "a stealth tax on families".'
    )


@pytest.mark.parametrize(
    ("sentence", "fragment"),
    [
        # The quote is a sentence of its own.
        ('"The economy has slowed," said Ian McCafferty.', "The economy has slowed,"),
        # No saying verb before it and no frame after it: nothing to tell the clause by.
        ('The economy had "slowed in recent months" by the end of the year.', "slowed in recent"),
    ],
)
def test_a_quote_that_is_a_sentence_or_whose_clause_cannot_be_told_is_left_alone(
    sentence, fragment
):
    from claims.extraction.claims import reported_clause

    assert reported_clause(sentence, fragment) is None


def test_a_quoted_fragment_never_becomes_a_statement_of_its_own():
    statements = _statements(
        "Nigel Harding, head of music at Xfm, said every track from their live set "
        '"sounded like a potential single".'
    )
    assert 'Every track from their live set "sounded like a potential single".' in statements
    assert "Sounded like a potential single." not in statements


def test_a_time_between_the_saying_verb_and_that_is_not_part_of_the_clause():
    from claims.extraction.claims import reported_clause

    assert (
        reported_clause(
            'Ofcom said in November that the firm must offer "real equality of access".',
            "real equality of access",
        )
        == 'the firm must offer "real equality of access".'
    )


@pytest.mark.parametrize(
    ("sentence", "fragment"),
    [
        # The quote is the whole clause: its frame stays as it was.
        ('Mr Levy said that "creating music is not an exact science".', "creating music is"),
        # "his" after "she said" is someone else: no name is put in its place.
        ('But she said his return would not put anyone\'s "nose out of joint".', "nose out of"),
        # The speaker's own "my": the frame says whose.
        (
            'Disney "failed to provide a safe place for my client," he said.',
            "failed to provide a safe place for my client,",
        ),
    ],
)
def test_a_quoted_fragment_whose_clause_would_lose_who_speaks_is_left_alone(sentence, fragment):
    from claims.extraction.claims import reported_clause

    assert reported_clause(sentence, fragment) is None


# "It is likely that ..." ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        (
            "It is likely that the two banks will share the same branches.",
            "The two banks will likely share the same branches.",
        ),
        (
            "It is unlikely that the new bridge would open before May.",
            "The new bridge would probably not open before May.",
        ),
        (
            "It is almost certain that interest rates will rise again.",
            "Interest rates will almost certainly rise again.",
        ),
    ],
)
def test_an_empty_it_before_a_hedged_clause_gives_the_clauses_subject_and_keeps_the_hedge(
    text, statement
):
    assert resolve_expletive(text) == statement


@pytest.mark.parametrize(
    "text",
    [
        "It is likely that they will share the same branches.",  # the subject would not stand alone
        "It is likely that the bank says it will close branches.",  # the hedge's scope would move
        "It is likely that, after the vote, the bank will close.",  # no plain subject before will
        "It is clear that the bank will close branches.",  # not a hedge this rule knows
        "It is likely the bank will close branches.",  # no "that": the words stay
    ],
)
def test_an_empty_it_the_rule_is_not_sure_of_keeps_its_words(text):
    assert resolve_expletive(text) == text


def test_an_empty_it_is_resolved_in_the_pipeline_after_a_concession():
    statements = _statements(
        "Although the two banks are based in different towns, it is likely that the two banks will "
        "compete for the same savers."
    )
    assert "The two banks will likely compete for the same savers." in statements


# A cue with no clause after it ---------------------------------------------------------------


def test_a_cue_followed_by_no_clause_keeps_the_sentence_whole():
    # "claimed its youngest victim" is no saying: nothing in it may be cut or framed.
    statements = _statements("Last week the storm claimed its youngest victim in the valley.")
    assert statements
    assert all(s[:1].isupper() for s in statements)
    assert any("the storm claimed its youngest victim in the valley" in s for s in statements)


# "It"/"They" after a sentence whose subject is a common noun or a plural name -------------------


def test_it_after_a_sentence_about_a_common_noun_takes_that_noun():
    statements = _statements(
        "The surplus this year was larger than planned. It is expected to shrink to 1.2 percent "
        "by 2030."
    )
    assert "The surplus is expected to shrink to 1.2 percent by 2030." in statements


@pytest.mark.parametrize(
    "text",
    [
        # "It was ...": no agent's verb, "it" may be the event as well as the surplus.
        "The surplus grew in the spring. It was the third rise in a row.",
        # a plural noun is no "it"
        "The farmers protested in the spring. It is expected to happen again.",
    ],
)
def test_it_after_a_common_noun_keeps_its_words_where_it_may_be_something_else(text):
    statements = _statements(text)
    assert any(s.startswith("It ") for s in statements)
    assert not any(
        s.startswith(("The surplus is", "The surplus was", "The farmers is")) for s in statements
    )


def test_they_after_a_plural_name_with_no_other_plural_takes_the_name():
    statements = _statements(
        "The Greens are worried about the budget. They resent the cut to road funding."
    )
    assert "The Greens resent the cut to road funding." in statements


def test_they_after_a_plural_name_beside_another_plural_keeps_its_words():
    statements = _statements(
        "The Greens are worried about the new taxes. They resent the cut to road funding."
    )
    assert "They resent the cut to road funding." in statements


def test_they_who_cite_something_are_the_plural_name_before():
    statements = _statements(
        "Investigators said a long ban could deter other dealers. They cited the case of a "
        "trader banned for ten years."
    )
    assert "Investigators cited the case of a trader banned for ten years." in statements


# An op-ed's own "I" is its author, named in the bio line it closes with ------------------------

_OP_ED = (
    "Why the county should build the new bridge.\n\n"
    "I served on the county council from 2004 to 2012. I voted for every road plan that came "
    "before it.\n\n"
    "We have 40,000 commuters crossing the river each day. I pledged to cut their journey by "
    "half.\n\n"
    '"I will never support the toll," said Tom Baker, a councillor.\n\n'
)
_BIO = "Janet Holloway is a former mayor of Easton."


def test_an_op_eds_first_person_becomes_its_author_named_in_the_bio_line():
    statements = _statements(_OP_ED + _BIO)
    assert "Janet Holloway served on the county council from 2004 to 2012." in statements
    assert "Janet Holloway pledged to cut their journey by half." in statements
    # who "we" are is the author's to say: the words stay, framed
    assert 'Janet Holloway wrote: "We have 40,000 commuters crossing the river each day."' in (
        statements
    )


def test_a_quoted_speakers_i_in_an_op_ed_is_not_the_author():
    statements = _statements(_OP_ED + _BIO)
    assert not any("Janet Holloway will never support" in s for s in statements)


def test_an_op_ed_without_a_bio_line_keeps_its_first_person():
    statements = _statements(_OP_ED + "The bridge would open in 2030.")
    assert "I pledged to cut their journey by half." in statements
    assert not any("Janet Holloway" in s for s in statements)


def test_a_bio_line_after_a_story_not_told_in_the_first_person_changes_nothing():
    story = (
        "The county plans a new bridge.\n\n"
        "I voted for it, one councillor wrote on Monday. Work starts in May.\n\n"
        "The council approved the plan by 9 votes to 2.\n\n"
    )
    statements = _statements(story + _BIO)
    assert not any("Janet Holloway" in s for s in statements)


def test_an_adverb_after_i_is_no_verb_to_agree():
    assert speaker_in_third_person("I currently have no plans to run.", "Janet Holloway") is None


# A full name after an opening bracket or quote mark is not expanded again ----------------------


@pytest.mark.parametrize(
    ("text", "expanded"),
    [
        (
            "The budget grew (Ms Okafor signed it off) in May.",
            "The budget grew (Grace Okafor signed it off) in May.",
        ),
        (
            "The budget grew (Okafor signed it off).",
            "The budget grew (Grace Okafor signed it off).",
        ),
        ('"Grace Okafor signed it off," the paper said.', None),
    ],
)
def test_a_surname_is_expanded_once_beside_brackets_and_quote_marks(text, expanded):
    names = ArticleNames(
        by_surname={"Okafor": "Grace Okafor"},
        people=frozenset({"Grace Okafor"}),
        surnames={"Okafor": "Grace Okafor"},
    )
    assert names.expand(text) == (expanded or text)


def test_a_demonstrative_subject_is_no_antecedent_for_it():
    statements = _statements(
        "That is the ceiling most lenders accept. It is expected to rise to 3 percent next year."
    )
    assert "It is expected to rise to 3 percent next year." in statements


def test_it_after_two_subjects_in_a_row_keeps_its_words():
    statements = _statements(
        "The Treasury published its forecast. The surplus was larger than planned. It is expected "
        "to shrink to 1.2 percent by 2030."
    )
    assert "It is expected to shrink to 1.2 percent by 2030." in statements
