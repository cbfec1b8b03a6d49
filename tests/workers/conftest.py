"""A real broker and a real worker process for the tests marked `broker`.

The broker is CLAIMTRACK_TEST_BROKER_URL (default: RabbitMQ's vhost `claimtrack` on
127.0.0.1:5672, which `.ci/run` starts and creates); the tests are skipped, with the reason,
when it does not answer. The worker is `celery -A config worker`, run as a subprocess on the
test database, so the tests commit (transactional) and need PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BROKER = "amqp://guest:guest@127.0.0.1:5672/claimtrack"


def broker_url() -> str:
    return os.environ.get("CLAIMTRACK_TEST_BROKER_URL", DEFAULT_BROKER)


def broker_problem(url: str) -> str | None:
    """Why the broker cannot be used, or None when it answers."""
    from kombu import Connection

    try:
        with Connection(url, connect_timeout=3) as connection:
            connection.ensure_connection(max_retries=1, timeout=3)
    except Exception as error:  # kombu raises the transport's own errors
        return f"no broker answers at {url} ({type(error).__name__}: {error})"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    ours = [item for item in items if item.get_closest_marker("broker")]
    if not ours:
        return
    problem = broker_problem(broker_url())
    if problem:
        for item in ours:
            item.add_marker(pytest.mark.skip(reason=f"needs a broker: {problem}"))


class Worker:
    """`celery -A config worker` on the test database, started and killed at will."""

    def __init__(
        self, url: str, database_url: str, log: Path, processes: int = 1, env: dict | None = None
    ) -> None:
        self.url, self.database_url, self.log, self.processes = url, database_url, log, processes
        self.env = env or {}
        self.process: subprocess.Popen | None = None

    def start(self) -> Worker:
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "CELERY_BROKER_URL": self.url,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            **self.env,
        }
        pool = ["--pool", "solo"] if self.processes == 1 else ["-c", str(self.processes)]
        command = [sys.executable, "-m", "celery", "-A", "config", "worker", *pool]
        command += ["--loglevel", "INFO", "--without-gossip", "--without-mingle"]
        command += ["--hostname", f"test-{os.getpid()}@%h"]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def kill(self) -> None:
        """SIGKILL the worker and its children: no clean-up, no acknowledgement."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
        self.process = None

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


def use_broker(app, url: str, *, eager: bool) -> None:
    """Point the Celery app at another broker (or back to eager mode) mid-process.

    The app reads `broker_url` once, when it first needs a connection, and keeps the connection
    pool and the producer pool it made then. Even an eager task acquires a producer (Celery 5.7
    serializes its arguments through one), so any test that ingested anything eagerly before
    (the e2e fixtures do) leaves pools on `memory://`: a later `.delay()` or `control.ping()`
    would go there, silently, and no worker would ever see it. Drop both pools, as Celery does
    in a forked child, so that the next use connects to `url`. (Not closed: kombu keeps each
    pool in a registry by broker URL and hands the same one back next time.)"""
    app.conf.task_always_eager, app.conf.broker_url = eager, url
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker(transactional_db, settings) -> Iterator[str]:
    """Tasks are published to the real broker (not run eagerly) for the test's duration, on
    an empty queue; eager mode and its pools come back after it."""
    from django.db import connection

    from config.celery import app

    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs the test database on a server (PostgreSQL)")
    url = broker_url()
    saved = (app.conf.task_always_eager, app.conf.broker_url)
    use_broker(app, url, eager=False)
    app.control.purge()
    try:
        yield url
    finally:
        app.control.purge()
        use_broker(app, saved[1], eager=saved[0])


@pytest.fixture
def worker(broker, tmp_path) -> Iterator[Callable[..., Worker]]:
    """worker() starts a worker process; all are stopped when the test ends."""
    from django.db import connection

    database = connection.settings_dict
    database_url = (
        f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    started: list[Worker] = []

    def start(processes: int = 1, **env: str) -> Worker:
        log = tmp_path / f"worker{len(started)}.log"
        started.append(Worker(broker, database_url, log, processes, env).start())
        return started[-1]

    yield start
    for one in started:
        one.stop()


def wait_for(condition: Callable[[], bool], *, seconds: float, what: str, worker=None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    log = f"\nworker log:\n{worker.output()}" if worker else ""
    raise AssertionError(f"timed out after {seconds:g}s waiting for {what}{log}")
