"""/healthz/workers: broker reachability and worker ping."""

from __future__ import annotations

import pytest

from tests.workers.conftest import use_broker, wait_for


def test_with_no_broker_configured_tasks_run_in_process_and_health_says_so(client):
    response = client.get("/healthz/workers")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "mode": "eager", "broker": None, "workers": 0}


def test_an_unreachable_broker_is_a_503_naming_it(client):
    from config.celery import app

    saved = (app.conf.task_always_eager, app.conf.broker_url)
    use_broker(app, "amqp://guest:guest@127.0.0.1:1//", eager=False)
    try:
        response = client.get("/healthz/workers")
    finally:
        use_broker(app, saved[1], eager=saved[0])
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["broker"].startswith("unreachable")


@pytest.mark.broker
@pytest.mark.postgresql("a worker process shares the test database")
def test_a_running_worker_answers_the_ping_and_none_is_a_503(client, worker):
    assert client.get("/healthz/workers").status_code == 503
    running = worker()
    wait_for(
        lambda: client.get("/healthz/workers").status_code == 200,
        seconds=120,
        what="the worker to answer a ping",
        worker=running,
    )
    assert client.get("/healthz/workers").json()["workers"] == 1
