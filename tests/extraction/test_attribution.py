import pytest

from claims.extraction import extract
from claims.extraction.attribution import split_title
from tests.extraction.scorers import ConstantScorer


def _claims(text):
    return extract(text, scorer=ConstantScorer(0.9)).claims


def _only(text):
    claims = _claims(text)
    assert len(claims) == 1, [c.statement for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    "text",
    [
        '"The bridge will reopen in June," Mayor Anna Berg said.',
        '"The bridge will reopen in June," said Mayor Anna Berg.',
        'Mayor Anna Berg told reporters: "The bridge will reopen in June."',
        'Mayor Anna Berg said: "The bridge will reopen in June."',
        'Mayor Anna Berg said, "The bridge will reopen in June."',
        "“The bridge will reopen in June,” Mayor Anna Berg said.",
    ],
)
def test_it_attributes_direct_quotes_in_every_common_shape(text):
    claim = _only(text)
    assert claim.claimant == "Anna Berg"
    assert claim.claimant_description == "Mayor"
    assert claim.is_quote
    assert claim.statement == "The bridge will reopen in June."


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Anna Berg said that the bridge will reopen in June.",
        "According to Mayor Anna Berg, the bridge will reopen in June.",
        "The bridge will reopen in June, according to Mayor Anna Berg.",
        "The bridge will reopen in June, Mayor Anna Berg said.",
    ],
)
def test_it_attributes_reported_speech_and_strips_the_attribution(text):
    claim = _only(text)
    assert claim.claimant == "Anna Berg"
    assert not claim.is_quote
    assert claim.statement == "The bridge will reopen in June."


def test_it_resolves_he_said_to_the_last_named_speaker():
    claims = _claims(
        "Finance Minister Karen Lee announced the budget on Monday. "
        '"Taxes on fuel will rise by 3% next year," she said.'
    )
    quote = next(c for c in claims if c.is_quote)
    assert quote.claimant == "Karen Lee"
    assert quote.claimant_description == "Finance Minister"


def test_it_carries_the_speaker_across_a_quote_that_spans_sentences():
    claims = _claims(
        '"Prices fell by 4% last year. Wages rose by 2%," the economist Ian Ross said.'
    )
    assert [c.claimant for c in claims] == ["Ian Ross", "Ian Ross"]
    assert all(c.is_quote for c in claims)


def test_a_later_surname_mention_reuses_the_full_name_and_title():
    claims = _claims(
        '"Turnout was 61% in the capital," Electoral Commission chair Maria Diaz said.\n\n'
        '"The count finished at 4 a.m.," Diaz said.'
    )
    assert [c.claimant for c in claims] == ["Maria Diaz", "Maria Diaz"]


def test_a_statement_by_names_the_person_behind_it():
    claim = _only(
        'The ministry replied, "The troops left the border area on Friday," '
        "according to a statement by Dmitry Peskov."
    )
    assert claim.claimant == "Dmitry Peskov"


def test_scare_quotes_are_not_direct_quotes():
    claim = _only('Officials dubbed the drills "Brotherhood-2023" in a press release on Monday.')
    assert not claim.is_quote
    assert claim.claimant is None


@pytest.mark.parametrize(
    ("phrase", "name", "description"),
    [
        ("Armenian Prime Minister Nikol Pashinyan", "Nikol Pashinyan", "Armenian Prime Minister"),
        ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", "Kremlin spokesman"),
        ("Pashinyan", "Pashinyan", None),
        ("the Kremlin", "Kremlin", None),
    ],
)
def test_it_separates_titles_from_names(phrase, name, description):
    speaker = split_title(phrase)
    assert (speaker.name, speaker.description) == (name, description)


def test_a_titled_surname_takes_the_full_name_given_earlier_in_the_article():
    claims = _claims(
        "Prime Minister Tony Blair visited Leeds on Friday.\n\n"
        '"Unemployment has fallen by 200,000 since May," Mr Blair said.'
    )
    quote = next(c for c in claims if c.is_quote)
    assert quote.claimant == "Tony Blair"


@pytest.mark.parametrize("cue", ["added", "insisted", "warned", "argued", "announced", "admitted"])
def test_it_attributes_reported_speech_after_cues_beyond_said(cue):
    claim = _only(f"Mayor Anna Berg {cue} that the bridge will reopen in June.")
    assert claim.claimant == "Anna Berg"
    assert claim.statement == "The bridge will reopen in June."
    assert claim.kind == "quote"


@pytest.mark.parametrize("cue", ["denied", "rejected", "dismissed"])
def test_a_denial_keeps_its_frame_so_the_polarity_survives(cue):
    claim = _only(f"Abdullah Badawi {cue} claims that 30 MPs had deserted the ruling coalition.")
    assert claim.claimant == "Abdullah Badawi"
    assert cue in claim.statement
    assert claim.statement.startswith("Abdullah Badawi")


def test_according_to_an_organisation_with_an_acronym_names_the_organisation():
    claim = _only("The quake had a magnitude of 6.1, according to the US Geological Survey (USGS).")
    assert claim.claimant == "US Geological Survey"
    assert claim.statement == "The quake had a magnitude of 6.1."


def test_a_spokesman_for_an_organisation_gives_the_organisation_as_claimant():
    claim = _only('"Sales rose by 12% in March," a spokesman for Apple said.')
    assert claim.claimant == "Apple"
    assert claim.claimant_description == "spokesman"


def test_quoted_as_saying_is_a_cue():
    claim = _only('Minister Omar Ali was quoted as saying: "The dam will open in 2027."')
    assert claim.claimant == "Omar Ali"
    assert claim.statement == "The dam will open in 2027."


def test_an_appositive_title_goes_into_the_description():
    claim = _only(
        "Rodrigo de Rato, the IMF's managing director, said the loan would cut Turkey's debt by 5%."
    )
    assert claim.claimant == "Rodrigo de Rato"
    assert claim.claimant_description == "IMF's managing director"
    assert claim.statement == "The loan would cut Turkey's debt by 5%."


def test_with_x_saying_names_x():
    claims = _claims(
        "Berlin welcomed the ruling, with finance minister Hans Eichel saying the deficit "
        "would fall to 2.9% next year."
    )
    # Besides Eichel's claim, "Berlin welcomed the ruling." stands in the story's own voice.
    assert [c.claimant for c in claims] == ["Hans Eichel", None]
    assert claims[1].statement == "Berlin welcomed the ruling."


def test_a_participle_after_a_comma_belongs_to_the_subject_of_the_sentence():
    claim, own_voice = _claims(
        'Conservative co-chairman Liam Fox derided the launch, saying: "Taxes rose 66 times '
        'under Labour."'
    )
    assert claim.claimant == "Liam Fox"
    assert claim.statement == "Taxes rose 66 times under Labour."
    assert own_voice.claimant is None
    assert own_voice.statement == "Conservative co-chairman Liam Fox derided the launch."


@pytest.mark.parametrize("speaker", ["Police", "Analysts", "Economists"])
def test_groups_speak(speaker):
    claim = _only(f"{speaker} said the bank had lost 40 million pounds in March.")
    assert claim.claimant == speaker


def test_a_short_mention_takes_the_organisation_full_name_from_the_article():
    claims = _claims(
        "Marks & Spencer cut prices by 24% in March, chief executive Stuart Rose announced.\n\n"
        '"We have brought in new clothing at lower prices," said the M&S spokesman.'
    )
    quote = next(c for c in claims if c.is_quote)
    assert quote.claimant == "Marks & Spencer"


def test_an_acronym_takes_the_full_name_from_the_article():
    claims = _claims(
        "The European Commission dropped its case against France on Tuesday.\n\n"
        "The EC said the French deficit would fall to 2.9% next year."
    )
    assert claims[-1].claimant == "European Commission"


def test_it_said_means_the_last_organisation_named():
    claims = _claims(
        "The European Commission dropped its case against France on Tuesday.\n\n"
        '"The two countries will cut their deficits by 2005," it said in a statement.'
    )
    assert claims[-1].claimant == "European Commission"


def test_a_quote_carries_over_to_the_next_bare_quote_only_until_another_sentence_intervenes():
    claims = _claims(
        'Mayor Anna Berg said: "The bridge will reopen in June." "Tolls will rise by 5%."\n\n'
        "The council has 40 members and meets every month in the town hall.\n\n"
        '"The budget grew by 12% in 2024 alone."'
    )
    by_statement = {c.statement: c.claimant for c in claims}
    assert by_statement["Tolls will rise by 5%."] == "Anna Berg"
    assert by_statement["The budget grew by 12% in 2024 alone."] is None


def test_a_role_reference_is_the_person_the_article_gave_that_title():
    claims = _claims(
        "Prime Minister Tony Blair visited Leeds on Friday.\n\n"
        "The prime minister told reporters that unemployment had fallen by 200,000."
    )
    assert claims[-1].claimant == "Tony Blair"


@pytest.mark.parametrize(
    "text",
    [
        "Greene was also denied Olympic gold in the 4x100m relay in Athens in 2004.",
        "Turkey has agreed a draft proposal with the IMF to borrow $10bn until 2007.",
        "The comments came a day after the vote in parliament on 12 March was lost.",
        "Newcastle boss Graeme Souness is said to have been impressed by the 12 goals.",
    ],
)
def test_a_passive_a_deal_or_a_plain_event_has_no_claimant(text):
    assert _only(text).claimant is None


def test_a_speaker_is_never_a_clause_fragment():
    claims = _claims(
        "Abdullah has refused to meet Anwar and these plans were welcomed, officials in the "
        "capital said on Monday, after 30 MPs left."
    )
    for claim in claims:
        assert claim.claimant is None or claim.claimant.split()[0] not in {"Abdullah", "These"}


def test_according_to_a_person_with_an_appositive_names_the_person():
    claim = _only(
        "Courts rarely accept such claims, according to Ernest Gellhorn, a law professor at "
        "George Mason University."
    )
    assert claim.claimant == "Ernest Gellhorn"
    assert claim.statement == "Courts rarely accept such claims."


def test_a_lower_case_title_before_an_organisation_is_its_description():
    claim = _only("Apple has an 87% share of the market, market research firm NPD Group said.")
    assert (claim.claimant, claim.claimant_description) == ("NPD Group", "market research firm")


def test_an_age_and_a_role_after_the_cue_mean_the_person_last_named():
    claims = _claims(
        'Ronnie Corbett said the show had lost its way. "Viewers are tired of swearing on TV '
        'every night," said the 74-year-old comedian.'
    )
    assert [c.claimant for c in claims if c.claimant] == ["Ronnie Corbett", "Ronnie Corbett"]
    # The age the frame gives is the story's own fact, without a claimant.
    assert [c.statement for c in claims if not c.claimant] == ["Ronnie Corbett is 74 years old."]


def test_a_quote_closing_after_a_capital_letter_ends_the_sentence_and_its_speaker():
    claims = _claims(
        "Mr Milburn promised a campaign. Conservative co-chairman Liam Fox derided the launch, "
        'saying: "It was the worst acting since Cell Block H." Labour had raised taxes 66 '
        "times, he said."
    )
    assert claims[-1].statement == "Labour had raised taxes 66 times."
    assert claims[-1].claimant == "Liam Fox"
