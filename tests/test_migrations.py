from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_models_have_no_missing_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_every_migration_applies_backwards_and_forwards():
    call_command("migrate", "claims", "zero", verbosity=0)
    call_command("migrate", "articles", "zero", verbosity=0)
    call_command("migrate", verbosity=0)


@pytest.mark.django_db
def test_no_index_of_ours_is_a_leading_prefix_of_another_on_the_same_table():
    # A plain index on (a) is redundant beside an index or unique constraint on (a, b): the
    # wider one serves the same look-ups, and every row ingest writes would pay for both.
    # Unique and partial indexes enforce or select something of their own and may stay; a
    # partial one covers only some rows, so it makes nothing else redundant.
    from django.apps import apps
    from django.db import connection
    from django.db.models import Index, UniqueConstraint

    redundant, compared = [], 0
    with connection.cursor() as cursor:
        for app in ("articles", "claims"):
            for model in apps.get_app_config(app).get_models():
                table = model._meta.db_table
                partial = {
                    c.name
                    for c in [*model._meta.indexes, *model._meta.constraints]
                    if isinstance(c, Index | UniqueConstraint) and c.condition is not None
                }
                introspected = connection.introspection.get_constraints(cursor, table)
                found = {
                    name: spec
                    for name, spec in introspected.items()
                    if spec["columns"] and None not in spec["columns"] and name not in partial
                    if spec["index"] or spec["unique"] or spec["primary_key"]
                }
                for name, spec in found.items():
                    if spec["unique"] or spec["primary_key"]:
                        continue
                    columns = tuple(spec["columns"])
                    compared += 1
                    redundant += [
                        f"{table}.{name} {columns} (see {other})"
                        for other, wider in found.items()
                        if len(wider["columns"]) > len(columns)
                        and tuple(wider["columns"][: len(columns)]) == columns
                    ]
    assert compared >= 5  # the plain indexes of claims and articles were looked at
    assert redundant == []
