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
