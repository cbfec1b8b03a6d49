"""The check-worthiness management commands: real --help, and evaluation on the shipped model."""

from __future__ import annotations

import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from training.evaluation import shared_data_dir


@pytest.mark.parametrize("command", ["train_checkworthiness", "evaluate_checkworthiness"])
def test_each_command_help_runs_and_explains_itself(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command(command, "--help")
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "shared/data" in out
    assert "CLAIMTRACK_SHARED_DATA" in out


@pytest.mark.data
def test_evaluate_prints_positive_class_scores_for_every_test_set():
    if not (shared_data_dir() / "checkthat2024_task1_english").exists():
        pytest.skip("../shared/data is absent: set CLAIMTRACK_SHARED_DATA to run this test")
    out = StringIO()
    call_command("evaluate_checkworthiness", "linear", stdout=out)
    text = out.getvalue()
    for test_set in ("ct24-test", "ct23-test", "ct22-1a-test", "ct21-1b-test"):
        assert test_set in text
    assert "linear-" in text


@pytest.mark.data
def test_evaluate_reports_the_cascade_with_its_measured_scores():
    if not (shared_data_dir() / "checkthat2024_task1_english").exists():
        pytest.skip("../shared/data is absent: set CLAIMTRACK_SHARED_DATA to run this test")
    pytest.importorskip("onnxruntime", reason="onnxruntime is not installed")
    out = StringIO()
    call_command("evaluate_checkworthiness", "cascade", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("cascade-")
    # test set, n, pos, P, R, F1, MAP, sent/s; measured F1 0.671 and 0.785, MAP 0.382.
    rows = {line.split()[0]: line.split() for line in lines[2:]}
    assert float(rows["ct24-test"][5]) >= 0.66
    assert float(rows["ct23-test"][5]) >= 0.775
    assert float(rows["ct21-1b-test"][6]) >= 0.37


def test_train_names_the_missing_data_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMTRACK_SHARED_DATA", str(tmp_path))
    pytest.importorskip("sklearn")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=r"CT24_checkworthy_english_train\.tsv"):
        call_command("train_checkworthiness", "--output-dir", str(tmp_path / "out"))


@pytest.mark.parametrize("command", ["train_checkworthiness", "evaluate_checkworthiness"])
def test_without_the_training_package_each_command_says_to_run_from_a_checkout(
    command, monkeypatch
):
    # As in the installed wheel: `training` is not there (None in sys.modules refuses the import).
    for module in ("training", "training.checkworthiness", "training.evaluation"):
        monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(CommandError, match="source checkout"):
        call_command(command)
