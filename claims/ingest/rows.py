"""Bulk inserts by PostgreSQL COPY, for ingest's new rows.

``bulk_create`` prepares every value of every row in Python (each field's ``pre_save`` and
``get_db_prep_save``, then psycopg quotes it into the SQL text): for a batch of articles that
was more time than the database spent inserting. COPY sends plain tuples to the server from
psycopg's C code. The ids are drawn from the table's sequence first, so the rows can be
returned as model instances, as ``bulk_create`` would return them.

What COPY gives up: no ``ON CONFLICT``. A duplicate key fails the whole COPY with
IntegrityError (a concurrent writer stored the same key first); callers roll back and take
their row-by-row path, as they do when ``bulk_create`` fails.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TypeVar

from django.db import connection
from django.db.models import JSONField, Model
from django.utils import timezone

M = TypeVar("M", bound=Model)


def copy_supported() -> bool:
    return connection.vendor == "postgresql"


def copy_create(model: type[M], columns: Sequence[str], rows: Sequence[tuple]) -> list[M]:
    """Insert `rows` (values for `columns`, by attname) into `model`'s table by COPY; return
    them as saved instances, in order, with the ids drawn from the table's sequence.

    Every other concrete field takes its default (``auto_now``/``auto_now_add``: now), the
    same value for the whole call; a callable default (``list``) is called for each row.
    Values go to the database as given (psycopg adapts str, int, float, bool, None, aware
    datetimes), except JSONField values, which are encoded here. PostgreSQL only (see
    `copy_supported`).
    """
    fields, full_rows = _copy(model, columns, rows, with_ids=True)
    names = [f.attname for f in fields]
    return [model.from_db(connection.alias, names, values) for values in full_rows]


def copy_insert(model: type[Model], columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """As `copy_create`, for rows nobody needs back: the table's identity numbers them."""
    _copy(model, columns, rows, with_ids=False)


def _copy(model, columns, rows, *, with_ids):
    meta = model._meta
    fields = [f for f in meta.concrete_fields if with_ids or not f.primary_key]
    given = {name: index for index, name in enumerate(columns)}
    unknown = set(given) - {f.attname for f in fields if not f.primary_key}
    if unknown:
        raise ValueError(f"{model.__name__} has no column(s) {sorted(unknown)} to copy into")
    if not rows:
        return fields, []
    now = timezone.now()
    defaults = {
        f.attname: now
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        # The Python value (it becomes the instance's attribute too); a callable default
        # (list, dict) is called again for every row below.
        else f.get_default()
        for f in fields
        if f.attname not in given and not f.primary_key
    }
    fresh = {
        f.attname
        for f in fields
        if f.attname in defaults and f.has_default() and callable(f.default)
    }
    json_columns = [(i, f) for i, f in enumerate(fields) if isinstance(f, JSONField)]

    with connection.cursor() as cursor, connection.wrap_database_errors:
        ids: Sequence[int | None] = [None] * len(rows)
        if with_ids:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(rows)],
            )
            ids = [row[0] for row in cursor.fetchall()]

        # Each row's values in field order.
        plan = [
            ("pk", None)
            if f.primary_key
            else ("given", given[f.attname])
            if f.attname in given
            else ("fresh", f)
            if f.attname in fresh
            else ("default", defaults[f.attname])
            for f in fields
        ]
        full_rows = []
        for pk, row in zip(ids, rows, strict=True):
            values = []
            for how, what in plan:
                if how == "given":
                    values.append(row[what])
                elif how == "default":
                    values.append(what)
                elif how == "pk":
                    values.append(pk)
                else:
                    values.append(what.get_default())
            full_rows.append(values)

        quote = connection.ops.quote_name
        names = ", ".join(quote(f.column) for f in fields)
        sql = f"COPY {quote(meta.db_table)} ({names}) FROM STDIN"

        def copy(sql, params, many, context) -> None:
            with cursor.connection.cursor() as raw, raw.copy(sql) as stream:
                for values in full_rows:
                    if json_columns:
                        values = list(values)
                        for i, f in json_columns:
                            values[i] = f.get_db_prep_save(values[i], connection)
                    stream.write_row(values)

        # Through the connection's execute wrappers, as a query would go: the API cache's
        # write tracking and any query counter see the COPY.
        executor = copy
        for wrapper in reversed(connection.execute_wrappers):
            executor = partial(wrapper, executor)
        executor(sql, None, False, {"connection": connection, "cursor": cursor})
    return fields, full_rows
