"""evaluate_attribution: speaker accuracy on PolNeAR with the pipeline's own attribution."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from claims.extraction.attribution import attribute
from claims.extraction.evaluation import attribution_score, shared_data_dir
from claims.extraction.sentences import split_sentences


def test_help_runs_and_names_the_data(capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("evaluate_attribution", "--help")
    assert exit_info.value.code == 0
    assert "CLAIMTRACK_SHARED_DATA" in capsys.readouterr().out


def test_the_score_counts_named_sources_and_leaves_pronouns_out():
    text = (
        '"Turnout was 61% in the capital," Mayor Anna Berg said.\n'
        '"We won," he said.\n'
        "The count finished at 4 a.m., officials said."
    )
    lines = text.split("\n")
    starts = [0, len(lines[0]) + 1, len(lines[0]) + len(lines[1]) + 2]
    spans = [(start, start + len(line)) for start, line in zip(starts, lines, strict=True)]
    attributions = [
        {"source": (0, 0, "Mayor Anna Berg"), "content": spans[0]},
        {"source": (0, 0, "he"), "content": spans[1]},
        {"source": (0, 0, "Reuters"), "content": spans[2]},
    ]
    score = attribution_score(attribute, split_sentences, [(text, attributions)])
    assert (score.sentences, score.pronoun_only) == (2, 1)
    assert score.correct == 1  # Anna Berg; "officials" is not "Reuters"
    assert score.attributed == 2


@pytest.mark.data
def test_it_prints_speaker_accuracy_on_the_dev_split():
    if not (shared_data_dir() / "polnear_attribution" / "dev").is_dir():
        pytest.skip("../shared/data is absent: set CLAIMTRACK_SHARED_DATA to run this test")
    out = StringIO()
    call_command("evaluate_attribution", stdout=out)
    text = out.getvalue()
    assert "PolNeAR dev: 84 articles" in text
    accuracy = float(text.split("speaker accuracy ")[1].split()[0])
    assert accuracy >= 0.35
