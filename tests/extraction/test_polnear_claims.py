"""The PolNeAR claim annotations are stored as spans into texts that are not copied, and read
back as the sentences ``score_claims.py`` expects."""

from __future__ import annotations

import pytest

from claims.extraction.evaluation import shared_data_dir
from training import polnear_claims
from training.news_calibration import category
from training.polnear_claims import AnnotationError, from_offsets, to_offsets

TEXT = (
    "Budget gap narrows.\n\nThe deficit fell to $439 billion last year, the budget office said. "
    "Critics called the plan a disgrace."
)
WRITTEN = {
    "polnear": "invented_2016-01-01_budget",
    "claims": [
        {
            "claim": "The US deficit fell to $439 billion last year.",
            "sentence": "The deficit fell to $439 billion last year, the budget office said.",
            "claimant": "the Congressional Budget Office",
            "kind": "quote",
        }
    ],
    "not_claims": [{"sentence": "Critics called the plan a disgrace.", "reason": "opinion"}],
    "noise": [],
}


def test_an_annotation_is_stored_as_spans_and_reads_back_the_same_sentences():
    stored = to_offsets(WRITTEN, TEXT, "budget.json")
    assert "sentence" not in stored["claims"][0]
    assert TEXT[slice(*stored["claims"][0]["span"])] == WRITTEN["claims"][0]["sentence"]
    read = from_offsets(stored, TEXT)
    assert read["claims"][0]["sentence"] == WRITTEN["claims"][0]["sentence"]
    assert read["claims"][0]["claimant"] == "the Congressional Budget Office"
    assert read["not_claims"] == WRITTEN["not_claims"]


def test_a_sentence_that_is_not_in_the_article_is_named_with_its_file_and_entry():
    wrong = {**WRITTEN, "not_claims": [{"sentence": "Nobody said this.", "reason": "opinion"}]}
    with pytest.raises(AnnotationError, match=r"budget\.json: not_claims\[0\].*Nobody said this"):
        to_offsets(wrong, TEXT, "budget.json")


def test_a_kind_outside_the_taxonomy_is_refused():
    wrong = {**WRITTEN, "claims": [{**WRITTEN["claims"][0], "kind": "attribution"}]}
    with pytest.raises(AnnotationError, match=r"claims\[0\]: kind 'attribution'"):
        to_offsets(wrong, TEXT, "budget.json")


def test_the_polnear_articles_are_one_fold_apart_from_the_bbc_sections():
    assert category("polnear-nyt_2016-01-20_falling-deficit") == "polnear"
    assert category("bbc-politics-260") == "politics"


@pytest.mark.skipif(
    not (shared_data_dir() / "polnear_attribution").exists(), reason="../shared/data is not here"
)
def test_every_stored_span_falls_inside_its_article():
    articles = polnear_claims.load()
    assert len(articles) == 24
    for _, _, text, annotation in articles:
        for entry in annotation["claims"] + annotation["not_claims"]:
            assert entry["sentence"].strip()
            assert entry["sentence"] in text
