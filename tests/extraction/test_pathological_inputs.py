"""Inputs built to make the pipeline's regular expressions backtrack (issue 15, ReDoS).

Each family goes through the whole pipeline. Time is asserted as growth (4x the input may take
at most ~6x the time, above a floor that keeps timer noise out) plus a generous absolute cap,
not as a fragile absolute figure. Before the fix the small sizes alone ran for minutes.
"""

from __future__ import annotations

import time

import pytest

from claims.extraction.noise import byline_of, is_boilerplate
from claims.extraction.pipeline import extract
from claims.extraction.sentences import split_text
from tests.extraction.scorers import ConstantScorer

FLOOR_SECONDS = 0.05
CAP_SECONDS = 10.0


def _repeat(unit: str, size: int, tail: str = "") -> str:
    return (unit * (size // len(unit) + 1))[: size - len(tail)] + tail


def _lines(line: str, size: int) -> str:
    return _repeat(line + "\n", size)


FAMILIES = {
    "run of !": lambda n: _repeat("!", n, "a"),
    "run of ?": lambda n: _repeat("?", n, "a"),
    "run of …": lambda n: _repeat("…", n, "x"),
    "run of .": lambda n: _repeat(".", n, "x"),
    "alternating !.": lambda n: _repeat("!.", n, "a"),
    "alternating !…": lambda n: _repeat("!…", n, "a"),
    "breadcrumb lines ending in ?": lambda n: _lines("Home > World > Europe > " * 4 + "News?", n),
    "byline lines By Aand…!": lambda n: _lines("By " + "Aand" * 23 + "!", n),
    'run of "': lambda n: _repeat('"', n, "a"),
    "run of '": lambda n: _repeat("'", n, "a"),
    "run of “": lambda n: _repeat("“", n, "a"),
    "run of ”": lambda n: _repeat("”", n, "a"),
    "run of «": lambda n: _repeat("«", n, "a"),
    "run of »": lambda n: _repeat("»", n, "a"),
    "! then closing quotes": lambda n: _repeat("!" + "”" * 50, n, "a"),
    "abbreviations": lambda n: _repeat("Mr. Dr. Gen. U.S. Co. ", n),
    "initials": lambda n: _repeat("J. ", n),
    "initial I": lambda n: _repeat("I. ", n),
    "combining marks": lambda n: _repeat("a\u0301\u0302\u0303 ", n),
    "one long line": lambda n: _repeat("The minister said the figure rose by 5 per cent, ", n),
    "long digits": lambda n: _repeat("8", n, " per cent of all"),
    "tags after quotes": lambda n: _repeat('"<b>.', n),
    "unclosed tags with attributes": lambda n: _repeat("<a b=\"1\" c='2' d=3 ", n),
    "tweet signature look-alikes": lambda n: _repeat("https://t.co/a — Jane Roe (@j) ", n),
    "follow-us look-alikes": lambda n: _repeat(". Follow us on X and on X for more ", n),
}


def _seconds(text: str) -> float:
    # The best of three: the machine is shared, and one slow run is noise, not growth.
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        extract(text, scorer=ConstantScorer(), threshold=0.5)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("family", FAMILIES)
def test_a_pathological_input_is_extracted_in_linear_time(family):
    build = FAMILIES[family]
    small = _seconds(build(10_000))
    large = _seconds(build(40_000))
    assert large < CAP_SECONDS, f"{family}: {large:.2f} s for 40,000 characters"
    growth = max(large, FLOOR_SECONDS) / max(small, FLOOR_SECONDS)
    assert growth <= 6, f"{family}: 4x the input took {growth:.1f}x the time ({small=}, {large=})"


def test_the_issues_examples_each_finish_at_once():
    # Each took 8 to 40 seconds before: "!"*1000+"a" (cubic), a breadcrumb line ending in "?"
    # (exponential), "By "+"Aand"*23+"!" (exponential).
    for text in [
        "!" * 1000 + "a",
        "?" * 1000 + "a",
        "Home > World > Europe > Politics > Armenia > Drills > CSTO > Moscow > Yerevan > News?",
        "By " + "Aand" * 23 + "!",
        "a > " * 30 + "?",
    ]:
        assert _seconds(text) < 1.0, text


def test_the_rewritten_patterns_keep_what_they_found():
    assert is_boilerplate("Home > World > Europe")
    assert is_boilerplate("News » Politics » Elections")
    assert not is_boilerplate("Home > World > Europe?")
    assert not is_boilerplate("Prices rose > 5% in May > June > July.")
    assert byline_of("By Jane Doe and John Roe | CNN") == "Jane Doe and John Roe | CNN"
    assert byline_of("By Jane Doe, John Roe & Ann Lee") == "Jane Doe, John Roe & Ann Lee"
    assert byline_of("By " + "Aand" * 23 + "!") is None
    assert split_text("Wow!… Then it ended. Really?! Yes.") == [
        "Wow!…",
        "Then it ended.",
        "Really?!",
        "Yes.",
    ]
    assert split_text("He waited . . . . Then he left.") == ["He waited . . . .", "Then he left."]
