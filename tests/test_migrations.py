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
    # A plain index on (a) is redundant beside one on (a, b): the wider one serves the same
    # look-ups, and every row ingest writes would pay for both. Unique and partial indexes
    # enforce something of their own and may stay.
    from django.apps import apps
    from django.db import connection

    redundant = []
    with connection.cursor() as cursor:
        for app in ("articles", "claims"):
            for model in apps.get_app_config(app).get_models():
                table = model._meta.db_table
                found = connection.introspection.get_constraints(cursor, table)
                indexes = {
                    name: tuple(spec["columns"])
                    for name, spec in found.items()
                    if spec["index"] and spec["columns"] and None not in spec["columns"]
                }
                for name, columns in indexes.items():
                    if found[name]["unique"] or found[name]["primary_key"]:
                        continue
                    redundant += [
                        f"{table}.{name} {columns} (see {other})"
                        for other, wider in indexes.items()
                        if len(wider) > len(columns) and wider[: len(columns)] == columns
                    ]
    assert redundant == []
