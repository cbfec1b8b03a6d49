"""Shared fixtures. Imports Django lazily: tests/extraction also runs with `-p no:django`."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.hasplugin("django"):
        from django.conf import settings

        # PBKDF2's deliberate slowness protects real passwords; tests make hundreds of users.
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fact_checker(db):
    from tests.factories import FactCheckerFactory

    return FactCheckerFactory()


@pytest.fixture
def editor(db):
    from tests.factories import EditorFactory

    return EditorFactory()


@pytest.fixture
def outsider(db):
    """Staff without a desk role: may look, may not move claims."""
    from tests.factories import UserFactory

    return UserFactory(username="intern")


@pytest.fixture
def desk_defaults(transactional_db):
    """The rating scale and desk roles the data migration seeds, for transactional tests: an
    earlier transactional test's flush removes them. (Serialized rollback cannot restore them
    reliably: under Playwright's event loop Django sees another connection wrapper.)"""
    import importlib

    from django.apps import apps

    importlib.import_module("claims.migrations.0002_default_ratings_and_roles").seed(apps, None)
