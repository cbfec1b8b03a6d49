"""Kinds of not-claim seen on news from other publishers that the calibration's marks now cover:
a question inside a quote, sympathy and well-wishing, a call to action, a stated preference, a
reported emotional reaction. Each is folded into the mark of its kind (question, feeling,
exhortation, verb of thinking), so a fit learns one weight for the kind, not one per formula."""

from __future__ import annotations

import pytest

from tests.extraction.scorers import assert_shipped_fit_ranks_below, named_features
from training.news_calibration import category, publisher_fold

# (feature, a sentence of the kind, the same report without it).
CASES = [
    (
        "question_or_exclamation",
        '"Is the bridge safe?" the mayor asked the engineers.',
        "The mayor told the engineers the bridge was safe.",
    ),
    (
        "question_or_exclamation",
        "Why? a councillor asked him at the meeting.",
        "A councillor asked him about the budget at the meeting.",
    ),
    (
        "feeling",
        "Our thoughts are with the families of the miners.",
        "Our reporters are with the families of the miners.",
    ),
    ("feeling", "Praying for everyone caught in the floods.", "Rain fell on the valley overnight."),
    (
        "feeling",
        "Good luck to the rescue teams and God bless.",
        "The rescue teams arrived at noon.",
    ),
    ("feeling", "Shareholders were stunned.", "Shareholders were paid."),
    (
        "feeling",
        "Local traders are furious about the closure.",
        "Local traders opposed the closure.",
    ),
    ("exhortation", "It's time to stand up to the landlords.", "Rents rose faster than wages."),
    ("exhortation", "Enough is enough.", "The strike ended."),
    (
        "cognition",
        "I'd like the auditors to see the accounts.",
        "I sent the auditors the accounts.",
    ),
    ("cognition", "The board would prefer a later vote.", "The board held a later vote."),
]


@pytest.mark.parametrize(("feature", "marked", "plain"), CASES)
def test_each_kind_sets_the_mark_of_its_kind_and_the_plain_report_does_not(feature, marked, plain):
    assert named_features(marked)[feature] == 1.0
    assert named_features(plain)[feature] == 0.0


def test_a_question_inside_a_speakers_quote_is_a_question_though_the_frame_ends_the_statement():
    statement = 'The mayor said: "Who will pay for the repairs?" She left soon after.'
    assert named_features(statement, is_quote=True)["question_or_exclamation"] == 1.0


def test_time_to_is_a_call_only_as_a_rallying_cry():
    # "time to" in a report of how long something took is no call to action.
    assert named_features("The firm took time to rebuild its stores.")["exhortation"] == 0.0
    assert named_features("Now it's time to act on pay.")["exhortation"] == 1.0


@pytest.mark.parametrize(
    ("feature", "marked", "plain"),
    [case for case in CASES if case[0] in ("question_or_exclamation", "feeling", "exhortation")],
)
def test_the_shipped_calibration_ranks_each_kind_below_the_plain_report(
    feature, marked, plain, calibrated_version
):
    assert_shipped_fit_ranks_below(calibrated_version, feature, marked, plain)


def test_a_polnear_article_is_folded_by_its_publisher_and_a_bbc_article_by_its_section():
    assert publisher_fold("polnear-huff-post_2015-12-02_democrats-call") == "polnear:huff-post"
    assert publisher_fold("polnear-nyt_2016-01-01_some-story") == "polnear:nyt"
    assert publisher_fold("bbc-sport-012") == "sport"
    # Scored only, the PolNeAR set stays one fold.
    assert category("polnear-nyt_2016-01-01_some-story") == "polnear"
