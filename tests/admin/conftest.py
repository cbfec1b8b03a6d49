from __future__ import annotations

from pathlib import Path

import pytest

import claims
from claims.ingest import article_ingest

SEED = (Path(claims.__file__).parent / "samples" / "seed_article.txt").read_text(encoding="utf-8")


@pytest.fixture
def seed(db):
    return article_ingest(text=SEED, title="Armenia cancels drills with Russia", publisher="AP")


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user
