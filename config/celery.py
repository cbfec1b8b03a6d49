"""The Celery application: `celery -A config worker` and `celery -A config beat`.

Configured from Django's settings (the CELERY_* names in config/settings.py). With no broker
configured the tasks run eagerly in the calling process, so the embedded default needs nothing
running beside it. Tasks live in each app's tasks.py and are thin wrappers over services.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("claimtrack")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def enqueue(task, *args) -> None:
    """Queue a task once the current transaction commits (a worker must find its rows); with no
    broker configured, run it now, in this process (the embedded default)."""
    if app.conf.task_always_eager:
        task.delay(*args)
    else:
        from django.db import transaction

        transaction.on_commit(lambda: task.delay(*args))
