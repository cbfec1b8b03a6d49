"""Claim matching under load: POST /api/v1/match/ on N stored claims, ingest with and without
matching, and the index's memory per million claims.

    python benchmarks/matching.py [--claims 1000000] [--duration 20] [--connections 8]

Seeds a fresh PostgreSQL database (--database-url; dropped and recreated, never point it at
real data) with N claims and their vectors by COPY. The vectors are the shipped encoder's
vectors of the 10,375 CheckThat! 2020 verified claims (cached by `evaluate_matching`, or
embedded here), each repeated with small Gaussian noise and normalised again, so that the
stored vectors cluster like real statements'; a claim's text is its source claim with a serial
number. Then gunicorn (production settings, Redis) answers POST /api/v1/match/ for the 200
CheckThat! test tweets in turn, driven by wrk at --connections connections, signed in (an
anonymous caller is rate-limited). Ingest: `manage.py ingest` of --articles news articles
(linear check-worthiness model) into the same database, with CLAIMTRACK_MATCH_ON_INGEST=0 and
=1, in articles/s. Memory: the process index's bytes per stored vector, times a million, and
the RSS of a process holding the index. Exits 1 when the p99 target (50 ms) is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._database import recreate_database  # noqa: E402
from benchmarks.api_load import PRODUCTION, copy_rows, free_port, serve, settle  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/claimtrack_matching_bench"
P99_TARGET_MS = 50.0

WRK_POST = """
local texts = {}
for line in io.lines(os.getenv("LOAD_TEXTS")) do texts[#texts + 1] = line end
local i = 0
wrk.headers["Authorization"] = "Token " .. os.getenv("LOAD_TOKEN")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
request = function()
  i = i % #texts + 1
  return wrk.format("POST", "/api/v1/match/", nil, texts[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "errors": %d, "non2xx": %d, '
    .. '"p50": %f, "p95": %f, "p99": %f}\\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.timeout,
    e.status, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


def setup_django(url: str) -> None:
    os.environ.update(PRODUCTION)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def base_vectors() -> tuple[list[str], np.ndarray]:
    from claims.management.commands.evaluate_matching import default_cache_dir
    from claims.matching.encoder import default_encoder
    from training.matching import collection_statements, load_verified_claims, vectors_cached

    claims = load_verified_claims()
    statements = collection_statements(claims)
    vectors = vectors_cached(
        default_encoder(), statements, default_cache_dir() / "verified_claims.npy"
    )
    return claims.claims, vectors


def seed(url: str, n: int) -> float:
    """N claims with vectors, by COPY; returns the seconds it took."""
    import psycopg

    from claims.matching.encoder import default_encoder
    from claims.models import statement_key

    recreate_database(url)
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    texts, vectors = base_vectors()
    version = default_encoder().version
    rng = np.random.default_rng(42)
    began = time.perf_counter()
    chunk = 20_000
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        for start in range(0, n, chunk):
            ids = np.arange(start + 1, min(n, start + chunk) + 1)
            source = (ids - 1) % len(texts)
            noisy = vectors[source] + rng.normal(scale=0.03, size=(len(ids), vectors.shape[1]))
            noisy = (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype("<f4")
            statements = [f"{texts[s]} ({i})" for i, s in zip(ids, source, strict=True)]
            copy_rows(
                cur,
                "claims_claim",
                [
                    "id",
                    "statement",
                    "statement_key",
                    "kind",
                    "score",
                    "model_version",
                    "status",
                    "created_at",
                    "updated_at",
                ],
                (
                    (int(i), st, statement_key(st), "other", 0.5, "bench", "new", "now()", "now()")
                    for i, st in zip(ids, statements, strict=True)
                ),
            )
            with cur.copy(
                "COPY claims_claimembedding (claim_id, vector, encoder_version, created_at) "
                "FROM STDIN"
            ) as copy:
                for i, vector in zip(ids, noisy, strict=True):
                    copy.write_row((int(i), vector.tobytes(), version, "now()"))
        cur.execute("SELECT setval('claims_claim_id_seq', %s)", [n])
        cur.execute("ANALYZE")
    return time.perf_counter() - began


def index_memory() -> dict:
    """Load this process's index from the database and weigh it."""
    from claims.matching.services import database_index

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    began = time.perf_counter()
    index = database_index()
    index.refresh()
    seconds = time.perf_counter() - began
    held = len(index.matcher.index)
    nbytes = index.matcher.index.nbytes + index.matcher.statistics.nbytes
    return {
        "vectors": held,
        "load_seconds": seconds,
        "index_mb": nbytes / 1e6,
        "mb_per_million": nbytes / max(held, 1) * 1e6 / 1e6,
        "rss_growth_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before,
    }


def search_ms(repeats: int = 50) -> float:
    """In-process cost of one vector search over the whole index (the query already embedded)."""
    from claims.matching.services import database_index

    index = database_index().matcher.index
    vector = np.ones(index.dimensions, dtype=np.float32) / np.sqrt(index.dimensions)
    began = time.perf_counter()
    for _ in range(repeats):
        index.search(vector, 50)
    return (time.perf_counter() - began) * 1000 / repeats


def warm_up(port: int, token: str, workers: int) -> None:
    """Send requests until each worker has loaded its index (answers in under a second)."""
    from urllib.request import Request, urlopen

    fast = 0
    deadline = time.monotonic() + 1800
    while fast < 4 * workers and time.monotonic() < deadline:
        request = Request(
            f"http://127.0.0.1:{port}/api/v1/match/",
            data=json.dumps({"text": "Drinking hot water kills the virus"}).encode(),
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        )
        began = time.monotonic()
        with urlopen(request, timeout=1800) as response:
            response.read()
        fast = fast + 1 if time.monotonic() - began < 1.0 else 0


def drive(port: int, token: str, seconds: int, connections: int) -> dict:
    from training.matching import load_split

    tweets = load_split("test").queries
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as texts:
        for tweet in tweets:
            texts.write(json.dumps({"text": tweet}) + "\n")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_POST)
    env = {**os.environ, "LOAD_TEXTS": texts.name, "LOAD_TOKEN": token}
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "5s",
            "-s",
            script.name,
            f"http://127.0.0.1:{port}",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    os.unlink(script.name)
    os.unlink(texts.name)
    settle(port)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    report["rps"] = report["requests"] / report["seconds"]
    return report


def ingest_rate(url: str, count: int, matching: bool) -> float:
    """articles/s of `manage.py ingest` over `count` news articles not yet stored."""
    from claims.extraction.evaluation import NEWS_CORPUS_FILE, shared_data_dir

    lines = (shared_data_dir() / NEWS_CORPUS_FILE).read_text(encoding="utf-8").splitlines()
    tag = "with" if matching else "without"
    stamp = time.time_ns()  # new texts on every run: none may come back unchanged
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as feed:
        for n, line in enumerate(lines[:count]):
            record = json.loads(line)
            # A fresh text per run: the other run's articles must not come back unchanged.
            record["text"] = f"Edition {tag} matching {stamp}, {n}.\n\n{record['text']}"
            record.pop("url", None)
            feed.write(json.dumps(record) + "\n")
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "CLAIMTRACK_MATCH_ON_INGEST": "1" if matching else "0",
        "CLAIMTRACK_CHECKWORTHINESS_MODEL": "linear",
        "OPENBLAS_NUM_THREADS": "1",
    }
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "ingest", feed.name, "--no-progress"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    elapsed = time.perf_counter() - began
    os.unlink(feed.name)
    return count / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (one per core)")
    parser.add_argument("--articles", type=int, default=100, help="articles per ingest run")
    parser.add_argument("--reuse", action="store_true", help="keep the seeded database")
    args = parser.parse_args()
    # One BLAS thread per process: two cores, several processes; threads only contend.
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    setup_django(args.database_url)

    if not args.reuse:
        seconds = seed(args.database_url, args.claims)
        print(f"seeded {args.claims:,} claims with vectors in {seconds:.0f} s", flush=True)
    memory = index_memory()
    print(
        f"index: {memory['vectors']:,} vectors loaded in {memory['load_seconds']:.1f} s, "
        f"{memory['index_mb']:.0f} MB = {memory['mb_per_million']:,.0f} MB per million claims "
        f"(process RSS grew {memory['rss_growth_mb']:.0f} MB); one search of the index "
        f"{search_ms():.1f} ms",
        flush=True,
    )

    from django.contrib.auth.models import User
    from rest_framework.authtoken.models import Token

    user, _ = User.objects.get_or_create(username="match-bench", defaults={"is_staff": True})
    token, _ = Token.objects.get_or_create(user=user)
    port = free_port()
    # A worker loads its index on its first match request: give it the time that takes.
    os.environ["GUNICORN_CMD_ARGS"] = "--timeout 900"
    server = serve(args.database_url, port, args.workers, 1)
    try:
        warm_up(port, token.key, args.workers)
        report = drive(port, token.key, args.duration, args.connections)
    finally:
        os.killpg(server.pid, 15)
        server.wait()
    print(
        f"POST /api/v1/match/ at {args.connections} connections, {args.workers} workers: "
        f"{report['rps']:.1f} req/s, p50 {report['p50']:.1f} / p95 {report['p95']:.1f} / "
        f"p99 {report['p99']:.1f} ms, errors {report['errors']}, non-2xx {report['non2xx']}",
        flush=True,
    )
    without = ingest_rate(args.database_url, args.articles, matching=False)
    with_matching = ingest_rate(args.database_url, args.articles, matching=True)
    print(
        f"ingest of {args.articles} news articles (linear model, one process, start-up "
        f"included): {without:.1f} articles/s without matching, {with_matching:.1f} with "
        f"({with_matching / without:.0%})",
        flush=True,
    )
    met = report["p99"] <= P99_TARGET_MS and not report["non2xx"]
    print(f"p99 target {P99_TARGET_MS:.0f} ms: {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
