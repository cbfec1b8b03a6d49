"""COPY inserts (claims/bulk.py): what ingest writes its new rows with on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from claims.bulk import copy_create, copy_insert
from claims.models import Claim, Claimant, Kind, Status, statement_key
from tests.factories import ClaimFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's"),
]


def claim_row(statement: str, claimant: Claimant | None = None) -> tuple:
    return (
        statement,
        statement_key(statement),
        Kind.STATISTIC,
        0.75,
        "test-1",
        claimant and claimant.pk,
    )


COLUMNS = ("statement", "statement_key", "kind", "score", "model_version", "claimant_id")


def test_copied_rows_come_back_as_the_saved_instances_in_order():
    speaker = Claimant.objects.create(name="Ana Silva")
    made = copy_create(
        Claim, COLUMNS, [claim_row("Exports doubled.", speaker), claim_row("Crime fell.")]
    )
    assert [c.statement for c in made] == ["Exports doubled.", "Crime fell."]
    stored = {c.pk: c for c in Claim.objects.all()}
    assert set(stored) == {c.pk for c in made}
    for claim in made:
        again = stored[claim.pk]
        assert not claim._state.adding
        for field in Claim._meta.concrete_fields:
            assert getattr(claim, field.attname) == getattr(again, field.attname), field.name
    first = stored[made[0].pk]
    assert first.claimant == speaker and first.score == 0.75 and first.kind == Kind.STATISTIC


def test_columns_not_given_take_the_models_defaults():
    (claim,) = copy_create(Claim, ("statement", "statement_key"), [("Wages rose.", "k-1")])
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.status == Status.NEW and stored.kind == Kind.OTHER
    assert stored.score is None and stored.model_version == "" and stored.assignee is None
    assert stored.created_at == stored.updated_at == claim.created_at
    assert abs((timezone.now() - stored.created_at).total_seconds()) < 60


def test_json_values_are_stored_as_json_and_each_row_gets_its_own_default():
    rows = [
        ("https://a.example/1", "Full text one.", "h1", ["Ana Silva", "Li Wei"]),
        ("https://a.example/2", "Full text two.", "h2", []),
    ]
    one, two = copy_create(Article, ("url", "text", "content_hash", "authors"), rows)
    assert Article.objects.get(pk=one.pk).authors == ["Ana Silva", "Li Wei"]
    assert Article.objects.get(pk=two.pk).authors == []
    three, four = copy_create(
        Article, ("text", "content_hash"), [("Three.", "h3"), ("Four.", "h4")]
    )
    assert three.authors == [] and three.authors is not four.authors


def test_the_ids_drawn_for_copied_rows_stay_clear_of_later_inserts():
    (copied,) = copy_create(Claim, COLUMNS, [claim_row("Exports doubled.")])
    later = ClaimFactory()
    assert later.pk > copied.pk


def test_rows_nobody_needs_back_are_numbered_by_the_table():
    copy_insert(Claimant, ("name",), [("Ana Silva",), ("Li Wei",)])
    names = sorted(Claimant.objects.values_list("name", flat=True))
    assert names == ["Ana Silva", "Li Wei"]
    assert all(Claimant.objects.values_list("pk", flat=True))


def test_a_duplicate_key_fails_the_copy_with_integrity_error_and_keeps_what_was_stored():
    stored = ClaimFactory(statement="Exports doubled.")
    stored.statement_key = statement_key("Exports doubled.")
    stored.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        copy_create(Claim, COLUMNS, [claim_row("Crime fell."), claim_row("Exports doubled.")])
    assert list(Claim.objects.values_list("statement", flat=True)) == ["Exports doubled."]


def test_a_column_the_model_lacks_is_refused_by_name():
    with pytest.raises(ValueError, match=r"Claim has no column\(s\) \['verdict'\]"):
        copy_create(Claim, ("statement", "verdict"), [("Crime fell.", "true")])
    assert not Claim.objects.exists()


def test_no_rows_write_nothing():
    with CaptureQueriesContext(connection) as queries:
        assert copy_create(Claim, COLUMNS, []) == []
        copy_insert(Claim, COLUMNS, [])
    assert len(queries) == 0


def test_query_wrappers_see_the_copy_as_one_statement():
    seen = []

    def wrapper(execute, sql, params, many, context):
        seen.append(sql.split(" (")[0])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        copy_insert(Claimant, ("name",), [("Ana Silva",), ("Li Wei",)])
    assert seen == ['COPY "claims_claimant"']
