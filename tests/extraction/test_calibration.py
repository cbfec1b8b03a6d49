"""The news calibration: which scored candidates become claims on news prose."""

from __future__ import annotations

import pytest

from claims.extraction import calibration, extract
from tests.extraction.scorers import ConstantScorer

STORY = (
    "Unemployment fell by 4% to 1.4 million in the three months to March, official figures "
    "showed on Wednesday.\n\n"
    '"It is a wonderful club and everyone should be really proud of it," said the striker Joe '
    "Bloggs."
)


class CalibratedScorer(ConstantScorer):
    """A constant score under the version of a scorer the shipped calibration knows."""

    def __init__(self, value: float, version: str) -> None:
        super().__init__(value)
        self.version = version


@pytest.fixture
def calibrated_version() -> str:
    versions = sorted(calibration.calibrations())
    if not versions:
        pytest.skip("no news calibration shipped")
    return versions[0]


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
