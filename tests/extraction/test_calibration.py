"""The news calibration: which scored candidates become claims on news prose."""

from __future__ import annotations

import pytest

from claims.extraction import calibration, extract
from tests.extraction.scorers import CalibratedScorer, ConstantScorer

STORY = (
    "Unemployment fell by 4% to 1.4 million in the three months to March, official figures "
    "showed on Wednesday.\n\n"
    '"It is a wonderful club and everyone should be really proud of it," said the striker Joe '
    "Bloggs."
)


def test_features_follow_the_declared_order():
    vector = calibration.features(
        "We think prices rose 4% in 2024.", score=0.5, is_quote=True, has_speaker=True
    )
    assert len(vector) == len(calibration.FEATURES)
    named = dict(zip(calibration.FEATURES, vector, strict=True))
    assert named["statistic"] == 1.0
    assert named["first_person_plural"] == 1.0
    assert named["cognition"] == 1.0
    assert named["direct_quote"] == 1.0
    assert named["score_logit"] == 0.0


def test_a_scorer_without_calibration_is_cut_at_its_own_threshold():
    assert calibration.for_scorer("test-constant") is None
    extraction = extract(STORY, scorer=ConstantScorer(0.9))
    assert extraction.model_version == "test-constant"
    assert all(c.score == 0.9 for c in extraction.claims)


def test_a_calibrated_scorer_ranks_facts_above_feelings(calibrated_version):
    extraction = extract(STORY, scorer=CalibratedScorer(0.5, calibrated_version), threshold=None)
    news = calibration.for_scorer(calibrated_version)
    assert extraction.model_version == f"{calibrated_version}+{news.version}"
    statements = [c.statement for c in extraction.claims]
    assert any("Unemployment fell by 4%" in s for s in statements)
    assert not any("wonderful" in s for s in statements)
    assert all(c.score >= news.threshold for c in extraction.claims)


def test_an_explicit_threshold_applies_to_the_scorer_own_score(calibrated_version):
    extraction = extract(STORY, scorer=CalibratedScorer(0.5, calibrated_version), threshold=0.4)
    assert extraction.model_version == calibrated_version
    assert len(extraction.claims) == 2


def test_a_named_speaker_announcement_is_kept_unless_it_is_opinion(calibrated_version):
    text = (
        '"These exercises will not take place," Prime Minister Nikol Pashinyan said.\n\n'
        '"I really think these drills will be wonderful," said Defence Minister Suren Papikyan.'
    )
    extraction = extract(text, scorer=CalibratedScorer(0.01, calibrated_version))
    assert [c.statement for c in extraction.claims] == ["These exercises will not take place."]


def _named(statement: str, *, is_quote: bool = False) -> dict[str, float]:
    vector = calibration.features(statement, score=0.5, is_quote=is_quote, has_speaker=is_quote)
    return dict(zip(calibration.FEATURES, vector, strict=True))


@pytest.mark.parametrize(
    ("statement", "feature"),
    [
        ("The show of unity was a pathetic piece of acting.", "judgement"),
        ("It is really very early to be cutting prices.", "intensifier"),
        ("Anyone who says otherwise is wrong.", "generic_person"),
        ("Hopefully the matter will be sorted out soon.", "hedge"),
        ("We need action on the railways, not more talk.", "exhortation"),
        ("If the Americans change their policy, it is up to them.", "conditional"),
        ("A spokesman for the bank declined to comment.", "no_comment"),
        ("Film distributors have hailed the conviction.", "stance_verb"),
        ("Too safe and too cheap.", "verbless"),
        ('Tony Blair said: "I would never attack him."', "framed_quote"),
    ],
)
def test_each_mark_of_opinion_or_rhetoric_is_a_feature(statement, feature):
    assert _named(statement)[feature] > 0


def test_a_plain_statement_of_fact_carries_no_mark_of_opinion():
    named = _named("The IMF approved a $10bn loan to Turkey on Tuesday.")
    marks = [f for f in calibration.NON_POSITIVE if not f.startswith("quote_x_")]
    assert {f: named[f] for f in marks if named[f]} == {}
    assert named["statistic"] == 1.0 and named["time_expression"] == 1.0


def test_opinion_inside_a_direct_quote_is_a_feature_of_its_own():
    quoted = _named("The show of unity was a pathetic piece of acting.", is_quote=True)
    narrated = _named("The show of unity was a pathetic piece of acting.")
    assert quoted["quote_x_judgement"] > 0
    assert narrated["quote_x_judgement"] == 0.0


def test_the_scorer_and_the_features_read_a_quote_without_its_frame():
    framed = 'Dmitry Peskov said: "Armenia is our close ally."'
    assert calibration.scored_text(framed) == "Armenia is our close ally."
    assert calibration.scored_text("Armenia is our close ally.") == "Armenia is our close ally."
    with_frame = _named(framed, is_quote=True)
    without = _named("Armenia is our close ally.", is_quote=True)
    # "said" and the speaker's name are no evidence: only the frame flag differs.
    assert {f for f in calibration.FEATURES if with_frame[f] != without[f]} == {"framed_quote"}


def test_the_shipped_weights_respect_the_signs_the_fit_is_held_to(calibrated_version):
    weights = dict(
        zip(calibration.FEATURES, calibration.for_scorer(calibrated_version).weights, strict=True)
    )
    assert all(weights[f] <= 0 for f in calibration.NON_POSITIVE)
    assert all(weights[f] >= 0 for f in calibration.NON_NEGATIVE)


def test_extract_and_rescore_give_a_stored_statement_the_same_score(calibrated_version):
    from claims.extraction import StoredStatement, rescore

    text = (
        "Unemployment fell by 4% to 1.4 million in the three months to March.\n\n"
        '"I lost the race because I was conserving energy," Maurice Greene said.'
    )
    scorer = CalibratedScorer(0.99, calibrated_version)
    extraction = extract(text, scorer=scorer, threshold=None)
    claims = list(extraction.claims)
    assert any(c.statement.startswith("Maurice Greene said: ") for c in claims)
    scores, version = rescore(
        [StoredStatement(c.statement, c.is_quote, c.claimant is not None) for c in claims],
        scorer=scorer,
    )
    assert version == extraction.model_version
    assert scores == pytest.approx([c.score for c in claims])
