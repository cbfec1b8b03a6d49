"""The seed article: it arrives twice (straight then curly quotes) and ends with "Loading…"."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.extraction import EXTRACTOR_VERSION, Extraction, comparison_key, extract
from tests.extraction.scorers import ConstantScorer, DigitScorer

SEED = Path(__file__).parent / "fixtures" / "seed_article.txt"


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return extract(SEED.read_text(encoding="utf-8"), scorer=ConstantScorer(0.9))


def _claim_containing(extraction: Extraction, words: str):
    matches = [c for c in extraction.claims if words in c.statement]
    assert matches, f"no claim contains {words!r}: {[c.statement for c in extraction.claims]}"
    return matches[0]


def test_it_keeps_every_paragraph_once(extraction):
    paragraphs = extraction.text.split("\n\n")
    assert len(paragraphs) == 13
    assert len({comparison_key(p) for p in paragraphs}) == 13


def test_it_drops_the_loading_line(extraction):
    assert "Loading" not in extraction.text


def test_no_two_claims_share_a_comparison_key(extraction):
    keys = [comparison_key(c.statement) for c in extraction.claims]
    assert len(keys) == len(set(keys))


def test_every_claim_points_at_its_verbatim_sentence(extraction):
    for claim in extraction.claims:
        assert extraction.text[claim.start : claim.end] == claim.sentence
    for sentence in extraction.sentences:
        assert extraction.text[sentence.start : sentence.end] == sentence.text


def test_it_finds_the_csto_refusing_to_condemn_azerbaijan(extraction):
    assert any(
        "CSTO refusing to" in c.statement and "condemn Azerbaijan" in c.statement
        for c in extraction.claims
    )


def test_it_attributes_the_first_pashinyan_quote_with_title_stripped(extraction):
    claim = _claim_containing(extraction, "These exercises will not take place")
    assert claim.claimant == "Nikol Pashinyan"
    assert claim.claimant_description == "Armenian Prime Minister"
    assert claim.is_quote
    assert claim.kind == "quote"
    assert claim.statement == "These exercises will not take place."


def test_it_attributes_the_second_quoted_sentence_to_the_same_speaker(extraction):
    claim = _claim_containing(
        extraction,
        "Armenia does not believe it is expedient to conduct CSTO exercises in the republic "
        "this year",
    )
    assert claim.claimant == "Nikol Pashinyan"
    assert claim.claimant_description == "Armenian Prime Minister"
    assert claim.is_quote
    assert not claim.statement.startswith(("“", '"'))


def test_it_resolves_he_said_to_pashinyan(extraction):
    claim = _claim_containing(
        extraction, "military presence in Armenia not only fails to guarantee its security"
    )
    assert claim.claimant == "Nikol Pashinyan"
    assert claim.is_quote


def test_it_attributes_the_kremlin_statement_to_peskov(extraction):
    claim = next(c for c in extraction.claims if "Armenia is our close ally" in c.statement)
    assert "In any case, Armenia is our close ally" in claim.sentence
    assert claim.claimant == "Dmitry Peskov"
    assert not claim.statement.startswith("In any case")


def test_it_strips_discourse_openers(extraction):
    assert any(
        c.statement.startswith("The Kremlin also has sought to maintain warm ties")
        for c in extraction.claims
    )
    assert not any(c.statement.startswith(("But ", "However")) for c in extraction.claims)


def test_it_keeps_attributed_quotes_below_the_threshold():
    text = SEED.read_text(encoding="utf-8")
    extraction = extract(text, scorer=ConstantScorer(0.1), threshold=0.5)
    assert extraction.claims
    assert all(c.is_quote and c.claimant for c in extraction.claims)


def test_it_keeps_narrative_claims_by_score():
    extraction = extract(SEED.read_text(encoding="utf-8"), scorer=DigitScorer(), threshold=0.5)
    narrative = [c for c in extraction.claims if not c.is_quote]
    assert narrative
    assert all(any(ch.isdigit() for ch in c.statement) for c in narrative)


def test_it_records_versions_and_scores(extraction):
    assert extraction.extractor_version == EXTRACTOR_VERSION
    assert extraction.model_version == "test-constant"
    assert all(0.0 <= c.score <= 1.0 for c in extraction.claims)


def test_it_scores_all_statements_in_one_batch():
    scorer = ConstantScorer(0.9)
    extract(SEED.read_text(encoding="utf-8"), scorer=scorer)
    assert len(scorer.calls) == 1


def test_it_drops_the_introducer_line(extraction):
    assert not any("as follows" in c.statement for c in extraction.claims)


def test_the_shipped_default_scorer_keeps_the_must_have_claims():
    try:
        extraction = extract(SEED.read_text(encoding="utf-8"))
    except (ImportError, FileNotFoundError) as missing:
        pytest.skip(f"default check-worthiness model not available: {missing}")
    assert extraction.model_version != "test-constant"
    assert any("CSTO refusing to" in c.statement for c in extraction.claims)
    speakers = {c.claimant for c in extraction.claims if c.is_quote}
    # Peskov's "Armenia is our close ally, and we will continue our dialogue" is diplomacy, not
    # a checkable claim: the news calibration (which no longer keeps every attributed quote
    # whatever its score) ranks it below the cut. Its attribution is tested above.
    assert "Nikol Pashinyan" in speakers
