"""Extraction time on inputs built to make regular expressions backtrack (issue 15, ReDoS).

Each family is generated at two sizes (25 KiB and 100 KiB by default) and run through the whole
pipeline (``claims.extraction.pipeline.extract``) with a constant scorer, so the time is the
text handling alone. Prints seconds per 100 KiB and the growth ratio (time at 4x the input over
time at 1x); then the peak memory of one 5 MB single-line article.

Targets: every case under 2 s per 100 KiB, and 4x the input at most 5x the time (each time is
the best of three runs; a floor of 50 ms keeps timer noise out of the ratio). Exits 1 when one
is missed.

    python benchmarks/pathological.py [--small 25] [--large 100] [--huge-mb 5]
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims.extraction.pipeline import extract

TARGET_SECONDS_PER_100K = 2.0
TARGET_GROWTH = 5.0
FLOOR_SECONDS = 0.05


class ConstantScorer:
    version = "constant"

    def score(self, texts):
        return [0.9] * len(texts)


def _repeat(unit: str, size: int, tail: str = "") -> str:
    return (unit * (size // len(unit) + 1))[: size - len(tail)] + tail


def _lines(line: str, size: int) -> str:
    return _repeat(line + "\n", size)


# name -> builder(size in characters) -> text
FAMILIES: dict[str, Callable[[int], str]] = {
    "run of ! then a letter": lambda n: _repeat("!", n, "a"),
    "run of ? then a letter": lambda n: _repeat("?", n, "a"),
    "run of ‽ then a letter": lambda n: _repeat("‽", n, "a"),
    "run of … then a letter": lambda n: _repeat("…", n, "x"),
    "run of . then a letter": lambda n: _repeat(".", n, "x"),
    "spaced dots then a letter": lambda n: _repeat(". ", n, ".x"),
    "alternating !. then a letter": lambda n: _repeat("!.", n, "a"),
    "alternating !… then a letter": lambda n: _repeat("!…", n, "a"),
    'run of " quotes': lambda n: _repeat('"', n, "a"),
    "run of ' quotes": lambda n: _repeat("'", n, "a"),
    "run of “ quotes": lambda n: _repeat("“", n, "a"),
    "run of ” quotes": lambda n: _repeat("”", n, "a"),
    "run of « quotes": lambda n: _repeat("«", n, "a"),
    "! then closing quotes": lambda n: _repeat("!" + "”" * 50, n, "a"),
    "quoted says-sentences": lambda n: _repeat('"It was a good day for us all," he said ', n),
    "abbreviations (Mr. Dr. U.S.)": lambda n: _repeat("Mr. Dr. Gen. U.S. Co. ", n),
    "initials (J. R. R.)": lambda n: _repeat("J. ", n),
    "initials I. I.": lambda n: _repeat("I. ", n),
    "multi-period word": lambda n: _repeat("a.", n, " The"),
    "bylines By Aand…!": lambda n: _lines("By " + "Aand" * 23 + "!", n),
    "breadcrumbs ending in ?": lambda n: _lines("Home > World > Europe > " * 4 + "Politics?", n),
    "breadcrumbs, one long line": lambda n: _repeat("a > ", n, "?"),
    "cookie lines": lambda n: _lines("cookies " + "accept cookie policy " * 20, n),
    "newsletter lines": lambda n: _lines("newsletter " * 40, n),
    "dateline-like lines": lambda n: _lines("MOSCOW " + "- " * 60 + "x", n),
    "combining marks": lambda n: _repeat("a\u0301\u0302\u0303 ", n),
    "combining marks alone": lambda n: _repeat("\u0301", n),
    "one long line of words": lambda n: _repeat("word ", n),
    "one long word": lambda n: _repeat("x", n),
    "long digits": lambda n: _repeat("8", n, " per cent"),
    "hyphenated capitals": lambda n: _repeat("A-", n, " said"),
    "according to, no comma": lambda n: "It rose, according to " + _repeat("x ", n - 22),
    "said-verbs without content": lambda n: _repeat("Minister said ", n),
}


def _time(text: str, scorer: ConstantScorer, runs: int = 3) -> float:
    """The best of ``runs``: on a shared machine one slow run is noise, not growth."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        extract(text, scorer=scorer, threshold=0.5)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=25, help="small size, KiB (default 25)")
    parser.add_argument("--large", type=int, default=100, help="large size, KiB (default 100)")
    parser.add_argument("--huge-mb", type=float, default=5, help="one-line article, MB")
    args = parser.parse_args()
    scorer = ConstantScorer()
    small, large = args.small * 1024, args.large * 1024
    _time("Warm up. The pipeline loads its tables once.", scorer)

    missed: list[str] = []
    print(f"{'case':34} {args.small:>5} KiB s {args.large:>5} KiB s {'s/100KiB':>9} {'growth':>7}")
    for name, build in FAMILIES.items():
        t_small = _time(build(small), scorer)
        t_large = _time(build(large), scorer)
        per_100k = t_large * (100 * 1024) / large
        growth = max(t_large, FLOOR_SECONDS) / max(t_small, FLOOR_SECONDS)
        ratio = large / small
        # 4x the input may take at most 5x the time: scale the allowance to the sizes asked.
        allowed = TARGET_GROWTH * ratio / 4
        flag = ""
        if per_100k > TARGET_SECONDS_PER_100K or growth > allowed:
            flag = "  MISSED"
            missed.append(name)
        print(
            f"{name:34} {t_small:11.3f} {t_large:11.3f} {per_100k:9.3f} {growth:6.2f}x{flag}",
            flush=True,
        )

    size = int(args.huge_mb * 1_000_000)
    huge = _repeat("The minister said the figure rose by 5 per cent, ", size)
    tracemalloc.start()
    seconds = _time(huge, scorer, runs=1)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"one-line article of {size / 1e6:.1f} MB: {seconds:.2f} s, "
        f"peak traced memory {peak / 1e6:.0f} MB ({peak / size:.1f}x the text)"
    )
    print(
        f"targets: < {TARGET_SECONDS_PER_100K} s per 100 KiB and 4x input <= {TARGET_GROWTH}x "
        f"time: {'missed by ' + ', '.join(missed) if missed else 'met by every case'}"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
