"""Queued ingest on Celery workers: throughput with 1 and 2 worker processes in the same run.

    python benchmarks/workers.py [--articles 2000] [--broker-url amqp://…/vhost]

Input: the BBC corpus (../shared/data/news_corpus, as benchmarks/ingest.py reads it). For each
worker count, on an emptied database: start `celery -A config worker -c N` (production
settings, two-stage scoring: claims written with the `linear` model's score and rescored by
the default model; matching off, as for a bulk load), queue every article as one ingest job,
and time it end to end: queued -> written -> rescored (no claim left with the fast model's
score). Prints articles/s for 1 and 2 processes and the ratio (target >= 1.7 on 2 cores);
the time from queueing to each article's claims being visible (its chunk's commit), p50 and
p99, while the queue is busy with the whole job; and the peak resident memory of the worker
processes and of the broker (the RabbitMQ node's beam process, shared with whatever else
uses it). The database named by --database-url is dropped and recreated; the broker's vhost
is purged.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._database import recreate_database  # noqa: E402
from benchmarks.ingest import articles  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/claimtrack_bench_workers"
DEFAULT_BROKER = "amqp://guest:guest@127.0.0.1:5672/claimtrack"
TABLES = [
    "claims_ingestjobitem",
    "claims_ingestjob",
    "claims_match",
    "claims_claimembedding",
    "claims_appearance",
    "claims_transition",
    "claims_claim",
    "claims_claimantalias",
    "claims_claimant",
    "articles_article",
    "articles_publisher",
]


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def tree(pid: int) -> list[int]:
    """The process and its descendants."""
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True).stdout
    children: dict[int, list[int]] = {}
    for line in out.splitlines():
        child, parent = map(int, line.split())
        children.setdefault(parent, []).append(child)
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack += children.get(current, [])
    return found


def broker_pids() -> list[int]:
    out = subprocess.run(["pgrep", "-f", "beam.smp"], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


class PeakMemory(threading.Thread):
    def __init__(self, worker_pid: int) -> None:
        super().__init__(daemon=True)
        self.worker_pid, self.worker, self.broker = worker_pid, 0.0, 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.worker = max(self.worker, rss_mb(tree(self.worker_pid)))
            self.broker = max(self.broker, rss_mb(broker_pids()))
            self.done.wait(0.5)


def empty_database() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")


def run(processes: int, count: int, database_url: str, broker_url: str, log: Path) -> dict:
    from django.db.models import Min

    from claims.extraction.checkworthiness import load_shipped
    from claims.ingest.jobs import JobInput, ingest_job_create, text_payload
    from claims.models import Claim, IngestJob, JobStatus
    from config.celery import app

    empty_database()
    app.control.purge()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "CLAIMTRACK_MATCH_ON_INGEST": "0",
        "CLAIMTRACK_TWO_STAGE_SCORING": "1",
        # One process per core: each scores on one thread.
        "CLAIMTRACK_CHECKWORTHINESS_THREADS": "1",
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-c", str(processes)]
    command += ["--loglevel", "WARNING", "--without-gossip", "--without-mingle"]
    command += ["--hostname", f"bench{processes}@%h"]
    with log.open("ab") as out:
        worker = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 180
        while not app.control.ping(timeout=1.0):
            if time.monotonic() > deadline or worker.poll() is not None:
                raise RuntimeError(f"the worker did not start; see {log}")
        memory = PeakMemory(worker.pid)
        memory.start()
        inputs = [
            JobInput(f"bbc {i}", text_payload(a["text"], title=a.get("title"), url=a.get("url")))
            for i, a in enumerate(articles(count))
        ]
        fast = str(load_shipped("linear").version)
        started = time.monotonic()
        job = ingest_job_create(inputs=inputs, source="benchmark")
        queued = time.monotonic() - started
        while True:
            job.refresh_from_db()
            if job.status in (JobStatus.DONE, JobStatus.FAILED):
                written = time.monotonic() - started
                break
            time.sleep(0.5)
        while Claim.objects.filter(model_version__startswith=fast).exists():
            time.sleep(0.5)
        seconds = time.monotonic() - started
        memory.done.set()
        memory.join()
        created = IngestJob.objects.filter(pk=job.pk).aggregate(t=Min("created_at"))["t"]
        latencies = sorted(
            (finished - created).total_seconds()
            for finished in job.items.exclude(status="pending").values_list(
                "finished_at", flat=True
            )
        )
        return {
            "processes": processes,
            "articles": count,
            "status": job.status,
            "failed": job.items.filter(status="failed").count(),
            "queue_seconds": queued,
            "written_seconds": written,
            "seconds": seconds,
            "rate": count / seconds,
            "p50": latencies[len(latencies) // 2],
            "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
            "first": latencies[0],
            "worker_mb": memory.worker,
            "broker_mb": memory.broker,
            "claims": Claim.objects.count(),
        }
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--broker-url", default=os.environ.get("BENCH_BROKER_URL", DEFAULT_BROKER))
    parser.add_argument("--processes", default="1,2", help="worker process counts to compare")
    args = parser.parse_args()

    recreate_database(args.database_url)
    os.environ.update(
        DATABASE_URL=args.database_url,
        CELERY_BROKER_URL=args.broker_url,
        DEBUG="0",
        SECRET_KEY="benchmark-only-" + "x" * 40,
        ALLOWED_HOSTS="*",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from claims.extraction.checkworthiness import load_default

    print(f"rescoring model: {load_default().version}; first stage: linear; matching off")
    log = Path(f"/tmp/claimtrack-bench-workers-{os.getpid()}.log")
    results = []
    for processes in [int(p) for p in args.processes.split(",")]:
        result = run(processes, args.articles, args.database_url, args.broker_url, log)
        results.append(result)
        print(
            f"{processes} worker process(es): {result['articles']} articles queued -> written "
            f"-> rescored in {result['seconds']:.1f}s = {result['rate']:.1f} articles/s "
            f"(job {result['status']}, {result['failed']} failed; queueing took "
            f"{result['queue_seconds']:.1f}s, all written at {result['written_seconds']:.1f}s; "
            f"{result['claims']} claims); queued -> claims visible: first "
            f"{result['first']:.1f}s, p50 {result['p50']:.1f}s, p99 {result['p99']:.1f}s; "
            f"peak RSS workers {result['worker_mb']:.0f} MB, broker {result['broker_mb']:.0f} MB"
        )
    ok = True
    if len(results) >= 2:
        ratio = results[1]["rate"] / results[0]["rate"]
        ok = ratio >= 1.7
        print(
            f"{results[1]['processes']} vs {results[0]['processes']} processes: {ratio:.2f}x "
            f"(target 1.7x: {'met' if ok else 'missed'})"
        )
    print(f"worker log: {log}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
