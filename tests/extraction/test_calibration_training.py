"""The figures the news calibration's training reports: recall, not-claim rate and claimant
accuracy counted the way ``score_claims.py`` counts them, on invented articles."""

from __future__ import annotations

import pytest

from claims.extraction.evaluation import shared_data_dir
from training.news_calibration import (
    Figures,
    Targets,
    article_intervals,
    choose_threshold,
    figures,
    reason_kind,
    targets,
)

# Two invented articles: article 0 has two claim sentences (one attributed) and a not-claim;
# article 1 has one claim sentence and a not-claim.
ARTICLES = [
    (
        "bbc-business-900",
        None,
        "",
        {
            "claims": [
                {"sentence": "Sales rose 4% in March.", "claimant": None},
                {
                    "sentence": "The firm will hire 200 staff, Jane Smith said.",
                    "claimant": "Jane Smith",
                },
            ],
            "not_claims": [{"sentence": "It is a wonderful firm.", "reason": "praise, opinion"}],
        },
    ),
    (
        "bbc-sport-900",
        None,
        "",
        {
            "claims": [{"sentence": "The club sold its ground in 2019.", "claimant": None}],
            "not_claims": [
                {"sentence": "Will they ever win again?", "reason": "rhetorical question"}
            ],
        },
    ),
]
ROWS = [
    {"article": 0, "sentence": "Sales rose 4% in March.", "claimant": None},
    {
        "article": 0,
        "sentence": "The firm will hire 200 staff, Jane Smith said.",
        "claimant": "Smith",
    },
    {"article": 0, "sentence": "It is a wonderful firm.", "claimant": None},
    {"article": 1, "sentence": "The club sold its ground in 2019.", "claimant": None},
    {"article": 1, "sentence": "Will they ever win again?", "claimant": None},
]


@pytest.fixture(scope="module")
def score_claims():
    from training.news_calibration import _score_claims_module

    if not (shared_data_dir().parent / "eval" / "score_claims.py").exists():
        pytest.skip("../shared/eval/score_claims.py is not beside this checkout")
    return _score_claims_module()


def test_each_annotation_points_at_the_candidates_of_its_own_article(score_claims):
    found = targets(ROWS, ARTICLES, score_claims)
    assert [rows for _, rows in found.claims] == [[0], [1], [3]]
    assert [(rows, reason) for _, rows, reason in found.not_claims] == [
        ([2], "praise, opinion"),
        ([4], "rhetorical question"),
    ]
    # The produced claimant "Smith" holds the annotated claimant's last word.
    assert [rows for _, rows in found.claimants] == [[1]]


def test_a_claimant_is_counted_only_where_the_candidate_names_that_person(score_claims):
    rows = [dict(row) for row in ROWS]
    rows[1]["claimant"] = "John Brown"
    found = targets(rows, ARTICLES, score_claims)
    assert [rows for _, rows in found.claimants] == [[]]
    assert figures(found, [1.0] * 5, 0.5).claimant_acc == 0.0


def test_the_figures_count_the_candidates_at_or_above_the_threshold():
    found = Targets(
        claims=[(0, [0]), (0, [1]), (1, [3])],
        not_claims=[(0, [2], "praise"), (1, [4], "question")],
        claimants=[(0, [1])],
    )
    probabilities = [0.9, 0.3, 0.6, 0.5, 0.1]
    assert figures(found, probabilities, 0.5) == Figures(
        recall=2 / 3, not_claim_rate=0.5, claimant_acc=0.0
    )
    assert figures(found, probabilities, 0.3) == Figures(
        recall=1.0, not_claim_rate=0.5, claimant_acc=1.0
    )
    # One article's figures: the sport article alone.
    assert figures(found, probabilities, 0.5, keep={1}) == Figures(
        recall=1.0, not_claim_rate=0.0, claimant_acc=0.0
    )


def test_the_threshold_is_the_highest_that_keeps_the_recall_floor():
    found = Targets(
        claims=[(0, [0]), (0, [1]), (1, [3])],
        not_claims=[(0, [2], "praise"), (1, [4], "question")],
        claimants=[],
    )
    threshold, at = choose_threshold(found, [0.9, 0.3, 0.6, 0.5, 0.1], recall=0.9)
    assert threshold == 0.3
    assert at.recall == 1.0
    assert at.not_claim_rate == 0.5


def test_articles_that_agree_give_an_interval_of_one_point():
    # Every article: one claim kept, one not-claim kept, one claimant missed.
    found = Targets(
        claims=[(a, [3 * a]) for a in range(4)],
        not_claims=[(a, [3 * a + 1], "opinion") for a in range(4)],
        claimants=[(a, [3 * a + 2]) for a in range(4)],
    )
    probabilities = [0.9, 0.8, 0.1] * 4
    intervals = article_intervals(found, probabilities, 0.5, articles=4, draws=200)
    assert intervals == {
        "recall": (1.0, 1.0),
        "not_claim_rate": (1.0, 1.0),
        "claimant_acc": (0.0, 0.0),
    }


def test_articles_that_disagree_give_an_interval_around_the_figure():
    # Half the articles keep their not-claim, half do not: the rate is 0.5, the interval wide.
    found = Targets(
        claims=[(a, [2 * a]) for a in range(10)],
        not_claims=[(a, [2 * a + 1], "opinion") for a in range(10)],
        claimants=[],
    )
    probabilities = [0.9, 0.9, 0.9, 0.1] * 5
    low, high = article_intervals(found, probabilities, 0.5, articles=10)["not_claim_rate"]
    assert low < 0.5 < high
    assert low > 0.1
    assert high < 0.9


@pytest.mark.parametrize(
    ("reason", "kind"),
    [
        ("a rhetorical question about the budget", "question"),
        ("transition to the next quote", "framing"),
        ("speculation about the merger", "speculation"),
        ("advice to savers", "normative"),
        ("the coach's personal feeling about the draw", "feeling"),
        ("promotional line from a shop", "promotion"),
        ("editorial characterisation of the talks", "characterisation"),
        ("opinion (value judgement)", "opinion"),
        ("generic truism", "other"),
    ],
)
def test_an_annotators_reason_falls_into_one_kind(reason, kind):
    assert reason_kind(reason) == kind
