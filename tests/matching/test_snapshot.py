"""The saved index: a process started later loads it, then adds what was stored since."""

from __future__ import annotations

import json
from io import StringIO

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from claims.matching import services
from tests.matching.test_services import (
    ORIGINAL,
    PARAPHRASE,
    UNRELATED,
    claim_in_new_article,
    review,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["exact", "hnsw"])
def structure(request, settings):
    settings.CLAIMTRACK_MATCH_INDEX = request.param
    services.reset_database_index()
    yield request.param
    services.reset_database_index()


def keys_found(index: services.DatabaseIndex, text: str) -> set[int]:
    return {hit.key for hit in index.search(text, public=False)}


def test_a_process_loads_the_saved_index_then_adds_the_claims_stored_after_it(structure, tmp_path):
    earlier = claim_in_new_article(ORIGINAL)
    services.claims_match(claim_ids=[earlier.pk])
    meta = services.index_snapshot_save(folder=tmp_path)
    assert (meta["structure"], meta["count"]) == (structure, 1)
    later = claim_in_new_article(UNRELATED)
    services.claims_match(claim_ids=[later.pk])

    started = services.DatabaseIndex(snapshot=tmp_path)
    # Loaded from the file, before any look at the database: the earlier claim and its terms.
    assert started.matcher.index.has(services.claim_key(earlier.pk))
    assert not started.matcher.index.has(services.claim_key(later.pk))
    assert started.matcher.statistics.documents == 1
    assert services.claim_key(earlier.pk) in keys_found(started, PARAPHRASE)
    # Its first search read the rows stored after the snapshot's high-water mark.
    assert services.claim_key(later.pk) in keys_found(started, UNRELATED)
    assert started.matcher.statistics.documents == 2


def test_a_snapshot_of_another_encoder_is_ignored_and_the_database_read_instead(
    structure, tmp_path
):
    earlier = claim_in_new_article(ORIGINAL)
    services.claims_match(claim_ids=[earlier.pk])
    services.index_snapshot_save(folder=tmp_path)
    meta = json.loads((tmp_path / "index.json").read_text())
    (tmp_path / "index.json").write_text(json.dumps(meta | {"encoder": "an-older-encoder"}))

    started = services.DatabaseIndex(snapshot=tmp_path)
    assert len(started.matcher.index) == 0
    assert services.claim_key(earlier.pk) in keys_found(started, PARAPHRASE)


def test_saving_again_replaces_the_files_and_leaves_only_the_new_ones(tmp_path):
    services.claims_match(claim_ids=[claim_in_new_article(ORIGINAL).pk])
    first = services.index_snapshot_save(folder=tmp_path)
    second = services.index_snapshot_save(folder=tmp_path)
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {"index.json", second["vectors"], second["terms"]}
    assert first["vectors"] not in names


def test_the_command_saves_the_index_to_the_folder_it_is_given(tmp_path):
    services.claims_match(claim_ids=[claim_in_new_article(ORIGINAL).pk])
    out = StringIO()
    call_command("match_claims", "--save-index", "--folder", str(tmp_path), stdout=out)
    assert "index of 1 vectors" in out.getvalue()
    assert json.loads((tmp_path / "index.json").read_text())["count"] == 1


def test_the_command_refuses_to_save_without_a_folder(settings):
    settings.CLAIMTRACK_MATCH_SNAPSHOT = ""
    with pytest.raises(CommandError, match="--save-index needs --folder"):
        call_command("match_claims", "--save-index", stdout=StringIO())


def test_terms_counted_for_many_statements_at_once_equal_counting_them_one_by_one():
    from claims.matching.ranking import TermStatistics

    texts = [ORIGINAL, PARAPHRASE, UNRELATED, "Vaccines, vaccines and more vaccines in 2021."]
    one_by_one, at_once = TermStatistics(), TermStatistics()
    for text in texts:
        one_by_one.add(text)
    at_once.add_many(texts)
    assert (at_once.documents, at_once.total_length) == (
        one_by_one.documents,
        one_by_one.total_length,
    )
    assert np.array_equal(at_once.df, one_by_one.df) and at_once.df.dtype == one_by_one.df.dtype


def test_a_build_in_batches_holds_every_stored_vector_once_with_each_statement_counted_once(
    structure, monkeypatch
):
    from claims.models import ClaimEmbedding

    monkeypatch.setattr(services._Batch, "SIZE", 2)  # three batches for five claims
    statements = [ORIGINAL, PARAPHRASE, UNRELATED, "Taxes rose by 3%.", "Exports fell."]
    claims = [claim_in_new_article(s) for s in statements]
    services.claims_match(claim_ids=[c.pk for c in claims])
    services.fact_checks_import(reviews=[review()])

    built = services.DatabaseIndex()
    built.refresh(force=True)
    built.refresh(force=True)  # the look-back reads every row again: none is added twice
    assert len(built.matcher.index) == 6
    assert built.matcher.statistics.documents == 6
    for claim in claims:
        stored = services._from_bytes(ClaimEmbedding.objects.get(claim=claim).vector)
        keys, cosines = built.matcher.index.search(stored, 1)
        assert keys.tolist() == [services.claim_key(claim.pk)]
        assert cosines[0] == pytest.approx(1.0, abs=0.02)  # int8 in the graph
