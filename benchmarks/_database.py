"""What the benchmark scripts share: a throw-away PostgreSQL database of their own."""

from __future__ import annotations

from urllib.parse import urlsplit

import psycopg


def recreate_database(url: str) -> None:
    """Drop and create the database `url` names (connecting to `postgres` on the same server).

    Only ever for benchmark databases: whatever the name holds is gone.
    """
    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
