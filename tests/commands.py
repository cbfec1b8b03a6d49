"""Running management commands in tests as a user runs them: output, errors and exit status."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError


def ingest(*args: str) -> tuple[str, str, int]:
    """`manage.py ingest ARGS --no-progress`: (stdout, stderr, exit status)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *args, "--no-progress", stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        err.write(str(error))
        code = error.returncode
    return out.getvalue(), err.getvalue(), code
