"""What the desk's admin pages show: highlighted text, the claim workbench, the dashboard.

Reads only: every write goes through `claims.services`, called from `claims.admin`. Each page
costs a fixed number of queries however many appearances, sources or transitions it lists.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from articles.validators import validate_http_url
from claims import services
from claims.models import (
    Claim,
    Kind,
    Rating,
    Reliability,
    Stance,
    Status,
    Transition,
)

S = Status
# Statuses in which a claim waits for the desk, in workflow order.
WAITING = [S.NEW, S.SELECTED, S.RESEARCHING, S.IN_REVIEW]
STATUS_COLOURS = {
    S.NEW: "#5b7083",
    S.SELECTED: "#2f80ed",
    S.RESEARCHING: "#b7791f",
    S.IN_REVIEW: "#8e44ad",
    S.PUBLISHED: "#27ae60",
    S.DISMISSED: "#9aa5b1",
}
SUMMARY_GUIDE = 75  # ClaimReview's claimReviewed reads best under 75 characters


def status_badge(status: str) -> SafeString:
    return format_html(
        '<span class="ct-badge" style="background:{}">{}</span>',
        STATUS_COLOURS.get(status, "#777"),
        S(status).label,
    )


def rating_badge(label: str | None, colour: str | None, draft: bool = False) -> SafeString:
    if not label:
        return mark_safe('<span class="ct-muted">—</span>')
    return format_html(
        '<span class="ct-badge{}" style="background:{}" title="{}">{}</span>',
        " ct-badge-draft" if draft else "",
        colour or "#777",
        "draft, not published" if draft else "published",
        label,
    )


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


# --- Text with spans highlighted ------------------------------------------------------------


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (blank-line separated) holding text[start:end]."""
    before = text.rfind("\n\n", 0, start)
    after = text.find("\n\n", end)
    return (0 if before < 0 else before + 2), (len(text) if after < 0 else after)


def highlighted(text: str, spans: list[tuple[int, int, str, str, str]]) -> SafeString:
    """Escape `text` and wrap each span (start, end, css class, href, title) in a link.

    Overlapping spans are cut at every boundary; each piece links to the first span covering it.
    The visible characters are exactly `text`, so offsets computed in the browser match.
    """
    cuts = sorted({0, len(text), *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    out = []
    for lo, hi in itertools.pairwise(cuts):
        piece = escape(text[lo:hi])
        covering = [sp for sp in spans if sp[0] <= lo and hi <= sp[1]]
        if covering:
            _, _, css, href, title = covering[0]
            extra = " ct-hl-multi" if len(covering) > 1 else ""
            out.append(
                f'<a class="ct-hl {escape(css)}{extra}" href="{escape(href)}" '
                f'title="{escape(title)}">{piece}</a>'
            )
        else:
            out.append(piece)
    return mark_safe("".join(out))


def claim_url(pk: int) -> str:
    return reverse("admin:claims_claim_change", args=[pk])


def article_text_highlighted(article) -> SafeString:
    """The article's cleaned text with every claim's span marked by the claim's status."""
    spans = [
        (
            a.start,
            a.end,
            f"st-{a.claim.status}",
            claim_url(a.claim_id),
            f"{S(a.claim.status).label}: {a.claim.statement}",
        )
        for a in article.appearances.select_related("claim").order_by("start", "end")
    ]
    return highlighted(article.text, spans)


# --- Claim workbench ------------------------------------------------------------------------


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=S.choices)
    note = forms.CharField(required=False, max_length=1000)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), required=False, empty_label="— nobody —"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = desk_users()


class VerdictDraftForm(forms.Form):
    rating = forms.ModelChoiceField(queryset=Rating.objects.all(), required=False)
    summary = forms.CharField(
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={"data-guide": SUMMARY_GUIDE, "class": "ct-summary", "size": 90}
        ),
        help_text=f"One line a reader can take away; aim for {SUMMARY_GUIDE} characters or fewer.",
    )
    explanation = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 6, "cols": 90})
    )
    fact_check_url = forms.URLField(
        required=False, assume_scheme="https", validators=[validate_http_url]
    )


class CorrectionForm(VerdictDraftForm):
    correction_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2, "cols": 90}),
        help_text="What changed and why; readers see this note.",
    )


class SourceForm(forms.Form):
    url = forms.URLField(
        label="URL", max_length=2000, assume_scheme="https", validators=[validate_http_url]
    )
    title = forms.CharField(max_length=500, required=False)
    excerpt = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    stance = forms.ChoiceField(choices=Stance.choices, initial=Stance.REFUTES)
    reliability = forms.ChoiceField(choices=Reliability.choices, initial=Reliability.UNKNOWN)
    archived_url = forms.URLField(
        label="Archived URL",
        max_length=2000,
        required=False,
        assume_scheme="https",
        validators=[validate_http_url],
    )


class SpanClaimForm(forms.Form):
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=1)
    statement = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text="Leave empty to use the selected words; rephrase so it stands alone.",
    )
    kind = forms.ChoiceField(choices=Kind.choices, initial=Kind.OTHER)
    is_quote = forms.BooleanField(required=False, label="direct quote")


def desk_users():
    """People who may hold claims: active users with a desk role (or superusers)."""
    User = get_user_model()
    perm = Q(groups__permissions__codename="change_claim") | Q(
        user_permissions__codename="change_claim"
    )
    return User.objects.filter(Q(is_active=True) & (perm | Q(is_superuser=True))).distinct()


def claim_workbench_context(claim: Claim, user, forms_: dict | None = None) -> dict:
    """Everything the claim page shows, in a fixed number of queries."""
    forms_ = forms_ or {}
    appearances = list(
        claim.appearances.select_related("article", "article__publisher").order_by(
            "-article__created_at", "start"
        )
    )
    for appearance in appearances:
        text = appearance.article.text
        lo, hi = paragraph_bounds(text, appearance.start, appearance.end)
        appearance.paragraph = highlighted(
            text[lo:hi],
            [(appearance.start - lo, appearance.end - lo, "ct-span", "#", appearance.sentence)],
        )
    verdicts = list(claim.verdicts.select_related("rating", "author", "published_by"))
    draft = next((v for v in verdicts if not v.is_published), None)
    published = [v for v in verdicts if v.is_published]
    may_work = user.has_perm(services.WORK_PERMISSION)
    may_publish = user.has_perm(services.PUBLISH_PERMISSION)
    drafting = claim.status in (S.SELECTED, S.RESEARCHING, S.IN_REVIEW)
    if draft is not None:
        draft_initial = {
            "rating": draft.rating_id,
            "summary": draft.summary,
            "explanation": draft.explanation,
            "fact_check_url": draft.fact_check_url,
        }
    else:
        draft_initial = {}
    current = published[0] if published else None
    correction_initial = (
        {
            "rating": current.rating_id,
            "summary": current.summary,
            "explanation": current.explanation,
            "fact_check_url": current.fact_check_url,
        }
        if current
        else {}
    )
    moves = [
        (to, S(to).label, STATUS_COLOURS[to])
        for to in services.allowed_transitions(claim=claim, user=user)
    ]
    return {
        "claim": claim,
        "status_badge": status_badge(claim.status),
        "appearances": appearances,
        "sources": list(claim.sources.select_related("added_by")),
        "draft": draft,
        "published": published,
        "transitions": list(claim.transitions.select_related("by").order_by("-at", "-id")),
        "moves": moves,
        "may_work": may_work,
        "may_assign": may_work and claim.status not in (S.PUBLISHED, S.DISMISSED),
        "may_draft": may_work and drafting,
        "may_correct": may_publish and claim.status == S.PUBLISHED,
        "summary_guide": SUMMARY_GUIDE,
        "transition_form": forms_.get("transition") or TransitionForm(),
        "assign_form": forms_.get("assign") or AssignForm(initial={"assignee": claim.assignee_id}),
        "draft_form": forms_.get("draft") or VerdictDraftForm(initial=draft_initial),
        "correction_form": forms_.get("correct") or CorrectionForm(initial=correction_initial),
        "source_form": forms_.get("source") or SourceForm(),
        "duplicates": list(claim.duplicates.only("pk", "statement")),
    }


# --- Desk dashboard ---------------------------------------------------------------------------


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
