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
