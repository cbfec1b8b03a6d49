"""The pipeline's output on news-corpus articles matches the committed snapshot.

A change made for speed must not change a single claim, offset or score. When a change is meant
to change the claims, regenerate the fixture: ``python -m tests.extraction.pipeline_snapshot``.
"""

from __future__ import annotations

import json

import pytest

from claims.extraction.evaluation import NEWS_CORPUS_FILE, shared_data_dir
from tests.extraction import pipeline_snapshot

pytestmark = pytest.mark.data


def test_the_pipeline_yields_the_snapshot_claims_offsets_and_scores_on_news_articles():
    data = shared_data_dir()
    if not (data / NEWS_CORPUS_FILE).exists():
        pytest.skip(f"{data / NEWS_CORPUS_FILE} is absent: set CLAIMTRACK_SHARED_DATA")
    expected = json.loads(pipeline_snapshot.FIXTURE.read_text(encoding="utf-8"))
    assert expected["stride"] == pipeline_snapshot.STRIDE
    actual = pipeline_snapshot.build(data)
    assert len(actual["cases"]) > 200
    problems = pipeline_snapshot.differences(expected, actual)
    assert not problems, (
        "extract() output changed; if that is intended, regenerate with "
        "`python -m tests.extraction.pipeline_snapshot`:\n" + "\n".join(problems)
    )
