from __future__ import annotations

import pytest

from tests.factories import EditorFactory, FactCheckerFactory, UserFactory


@pytest.fixture
def fact_checker(db):
    return FactCheckerFactory()


@pytest.fixture
def editor(db):
    return EditorFactory()


@pytest.fixture
def outsider(db):
    """Staff without a desk role: may look, may not move claims."""
    return UserFactory(username="intern")
