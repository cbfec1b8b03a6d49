"""The desk dashboard: the queue per status, the oldest waiting claims, the median time per
stage over 30 days (from the transition log), each person's load and the latest moves.

Reads only, in a fixed number of queries however many claims and transitions there are.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from claims.admin.desk import STATUS_COLOURS, DeskAdmin, status_badge
from claims.models import Claim, Status, Transition

S = Status
# Statuses in which a claim waits for the desk, in workflow order.
WAITING = [S.NEW, S.SELECTED, S.RESEARCHING, S.IN_REVIEW]


def duration(delta: dt.timedelta | None) -> str:
    """A span of time in the unit a desk talks in: 40 min, 5 h, 3 d."""
    if delta is None:
        return "—"
    minutes = delta.total_seconds() / 60
    if minutes < 1:
        return "<1 min"
    if minutes < 90:
        return f"{minutes:.0f} min"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} h"
    return f"{minutes / 1440:.1f} d"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    colour: str
    percent: float


def _bars(rows: list[tuple[str, float, str, str]]) -> list[Bar]:
    top = max((value for _, value, _, _ in rows), default=0) or 1
    return [
        Bar(label, value, text, colour, round(100 * value / top, 1))
        for label, value, text, colour in rows
    ]


def stage_medians(*, since: dt.datetime) -> dict[str, dt.timedelta]:
    """Median time claims spent in each stage, for every stage left since `since`.

    A stage starts at the transition into it (or the claim's creation, for `new`) and ends at
    the next transition out of it; corrections (published to published) are not stages.
    """
    recent = Transition.objects.filter(at__gte=since).values("claim_id")
    log = list(
        Transition.objects.filter(claim_id__in=Subquery(recent))
        .exclude(from_status=F("to_status"))
        .order_by("claim_id", "at", "id")
        .values_list("claim_id", "from_status", "at")
    )
    created = dict(
        Claim.objects.filter(pk__in={row[0] for row in log}).values_list("pk", "created_at")
    )
    spent: dict[str, list[float]] = defaultdict(list)
    entered_at: dict[int, dt.datetime] = {}
    for claim_id, from_status, at in log:
        entered = entered_at.get(claim_id, created[claim_id])
        if at >= since and from_status:
            spent[from_status].append((at - entered).total_seconds())
        entered_at[claim_id] = at
    return {
        stage: dt.timedelta(seconds=statistics.median(seconds)) for stage, seconds in spent.items()
    }


def dashboard_context(*, now: dt.datetime | None = None, days: int = 30) -> dict:
    now = now or timezone.now()
    since = now - dt.timedelta(days=days)
    counts = dict(Claim.objects.order_by().values_list("status").annotate(n=Count("pk")))
    queue = _bars(
        [(S(s).label, counts.get(s, 0), str(counts.get(s, 0)), STATUS_COLOURS[s]) for s in S]
    )

    last_move = Transition.objects.filter(claim=OuterRef("pk")).order_by("-at", "-id")
    oldest = list(
        Claim.objects.filter(status__in=WAITING)
        .annotate(waiting_since=Coalesce(Subquery(last_move.values("at")[:1]), F("created_at")))
        .select_related("assignee", "claimant")
        .order_by("waiting_since", "pk")[:10]
    )
    for claim in oldest:
        claim.waiting = duration(now - claim.waiting_since)
        claim.badge = status_badge(claim.status)

    medians = stage_medians(since=since)
    stages = _bars(
        [
            (
                S(stage).label,
                medians[stage].total_seconds() if stage in medians else 0,
                duration(medians.get(stage)),
                STATUS_COLOURS[stage],
            )
            for stage in WAITING
        ]
    )

    User = get_user_model()
    load: dict[int, Counter] = defaultdict(Counter)
    for assignee_id, status, n in (
        Claim.objects.filter(assignee__isnull=False, status__in=WAITING)
        .order_by()
        .values_list("assignee_id", "status")
        .annotate(n=Count("pk"))
    ):
        load[assignee_id][status] = n
    moved = dict(
        Transition.objects.filter(at__gte=since, by__isnull=False)
        .order_by()
        .values_list("by_id")
        .annotate(n=Count("pk"))
    )
    people = User.objects.filter(pk__in={*load, *moved}).order_by("username")
    top = max((sum(c.values()) for c in load.values()), default=0) or 1
    workload = [
        {
            "user": person,
            "total": sum(load[person.pk].values()),
            "moves": moved.get(person.pk, 0),
            "segments": [
                {
                    "label": S(s).label,
                    "n": load[person.pk][s],
                    "colour": STATUS_COLOURS[s],
                    "percent": round(100 * load[person.pk][s] / top, 1),
                }
                for s in WAITING
                if load[person.pk][s]
            ],
        }
        for person in people
    ]
    recent = list(Transition.objects.select_related("claim", "by").order_by("-at", "-id")[:12])
    for move in recent:
        move.from_badge = status_badge(move.from_status) if move.from_status else ""
        move.to_badge = status_badge(move.to_status)
    return {
        "days": days,
        "queue": queue,
        "waiting_total": sum(counts.get(s, 0) for s in WAITING),
        "published_recently": Transition.objects.filter(at__gte=since, to_status=S.PUBLISHED)
        .exclude(from_status=S.PUBLISHED)
        .count(),
        "oldest": oldest,
        "stages": stages,
        "workload": workload,
        "recent": recent,
        "status_colours": [(S(s).label, c) for s, c in STATUS_COLOURS.items()],
    }


class DeskDashboard(DeskAdmin):
    """The dashboard page, hung on the claim admin's URLs (admin:claims_desk_dashboard)."""

    def get_urls(self):
        dashboard = self.admin_site.admin_view(self.dashboard_view)
        return [path("dashboard/", dashboard, name="claims_desk_dashboard"), *super().get_urls()]

    def dashboard_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            **dashboard_context(),
            "title": "Desk dashboard",
            "opts": self.opts,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/claims/dashboard.html", context)
