"""Check-worthiness scoring speed: every shipped model against the linear baseline, same run.

    python benchmarks/checkworthiness.py [--articles N] [--repeat R] [--models linear minilm ...]

Two workloads, both timed after one warm-up call:
- "debates": all 5,300 CT21 task 1B test sentences in one call (bulk re-scoring);
- "ingest": the first N news-corpus articles split into sentences and scored one article per
  call, as the ingest pipeline does (short batches; the realistic number for the target).
Prints sentences/s per model and the ratio to the linear model, and for an ensemble with a
cascade cut (``cascade``) the share of each workload's sentences its slow member had to score.
Not a test: speed depends on the machine. Needs ../shared/data (or CLAIMTRACK_SHARED_DATA).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

# Runnable as a plain script from the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.extraction import checkworthiness
from claims.extraction.evaluation import NEWS_CORPUS_FILE, read_jsonl, shared_data_dir
from claims.extraction.sentences import split_text
from training.evaluation import load_ct21_1b_test

TARGET_SENTENCES_PER_SECOND = 2000


def _shipped_models() -> list[str]:
    names = sorted(checkworthiness.shipped_manifests())
    # The baseline first, so the ratios below read against it.
    return sorted(names, key=lambda n: n != "linear")


def _time(score, batches: list[list[str]], repeat: int) -> tuple[float, float]:
    """Best wall-clock and best CPU-time throughput (sentences/s) over `repeat` runs.

    CPU time (all threads of this process) is reported because the machine is shared: when
    other jobs run, wall-clock speed falls while CPU-seconds per sentence stay put.
    """
    for batch in batches:  # warm-up: word caches, onnxruntime graph set-up
        score(batch)
    wall = cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        for batch in batches:
            score(batch)
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    n = sum(len(b) for b in batches)
    return n / wall, n / cpu


def _slow_share(model: object, batches: list[list[str]]) -> str:
    """Share of sentences a cascade sends to its slow member ("" for other models)."""
    if getattr(model, "cascade_cut", None) is None:
        return ""
    sent = sum(int(model.slow_mask(model.fast.score(b)).sum()) for b in batches)  # type: ignore[attr-defined]
    return f"{sent / sum(len(b) for b in batches):.0%}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--models", nargs="*", default=None)
    args = parser.parse_args()

    debates = load_ct21_1b_test().texts
    news_path = shared_data_dir() / NEWS_CORPUS_FILE
    articles = []
    for record in read_jsonl(news_path):
        articles.append([s for s in split_text(record["text"]) if s.strip()])
        if len(articles) >= args.articles:
            break
    ingest_sentences = sum(len(a) for a in articles)
    print(
        f"debates: {len(debates)} sentences in one call; ingest: {ingest_sentences} sentences "
        f"in {len(articles)} per-article calls; best of {args.repeat}"
    )

    rows = []
    for name in args.models or _shipped_models():
        model = checkworthiness.load(name)
        rows.append(
            (
                Path(name).stem if name.endswith(".json") else name,
                model.version,
                _time(model.score, [debates], args.repeat),
                _time(model.score, articles, args.repeat),
                f"{_slow_share(model, [debates])}/{_slow_share(model, articles)}".strip("/"),
            )
        )
    baseline = next((r for r in rows if r[0] == "linear"), rows[0])
    print(
        f"{'model':<12}{'version':<24}{'debates/s':>10}{'ingest/s':>10}{'x linear':>9}"
        f"{'ingest/CPU-s':>14}{'x linear':>9}{'slow share':>12}"
    )
    base_wall, base_cpu = baseline[3]
    for name, version, bulk, (wall, cpu), share in rows:
        print(
            f"{name:<12}{version:<24}{bulk[0]:>10.0f}{wall:>10.0f}{wall / base_wall:>9.2f}"
            f"{cpu:>14.0f}{cpu / base_cpu:>9.2f}{share:>12}"
        )
    print("debates/s, ingest/s: wall clock; ingest/CPU-s: per CPU-second of this process")
    print("slow share: sentences a cascade sent to its slow member, debates/ingest")
    print(f"target in the ingest path: >= {TARGET_SENTENCES_PER_SECOND} sentences/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
