"""One kind taxonomy: the extractor, the model field, the admin filter and the API schema."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from claims.admin.queue import ClaimQueue
from claims.extraction import ClaimKind
from claims.models import KIND_DEFINITIONS, Claim, Kind

SEVEN = ["quote", "statistic", "event", "causal", "prediction", "comparison", "other"]


def test_the_extractor_and_the_model_share_the_seven_kinds():
    assert [k.value for k in ClaimKind] == SEVEN
    assert [k.value for k in Kind] == SEVEN
    assert [value for value, _ in Claim._meta.get_field("kind").choices] == SEVEN
    assert list(KIND_DEFINITIONS) == list(Kind)


def test_the_admin_queue_filters_by_kind():
    assert "kind" in ClaimQueue.list_filter


@pytest.mark.django_db
def test_the_api_schema_lists_and_defines_every_kind():
    enum = APIClient().get("/api/schema/?format=json").json()["components"]["schemas"]["KindEnum"]
    assert enum["enum"] == SEVEN
    for kind, definition in KIND_DEFINITIONS.items():
        assert f"* `{kind.value}`: {definition}" in enum["description"]
