"""Ingest throughput on real articles into PostgreSQL, against baselines measured in the same run.

    python benchmarks/ingest.py [--articles 2000] [--workers 1] [--rss-check]

Input: ../shared/data/news_corpus/articles.jsonl (BBC News; or $CLAIMTRACK_SHARED_DATA), cycled
with a distinct first paragraph when more articles are asked for than it holds; where the folder
is absent, a generator of synthetic articles. Output: articles/s, sentences/s, claims/s, the split
between extraction and database writes, queries per article, peak RSS; and two baselines:

- pySBD segmentation alone over the same texts (a peer's cost for one step);
- PostgreSQL COPY of exactly the rows the ingest wrote (the physical limit of the write phase).

Targets (exit status 1 when one is missed): end-to-end ingest >= 2x pySBD's rate in articles/s;
the write phase (the time in `articles_write`, one worker) >= 50% of the COPY rate in
rows/s; with --rss-check, peak RSS within 20% between 2,000 and 20,000 articles (two child
runs). The database named by --database-url is dropped and
recreated: never point it at real data.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._database import recreate_database  # noqa: E402
from claims.extraction.evaluation import NEWS_CORPUS_FILE, shared_data_dir  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/claimtrack_bench"
TABLES = [
    "articles_publisher",
    "articles_article",
    "claims_claimant",
    "claims_claimantalias",
    "claims_claim",
    "claims_appearance",
]


def synthetic_articles(rng: random.Random) -> Iterator[dict]:
    """Plausible wire copy: numbers, quotes with speakers, reported speech, boilerplate."""
    people = ["Maria Lopez", "John Okafor", "Anna Schmidt", "Li Wei", "Ahmed Hassan"]
    roles = ["Finance Minister", "central bank governor", "opposition leader", "mayor"]
    topics = ["unemployment", "inflation", "exports", "house prices", "wages", "crime"]
    n = 0
    while True:
        paragraphs = []
        for _ in range(rng.randint(8, 20)):
            who, role, topic = rng.choice(people), rng.choice(roles), rng.choice(topics)
            value, year = rng.randint(1, 99) / 10, rng.randint(1990, 2024)
            paragraphs.append(
                rng.choice(
                    [
                        f"{topic.capitalize()} rose to {value}% in {year}, the highest since "
                        f"{year - rng.randint(2, 30)}.",
                        f'"We will cut {topic} by {value}% next year," {role} {who} said.',
                        f"According to {who}, {topic} fell by {value}% after the {year} reform.",
                        f"The government spent ${rng.randint(2, 900)} million on {topic} in "
                        f"{year}. Critics said the money was wasted.",
                        "Advertisement",
                    ]
                )
            )
        n += 1
        yield {"title": f"Synthetic story {n}", "text": "\n\n".join(paragraphs)}


def articles(count: int) -> Iterator[dict]:
    """`count` articles, each with a distinct text (repeats of the corpus get a new lead)."""
    path = shared_data_dir() / NEWS_CORPUS_FILE
    if not path.exists():
        print(f"# {path} is absent: using synthetic articles", file=sys.stderr)
        yield from itertools.islice(synthetic_articles(random.Random(7)), count)
        return
    produced, cycle = 0, 0
    while produced < count:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if produced >= count:
                    return
                record = json.loads(line)
                if cycle:
                    record["text"] = f"Update {cycle}: this report was revised.\n\n{record['text']}"
                produced += 1
                yield record
        cycle += 1


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    # Production settings: DEBUG off (no query log), as a desk would run it.
    os.environ.update(DEBUG="0", SECRET_KEY="benchmark-only-" + "x" * 40, ALLOWED_HOSTS="*")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def timed(function, seconds: dict[str, float], name: str):
    """`function`, adding the time each call takes to seconds[name]."""

    def wrapper(*args, **kwargs):
        began = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[name] += time.perf_counter() - began

    return wrapper


def run_ingest(count: int, workers: int) -> dict:
    from django.db import connection

    import claims.ingest.batch as batch_module
    import claims.ingest.read as read_module
    from articles.inputs import Document, Failure
    from claims.ingest import ingest_documents

    # The time in the extraction pipeline and in the write (articles_write, once per batch);
    # reading the input (here: the corpus file) is outside both.
    seconds = {"extraction": 0.0, "write": 0.0}
    real_extract, real_write = read_module.extract, batch_module.articles_write
    read_module.extract = timed(real_extract, seconds, "extraction")
    batch_module.articles_write = timed(real_write, seconds, "write")
    real_extract("Warm the model up. It loads once.")  # not part of the timed run

    documents = (
        Document(input=f"#{i}", text=a["text"], title=a.get("title"))
        for i, a in enumerate(articles(count))
    )
    counter = QueryCounter()
    statuses: dict[str, int] = {}
    sentences = claims = 0
    began = time.perf_counter()
    with connection.execute_wrapper(counter):
        for outcome in ingest_documents(documents, workers=workers):
            if isinstance(outcome, Failure):
                statuses["failed"] = statuses.get("failed", 0) + 1
                continue
            result = outcome
            statuses[str(result.status)] = statuses.get(str(result.status), 0) + 1
            sentences += len(result.extraction.sentences)
            claims += len(result.extraction.claims)
    elapsed = time.perf_counter() - began
    read_module.extract, batch_module.articles_write = real_extract, real_write
    return {
        "articles": count,
        "statuses": statuses,
        "seconds": elapsed,
        "sentences": sentences,
        "claims": claims,
        "extraction_seconds": seconds["extraction"] if workers == 1 else None,
        "write_seconds": seconds["write"] if workers == 1 else None,
        "queries": counter.count if workers == 1 else None,
        "peak_rss_mb": peak_rss_mb(),
    }


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def pysbd_rate(count: int, sample: int) -> float:
    """Articles/s of pySBD segmentation alone over the same texts the ingest read.

    All of them by default. With 0 < `sample` < `count`, every (count/sample)-th text is segmented
    and the rate is scaled by characters: articles of the run's mean length per second. (The first
    texts alone would be biased: the corpus's first 300 articles are 6% shorter than its first
    2,000, which flattered pySBD by as much.)
    """
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)
    sample = sample if 0 < sample < count else count
    picked = {k * count // sample for k in range(sample)}  # evenly spaced, exactly `sample`
    texts, total_chars = [], 0
    for index, article in enumerate(articles(count)):
        total_chars += len(article["text"])
        if index in picked:
            texts.append(article["text"])
    began = time.perf_counter()
    for text in texts:
        for paragraph in text.split("\n\n"):
            segmenter.segment(paragraph)
    chars_per_second = sum(map(len, texts)) / (time.perf_counter() - began)
    return chars_per_second / (total_chars / count)  # articles() yields exactly count


def copy_rate() -> tuple[int, float]:
    """Rows and seconds for COPY of exactly the rows ingest wrote, into same-shaped tables."""
    from django.db import connection

    rows, seconds = 0, 0.0
    with connection.cursor() as cursor:
        raw = cursor.connection  # psycopg 3 connection
        for table in TABLES:
            buffer = io.BytesIO()
            with raw.cursor().copy(f"COPY {table} TO STDOUT") as copy:
                for chunk in copy:
                    buffer.write(chunk)
            cursor.execute(f"DROP TABLE IF EXISTS bench_{table}")
            # Same columns, constraints and indexes: the same work per row as the ingest's.
            cursor.execute(f"CREATE TABLE bench_{table} (LIKE {table} INCLUDING ALL)")
            data = buffer.getvalue()
            began = time.perf_counter()
            with raw.cursor().copy(f"COPY bench_{table} FROM STDIN") as copy:
                copy.write(data)
            raw.commit() if not raw.autocommit else None
            seconds += time.perf_counter() - began
            cursor.execute(f"SELECT count(*) FROM bench_{table}")
            rows += cursor.fetchone()[0]
            cursor.execute(f"DROP TABLE bench_{table}")
    return rows, seconds


def rows_written() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        return sum(
            cursor.execute(f"SELECT count(*) FROM {t}") and cursor.fetchone()[0] for t in TABLES
        )


def rss_check(args: argparse.Namespace) -> bool:
    peaks = {}
    for n in (2000, 20000):
        command = [sys.executable, __file__, "--articles", str(n), "--json", "--no-baselines"]
        command += ["--database-url", args.database_url, "--workers", str(args.workers)]
        command += ["--model", args.model] if args.model else []
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        peaks[n] = json.loads(result.stdout.splitlines()[-1])["peak_rss_mb"]
        print(f"peak RSS at {n:>6} articles: {peaks[n]:.0f} MB")
    growth = peaks[20000] / peaks[2000] - 1
    ok = growth <= 0.20
    print(
        f"RSS growth 2,000 -> 20,000 articles: {growth:+.0%} (target <= +20%) "
        f"{'ok' if ok else 'MISSED'}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument(
        "--pysbd-sample",
        type=int,
        default=0,
        help="segment every (articles/N)-th text for the pySBD baseline (default: all of them)",
    )
    parser.add_argument(
        "--model",
        help="check-worthiness model (CLAIMTRACK_CHECKWORTHINESS_MODEL; default: the shipped one)",
    )
    parser.add_argument("--rss-check", action="store_true", help="compare 2,000 and 20,000 runs")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON last")
    parser.add_argument("--no-baselines", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_check:
        return 0 if rss_check(args) else 1

    if args.model:
        os.environ["CLAIMTRACK_CHECKWORTHINESS_MODEL"] = args.model
    recreate_database(args.database_url)
    setup_django(args.database_url)
    run = run_ingest(args.articles, args.workers)
    if args.json and args.no_baselines:
        print(json.dumps(run))
        return 0

    rate = run["articles"] / run["seconds"]
    from claims.extraction.checkworthiness import load_default

    print(f"check-worthiness model: {load_default().version}")
    print(
        f"ingest: {run['articles']} articles in {run['seconds']:.1f}s with {args.workers} "
        f"worker(s): {rate:.1f} articles/s, {run['sentences'] / run['seconds']:.0f} "
        f"sentences/s, {run['claims'] / run['seconds']:.0f} claims/s; {run['statuses']}"
    )
    ok = True
    write_seconds = None
    if run["extraction_seconds"] is not None:
        write_seconds = run["write_seconds"]
        rest = run["seconds"] - run["extraction_seconds"] - write_seconds
        print(
            f"  time: extraction {run['extraction_seconds']:.1f}s "
            f"({run['extraction_seconds'] / run['seconds']:.0%}), writes (articles_write) "
            f"{write_seconds:.1f}s ({write_seconds / run['seconds']:.0%}), "
            f"reading the input and the rest {rest:.1f}s; "
            f"{run['queries'] / run['articles']:.1f} queries/article"
        )
    print(f"  peak RSS {run['peak_rss_mb']:.0f} MB")

    sbd_rate = pysbd_rate(args.articles, args.pysbd_sample)
    ratio = rate / sbd_rate
    ok &= ratio >= 2
    sampled = args.pysbd_sample if 0 < args.pysbd_sample < args.articles else args.articles
    print(
        f"baseline pySBD segmentation alone: {sbd_rate:.1f} articles/s "
        f"(over {sampled} of the same texts); ingest/pySBD = {ratio:.2f}x "
        f"(target >= 2x) {'ok' if ratio >= 2 else 'MISSED'}"
    )

    written = rows_written()
    copy_rows, copy_seconds = copy_rate()
    copy_rows_per_s = copy_rows / copy_seconds
    print(
        f"baseline COPY of the {copy_rows} rows ingest wrote: {copy_seconds:.2f}s, "
        f"{copy_rows_per_s:.0f} rows/s"
    )
    if write_seconds:
        write_ratio = (written / write_seconds) / copy_rows_per_s
        ok &= write_ratio >= 0.5
        print(
            f"  write phase: {written / write_seconds:.0f} rows/s = {write_ratio:.0%} of COPY "
            f"(target >= 50%) {'ok' if write_ratio >= 0.5 else 'MISSED'}"
        )
    if args.json:
        print(
            json.dumps(
                {**run, "pysbd_articles_per_s": sbd_rate, "copy_rows_per_s": copy_rows_per_s}
            )
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
