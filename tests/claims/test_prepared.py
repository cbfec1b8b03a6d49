"""Statements prepared once per session (claims/prepared.py), as the claim detail uses them."""

from __future__ import annotations

import pytest
from django.db import connection

from claims import prepared
from tests.factories import ClaimFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not prepared.available(), reason="PostgreSQL with client-side binding"),
]

LIKE = "SELECT statement FROM claims_claim WHERE statement LIKE '%%' || %s || '%%' ORDER BY id"
COUNT = "SELECT count(*) FROM claims_claim WHERE score >= %s AND kind = %s"


def test_several_statements_answer_in_order_with_literal_percent_signs_kept():
    ClaimFactory(statement="Wages rose 4.2% over the year.", score=0.9, kind="statistic")
    ClaimFactory(statement="Crime fell.", score=0.2, kind="statistic")
    with connection.cursor() as cursor:
        for _ in range(2):  # prepared the first time, executed by name the second
            rows, (count,) = prepared.fetch_all(
                cursor, [(LIKE, ["4.2%"]), (COUNT, [0.5, "statistic"])]
            )
            assert rows == [("Wages rose 4.2% over the year.",)]
            assert count == (1,)


def test_a_statement_that_fails_leaves_the_callers_transaction_usable():
    ClaimFactory(statement="Crime fell.")
    with connection.cursor() as cursor:
        with pytest.raises(Exception, match="invalid input syntax for type double precision"):
            prepared.fetch_all(cursor, [(COUNT, ["high", "statistic"])])
        (rows,) = prepared.fetch_all(cursor, [(LIKE, ["fell"])])
    assert rows == [("Crime fell.",)]
