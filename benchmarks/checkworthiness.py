"""Check-worthiness scoring speed: every shipped model against the linear baseline, same run.

    python benchmarks/checkworthiness.py [--articles N] [--repeat R] [--models linear minilm]

Two workloads, both timed after one warm-up call:
- "debates": all 5,300 CT21 task 1B test sentences in one call (bulk re-scoring);
- "ingest": the first N news-corpus articles split into sentences and scored one article per
  call, as the ingest pipeline does (short batches; the realistic number for the target).
Prints sentences/s per model and the ratio to the linear model. Not a test: speed depends on
the machine. Needs ../shared/data (or CLAIMTRACK_SHARED_DATA).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

# Runnable as a plain script from the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.extraction import checkworthiness
from claims.extraction.checkworthiness_eval import load_ct21_1b_test
from claims.extraction.evaluation import NEWS_CORPUS_FILE, read_jsonl, shared_data_dir
from claims.extraction.sentences import split_text

TARGET_SENTENCES_PER_SECOND = 2000


def _shipped_models() -> list[str]:
    names = sorted(p.stem for p in checkworthiness.MODELS_DIR.glob("*.json"))
    # The baseline first, so the ratios below read against it.
    return sorted(names, key=lambda n: n != "linear")


def _time(score, batches: list[list[str]], repeat: int) -> float:
    score(batches[0])  # warm-up: first-call allocations, onnxruntime graph set-up
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for batch in batches:
            score(batch)
        best = min(best, time.perf_counter() - start)
    return sum(len(b) for b in batches) / best


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
                name,
                model.version,
                _time(model.score, [debates], args.repeat),
                _time(model.score, articles, args.repeat),
            )
        )
    baseline = next((r for r in rows if r[0] == "linear"), rows[0])
    print(f"{'model':<12}{'version':<24}{'debates/s':>11}{'ingest/s':>11}{'x linear':>10}")
    for name, version, bulk, ingest in rows:
        print(f"{name:<12}{version:<24}{bulk:>11.0f}{ingest:>11.0f}{ingest / baseline[3]:>10.2f}")
    print(f"target in the ingest path: >= {TARGET_SENTENCES_PER_SECOND} sentences/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
