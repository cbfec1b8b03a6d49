"""The desk dashboard: queue per status, oldest waiting, median time per stage, workload."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from claims.admin.dashboard import dashboard_context, stage_medians
from claims.models import Claim, Status
from claims.services import claim_assign, claim_transition
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)


def at(hours: float):
    return mock.patch("django.utils.timezone.now", return_value=T0 + dt.timedelta(hours=hours))


def claim_moved(user, *moves: tuple[float, str]) -> Claim:
    with at(0):
        claim = ClaimFactory()
        claim_assign(claim=claim, assignee=user, by=user)
    for hours, to in moves:
        with at(hours):
            claim_transition(claim=claim, to=to, by=user)
    return claim


def test_median_time_in_each_stage_comes_from_the_transition_log(fact_checker):
    claim_moved(fact_checker, (2, Status.SELECTED), (5, Status.RESEARCHING))
    claim_moved(fact_checker, (4, Status.SELECTED), (13, Status.RESEARCHING))
    claim_moved(fact_checker, (6, Status.SELECTED))
    medians = stage_medians(since=T0)
    assert medians[Status.NEW] == dt.timedelta(hours=4)  # 2, 4, 6
    assert medians[Status.SELECTED] == dt.timedelta(hours=6)  # 3, 9
    assert Status.RESEARCHING not in medians
    assert stage_medians(since=T0 + dt.timedelta(hours=100)) == {}


def test_the_dashboard_counts_the_queue_and_each_persons_load(fact_checker, editor):
    claim_moved(fact_checker, (1, Status.SELECTED))
    claim_moved(fact_checker, (1, Status.SELECTED), (2, Status.RESEARCHING))
    ClaimFactory.create_batch(3)
    with at(24):
        context = dashboard_context(now=timezone.now())
    queue = {bar.label: bar.value for bar in context["queue"]}
    assert queue == {
        "New": 3,
        "Selected": 1,
        "Researching": 1,
        "In review": 0,
        "Published": 0,
        "Dismissed": 0,
    }
    assert context["waiting_total"] == 5
    (row,) = context["workload"]
    assert (row["user"], row["total"], row["moves"]) == (fact_checker, 2, 3)
    # The claims waiting longest come first: the new ones have waited since they came in.
    assert context["oldest"][0].status == Status.SELECTED


def test_the_dashboard_page_is_linked_from_the_admin_index(login, fact_checker):
    client = login(fact_checker)
    index = client.get("/admin/").content.decode()
    assert "/admin/claims/claim/dashboard/" in index
    response = client.get("/admin/claims/claim/dashboard/")
    assert response.status_code == 200
    assert "Median time in each stage" in response.content.decode()


def test_staff_without_a_desk_role_see_no_dashboard(login, outsider):
    assert login(outsider).get("/admin/claims/claim/dashboard/").status_code == 403
