"""API load on 1,000,000 claims, served by gunicorn as in production, driven by wrk.

    python benchmarks/api_load.py [--claims 1000000] [--articles 100000] [--duration 10]

Seeds a fresh PostgreSQL database (--database-url; dropped and recreated, never point it at
real data) with COPY, starts gunicorn with production settings on loopback, and drives it from
a second process (wrk, Debian package `wrk`) at 32 connections for: the claim list, a filtered
list, ?q= search, claim detail (random ids) and the ClaimReview feed. The baseline, measured in
the same run on the same server: /healthz, a minimal Django view returning constant JSON (the
framework's ceiling). As in production (docker-compose.yml), Redis is the shared cache
(LOAD_REDIS_URL, default database 15 on 127.0.0.1, flushed first), so list, filter, search and
feed pages repeat from the page cache; --no-cache builds every page from the database.
Prints requests/s and p50/p95/p99 latency per endpoint, /healthz's beside them as the
machine's baseline; exits 1 when a target is missed: p99 <= 100 ms for list, filtered list
and detail, <= 150 ms for search.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._database import recreate_database  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/claimtrack_load"
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "load-benchmark-only-" + "k" * 40,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; TLS is the proxy's job
    "LOG_LEVEL": "ERROR",
    # Production runs with Redis as the shared cache (docker-compose.yml): the API's response
    # cache and the throttle counters. --no-cache measures the pages built on every request.
    "REDIS_URL": os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/15"),
}
TOPICS = [
    "unemployment",
    "inflation",
    "exports",
    "house prices",
    "wages",
    "crime",
    "emissions",
    "vaccination rates",
    "defence spending",
    "migration",
    "tax revenue",
    "energy prices",
]
PLACES = [
    "Armenia",
    "Kenya",
    "Brazil",
    "Texas",
    "Scotland",
    "Bavaria",
    "Ontario",
    "Kerala",
    "Lagos",
    "Lyon",
    "Osaka",
    "Chile",
    "Poland",
    "Egypt",
    "Victoria",
    "Norway",
]
VERBS = ["rose to", "fell to", "doubled to", "stood at", "reached", "dropped to"]
KINDS = ["statistic", "quote", "event", "causal", "prediction", "comparison", "other"]
STATUSES = (
    ["new"] * 70
    + ["selected"] * 10
    + ["researching"] * 5
    + ["in_review"] * 5
    + ["published"] * 7
    + ["dismissed"] * 3
)


def copy_rows(cursor, table: str, columns: list[str], rows) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_copy_value(v) for v in row))
        buffer.write("\n")
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        copy.write(buffer.getvalue())


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def seed(url: str, n_claims: int, n_articles: int) -> dict:
    """Fill a fresh database fast: COPY with the secondary indexes dropped, then rebuilt."""
    import psycopg

    recreate_database(url)
    env = {**os.environ, **PRODUCTION, "DATABASE_URL": url}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)

    from claims.extraction import comparison_key

    rng = random.Random(42)
    began = time.perf_counter()
    per_article = max(1, n_claims // n_articles)
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        tables = ["claims_claim", "claims_appearance", "articles_article", "claims_verdict"]
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) AND indexname "
            "NOT IN (SELECT conname FROM pg_constraint)",
            [tables],
        )
        secondary = cur.fetchall()
        for index, _ in secondary:
            cur.execute(f'DROP INDEX "{index}"')

        copy_rows(
            cur,
            "articles_publisher",
            ["id", "name", "domain", "created_at"],
            ((i, f"Outlet {i}", f"outlet{i}.example", "2026-01-01") for i in range(1, 101)),
        )
        copy_rows(
            cur,
            "claims_claimant",
            ["id", "name", "description", "wikidata_id", "created_at"],
            (
                (i, f"Speaker {i}", "Minister", f"Q{1000 + i}" if i % 3 == 0 else "", "2026-01-01")
                for i in range(1, 10_001)
            ),
        )
        copy_rows(
            cur,
            "claims_claimantalias",
            ["id", "claimant_id", "name", "key"],
            ((i, i, f"Speaker {i}", f"speaker {i}") for i in range(1, 10_001)),
        )

        articles, claims, appearances, verdicts = [], [], [], []
        claim_id = 0
        for a in range(1, n_articles + 1):
            sentences, spans, offset = [], [], 0
            day = f"2026-{1 + a % 9:02d}-{1 + a % 28:02d} {a % 24:02d}:00:00+00"
            for _ in range(per_article):
                claim_id += 1
                if claim_id > n_claims:
                    break
                statement = (
                    f"{rng.choice(TOPICS).capitalize()} in {rng.choice(PLACES)} "
                    f"{rng.choice(VERBS)} {rng.randint(1, 999) / 10}% in "
                    f"{rng.randint(1990, 2025)}, affecting {claim_id} households."
                )
                spans.append((claim_id, offset, offset + len(statement), statement))
                sentences.append(statement)
                offset += len(statement) + 1
                status = rng.choice(STATUSES)
                key = hashlib.sha256(comparison_key(statement).encode()).hexdigest()
                claims.append(
                    (
                        claim_id,
                        statement,
                        key,
                        rng.choice(KINDS),
                        round(rng.random(), 4),
                        "load",
                        rng.randint(1, 10_000),
                        status,
                        day,
                        day,
                    )
                )
                if status == "published":
                    verdicts.append(
                        (
                            len(verdicts) + 1,
                            claim_id,
                            1,
                            rng.randint(1, 7),
                            "The figure is wrong.",
                            "",
                            "",
                            day,
                            day,
                            day,
                            "",
                        )
                    )
            text = " ".join(sentences)
            digest = hashlib.sha256(text.encode()).hexdigest()
            articles.append(
                (
                    a,
                    f"https://outlet{a % 100 + 1}.example/story/{a}",
                    f"Story {a}",
                    a % 100 + 1,
                    "[]",
                    day,
                    "en",
                    text,
                    text,
                    digest,
                    "load",
                    "load",
                    day,
                    day,
                )
            )
            appearances += [
                (cid, cid, a, s, start, end, False, day) for cid, start, end, s in spans
            ]
        copy_rows(
            cur,
            "articles_article",
            [
                "id",
                "url",
                "title",
                "publisher_id",
                "authors",
                "published_at",
                "language",
                "text",
                "raw_text",
                "content_hash",
                "extractor_version",
                "model_version",
                "created_at",
                "updated_at",
            ],
            articles,
        )
        # statement_tsv (migration 0005, PostgreSQL's search vector) is a generated column: COPY
        # computes it row by row; its GIN index is one of the secondary indexes rebuilt below.
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
                "claimant_id",
                "status",
                "created_at",
                "updated_at",
            ],
            claims,
        )
        copy_rows(
            cur,
            "claims_appearance",
            [
                "id",
                "claim_id",
                "article_id",
                "sentence",
                "start",
                '"end"',
                "is_quote",
                "created_at",
            ],
            appearances,
        )
        copy_rows(
            cur,
            "claims_verdict",
            [
                "id",
                "claim_id",
                "version",
                "rating_id",
                "summary",
                "explanation",
                "fact_check_url",
                "published_at",
                "created_at",
                "updated_at",
                "correction_note",
            ],
            verdicts,
        )
        conn.commit()  # the deferred foreign-key checks run here, before the index builds
        for _index, definition in secondary:
            cur.execute(definition)
        for table in [
            "articles_publisher",
            "articles_article",
            "claims_claimant",
            "claims_claimantalias",
            "claims_claim",
            "claims_appearance",
            "claims_verdict",
        ]:
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        conn.commit()
        conn.autocommit = True
        cur.execute("VACUUM ANALYZE")
    seconds = time.perf_counter() - began
    token = subprocess.run(
        [sys.executable, "-c", TOKEN_SCRIPT],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "claims": len(claims),
        "articles": len(articles),
        "published": len(verdicts),
        "seconds": seconds,
        "token": token,
    }


TOKEN_SCRIPT = """
import django; django.setup()
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
user, _ = User.objects.get_or_create(username="load-editor", defaults={"is_staff": True})
user.groups.add(Group.objects.get(name="Editors"))
print(Token.objects.get_or_create(user=user)[0].key)
"""

WRK_REPORT = """
local path = os.getenv("LOAD_PATH")
local max_id = tonumber(os.getenv("LOAD_MAX_ID") or "0")
wrk.headers["Authorization"] = "Token " .. os.getenv("LOAD_TOKEN")
wrk.headers["Accept"] = "application/json"
request = function()
  if max_id > 0 then
    return wrk.format("GET", string.format(path, math.random(1, max_id)))
  end
  return wrk.format("GET", path)
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(url: str, port: int, workers: int, threads: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url}  # main() has put PRODUCTION in os.environ
    # As the image does (Dockerfile): WhiteNoise serves STATIC_ROOT and warns when it is missing.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            # Sync workers (threads=1) close each connection after its response; gthread
            # workers keep connections alive and overlap a request's database wait.
            *(["--worker-class", "gthread", "--threads", str(threads)] if threads > 1 else []),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            with urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not come up on /healthz")


def settle(port: int, limit: float = 60.0) -> None:
    """Wait until the server answers /healthz promptly: requests wrk left queued when it
    stopped must not be charged to the next endpoint."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        began = time.monotonic()
        try:
            with urlopen(f"http://127.0.0.1:{port}/healthz", timeout=limit) as response:
                response.read()
        except OSError:
            pass
        if time.monotonic() - began < 0.1:
            return
        time.sleep(0.5)


def drive(
    port: int, path: str, token: str, seconds: int, connections: int, max_id: int = 0
) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_REPORT)
    env = {**os.environ, "LOAD_PATH": path, "LOAD_TOKEN": token, "LOAD_MAX_ID": str(max_id)}
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
    settle(port)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    if not report["requests"]:
        print(f"# no request to {path} finished in {seconds}s:\n{result.stdout}", file=sys.stderr)
    report["rps"] = report["requests"] / report["seconds"]
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers"
    )
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker (> 1: gthread workers)"
    )
    parser.add_argument("--database-url", default=os.environ.get("LOAD_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--reuse", action="store_true", help="skip seeding (same database)")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="turn the API's response cache off (CLAIMTRACK_API_CACHE_SECONDS=0): every list "
        "page and feed page is built from the database",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")

    os.environ.update(
        {
            **PRODUCTION,
            "DATABASE_URL": args.database_url,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            **({"CLAIMTRACK_API_CACHE_SECONDS": "0"} if args.no_cache else {}),
        }
    )
    import django

    django.setup()
    if not args.no_cache:
        import redis

        try:
            redis.Redis.from_url(PRODUCTION["REDIS_URL"], socket_connect_timeout=2).ping()
        except redis.exceptions.ConnectionError as exc:
            raise SystemExit(
                f"Redis is not answering at {PRODUCTION['REDIS_URL']} ({exc}): start it "
                "(LOAD_REDIS_URL names another), or measure without the cache: --no-cache"
            ) from None
    from django.core.cache import cache

    cache.clear()  # the benchmark's own Redis database: no page of an earlier run survives
    if args.reuse:
        token = subprocess.run(
            [sys.executable, "-c", TOKEN_SCRIPT],
            cwd=ROOT,
            env=dict(os.environ),
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        seeded = {"claims": args.claims, "token": token}
    else:
        seeded = seed(args.database_url, args.claims, args.articles)
        print(
            f"seeded {seeded['claims']:,} claims ({seeded['published']:,} published) over "
            f"{seeded['articles']:,} articles in {seeded['seconds']:.0f}s"
        )

    port = free_port()
    server = serve(args.database_url, port, args.workers, args.threads)
    endpoints = [
        ("minimal view (baseline)", "/healthz", 0, None),
        ("claim list", "/api/v1/claims/", 0, 100),
        ("filtered list", "/api/v1/claims/?status=new&kind=statistic&score_min=0.5", 0, 100),
        ("search ?q=", "/api/v1/claims/?q=unemployment%20Kenya", 0, 150),
        ("claim detail", "/api/v1/claims/%d/", seeded["claims"], 100),
        ("ClaimReview feed", "/api/v1/claimreview/", 0, None),
    ]
    ok, results = True, {}
    try:
        for _name, path, max_id, _ in endpoints:  # warm caches and connections
            drive(port, path, seeded["token"], 2, args.connections, max_id)
        print(
            f"{args.connections} connections, {args.duration}s each, gunicorn "
            f"{args.workers} workers x {args.threads} threads, response cache "
            f"{'off' if args.no_cache else 'on (Redis)'}; load average "
            f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}"
        )
        print(
            f"{'endpoint':26} {'req/s':>8} {'vs min':>7} {'p50 ms':>8} {'p95 ms':>8} "
            f"{'p99 ms':>8}  errors"
        )
        for name, path, max_id, target in endpoints:
            r = drive(port, path, seeded["token"], args.duration, args.connections, max_id)
            results[name] = r
            verdict = ""
            if target is not None:
                # No finished request is a miss, not a p99 of 0 ms.
                hit = 0 < r["p99"] <= target and not r["non2xx"] and not r["errors"]
                ok &= hit
                verdict = f"p99 target {target} ms {'ok' if hit else 'MISSED'}"
            share = r["rps"] / max(results["minimal view (baseline)"]["rps"], 1e-9)
            print(
                f"{name:26} {r['rps']:8.0f} {share:7.0%} {r['p50']:8.1f} {r['p95']:8.1f} "
                f"{r['p99']:8.1f}  {r['errors'] + r['non2xx']:>5}  {verdict}"
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
