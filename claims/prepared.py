"""Statements prepared once per PostgreSQL session and then executed by name.

Django sends every query as text to be parsed and planned anew (client-side binding, its
default with psycopg 3). For the hottest reads, planning costs more than running: the claim
detail's five-way join against a table with a dozen indexes plans in milliseconds and runs in
a tenth of one. `fetch_all` prepares each statement the first time a connection sends it
(one round trip each, once) and from then on sends only ``EXECUTE name(params)``, all the
statements of one call in one round trip.
"""

from __future__ import annotations

import hashlib
import re
import weakref
from contextlib import nullcontext

from django.db import ProgrammingError, connection, transaction


def available() -> bool:
    """PostgreSQL with client-side binding (Django's default for psycopg 3): several
    statements, parameters written in, can go in one execute."""
    return connection.vendor == "postgresql" and not connection.settings_dict["OPTIONS"].get(
        "server_side_binding"
    )


# The names of the statements prepared on each open PostgreSQL connection (a session's
# prepared statements live as long as it does; PREPARE is not undone by a rollback).
_prepared: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _statement_name(sql: str) -> str:
    return "claimtrack_" + hashlib.blake2b(sql.encode(), digest_size=8).hexdigest()


def fetch_all(cursor, statements: list[tuple[str, list]]) -> list[list[tuple]]:
    """The rows of each (SQL with %s placeholders, parameters) statement, sent in one round
    trip on `cursor` (Django's, PostgreSQL with client-side binding)."""
    known = _prepared.setdefault(cursor.connection, set())  # psycopg's connection: the session
    for sql, _ in statements:
        _prepare(cursor, known, sql.strip())
    executes = ";\n".join(
        f"EXECUTE {_statement_name(sql.strip())}({', '.join(['%s'] * len(values))})"
        if values
        else f"EXECUTE {_statement_name(sql.strip())}"
        for sql, values in statements
    )
    params = [value for _, values in statements for value in values]
    try:
        # In a transaction, behind a savepoint: a failed EXECUTE must not abort the caller's.
        with transaction.atomic() if connection.in_atomic_block else nullcontext():
            cursor.execute(executes, params)
            return _all_results(cursor)
    except ProgrammingError as error:
        # invalid_sql_statement_name: the session lost its statements (DISCARD ALL by a
        # connection pooler, say): prepare them again, once.
        if getattr(error.__cause__, "sqlstate", None) != "26000":
            raise
    known.clear()
    for sql, _ in statements:
        _prepare(cursor, known, sql.strip())
    cursor.execute(executes, params)
    return _all_results(cursor)


def _all_results(cursor) -> list[list[tuple]]:
    results = [cursor.fetchall()]
    while cursor.nextset():
        results.append(cursor.fetchall())
    return results


def _prepare(cursor, known: set[str], sql: str) -> str:
    """The name `sql` is prepared under in this session, preparing it the first time (its own
    round trip, once per connection)."""
    name = _statement_name(sql)
    if name not in known:
        # %s placeholders become $1, $2, ...; %% (a literal % beside parameters) becomes %.
        numbers = iter(range(1, sql.count("%s") + 1))
        body = re.sub(r"%s", lambda _: f"${next(numbers)}", sql).replace("%%", "%")
        cursor.execute(f"PREPARE {name} AS {body}")  # no parameters: % is taken as it is
        known.add(name)
    return name
