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
