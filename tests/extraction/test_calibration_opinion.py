"""Marks of opinion the news calibration reads beyond its word lists: subjectivity from a
general lexicon, feelings, scare-quoted characterisations, reactions without content."""

from __future__ import annotations

import pytest

from claims.extraction import calibration, extract
from tests.extraction.scorers import (
    CalibratedScorer,
    assert_shipped_fit_ranks_below,
    named_features,
)

# (a sentence that must be dropped, the same sentence without the mark: it must stay).
# Each marked sentence carries no other mark the calibration knew before these features.
PAIRS = {
    "subjectivity": ("The stadium design is elegant.", "The stadium design is in Cardiff."),
    "feeling": ("Rooney loves the club.", "Rooney leaves the club."),
    "scare_quote": (
        'Film distributors described the conviction as "a boost".',
        "Film distributors described the conviction.",
    ),
    "stance_verb": ("Liam Fox derided the photo call.", "Liam Fox attended the photo call."),
}


@pytest.mark.parametrize("feature", sorted(PAIRS))
def test_each_new_mark_of_opinion_is_a_feature_only_where_it_occurs(feature):
    marked, plain = PAIRS[feature]
    assert named_features(marked)[feature] > 0
    assert named_features(plain)[feature] == 0.0


def test_subjectivity_is_graded_by_the_general_lexicon():
    lexicon = calibration.subjectivity_lexicon()
    assert lexicon["wonderful"] == 1.0
    assert lexicon["british"] == 0.0
    assert named_features("The results were wonderful.")["subjectivity"] == 1.0
    assert named_features("The results were published in March.")["subjectivity"] == 0.0


def test_a_speaker_direct_quote_is_not_a_scare_quote():
    # The quoted words of a direct quote are its content, not a borrowed characterisation.
    assert named_features("Exports rose 4% in March.", is_quote=True)["scare_quote"] == 0.0


def test_a_long_quoted_passage_inside_narration_is_not_a_scare_quote():
    statement = (
        'The report said "exports of cars and machinery rose by four per cent in the first '
        'quarter of the year".'
    )
    assert named_features(statement)["scare_quote"] == 0.0


@pytest.mark.parametrize("feature", sorted(PAIRS))
def test_the_shipped_calibration_ranks_the_marked_sentence_below_the_plain_one(
    feature, calibrated_version
):
    marked, plain = PAIRS[feature]
    assert_shipped_fit_ranks_below(calibrated_version, feature, marked, plain)


def test_at_the_margin_a_feeling_is_dropped_where_the_plain_report_stays(calibrated_version):
    news = calibration.for_scorer(calibrated_version)
    marked, plain = PAIRS["feeling"]

    def kept(statement: str, score: float) -> bool:
        scorer = CalibratedScorer(score, calibrated_version)
        return bool(extract(statement, scorer=scorer).claims)

    # The lowest scorer score at which the plain report is kept ...
    margin = next(s / 100 for s in range(1, 100) if kept(plain, s / 100))
    assert news.threshold > 0
    # ... does not keep the same sentence with a feeling in it.
    assert not kept(marked, margin)
