"""The triage queue: the claim list with its columns, filters, search and bulk actions.

Newest articles' claims first, most check-worthy first within a day. Every action calls a service
once per claim and reports what moved and what was refused; the list costs the same number of
queries for 3 claims or 300 (each row's article, publisher and rating come from subqueries).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import connection
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.timesince import timesince

from articles.models import Article, Publisher
from claims import selectors, services
from claims.admin.desk import DeskAdmin, desk_users, rating_badge, report, status_badge
from claims.admin.matches import with_match_flags
from claims.models import Appearance, Claim, Claimant, ClaimantAlias, Rating, Status, Verdict

S = Status


# --- Triage queue filters -------------------------------------------------------------------


class AssigneeFilter(admin.SimpleListFilter):
    title = "assignee"
    parameter_name = "assignee"

    def lookups(self, request, model_admin):
        people = [(str(u.pk), u.get_username()) for u in desk_users()]
        return [("mine", "Mine"), ("none", "Unassigned"), *people]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.filter(assignee=request.user)
        if self.value() == "none":
            return queryset.filter(assignee__isnull=True)
        if self.value():
            return queryset.filter(assignee_id=self.value())
        return queryset


class RatingFilter(admin.SimpleListFilter):
    title = "current rating"
    parameter_name = "rating"

    def lookups(self, request, model_admin):
        return [("none", "No verdict yet"), *Rating.objects.values_list("slug", "label")]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(rating_slug__isnull=True)
        if self.value():
            return queryset.filter(rating_slug=self.value())
        return queryset


class PublisherFilter(admin.SimpleListFilter):
    title = "publisher"
    parameter_name = "publisher"

    def lookups(self, request, model_admin):
        return Publisher.objects.values_list("pk", "name")

    def queryset(self, request, queryset):
        if self.value():
            seen = Appearance.objects.filter(article__publisher_id=self.value())
            return queryset.filter(pk__in=seen.values("claim_id"))
        return queryset


class ClaimantFilter(admin.SimpleListFilter):
    title = "claimant (most claims)"
    parameter_name = "claimant"

    def lookups(self, request, model_admin):
        top = (
            Claimant.objects.annotate(n=Count("claims")).filter(n__gt=0).order_by("-n", "name")[:25]
        )
        return [(str(c.pk), f"{c.name} ({c.n})") for c in top]

    def queryset(self, request, queryset):
        return queryset.filter(claimant_id=self.value()) if self.value() else queryset


class ArticleFilter(admin.SimpleListFilter):
    """Reached from an article page ("its claims in the queue"); lists only the chosen one."""

    title = "article"
    parameter_name = "article"

    def lookups(self, request, model_admin):
        chosen = request.GET.get(self.parameter_name, "")
        if chosen.isdigit():
            return Article.objects.filter(pk=chosen).values_list("pk", "title")
        return []

    def queryset(self, request, queryset):
        if self.value():
            seen = Appearance.objects.filter(article_id=self.value())
            return queryset.filter(pk__in=seen.values("claim_id"))
        return queryset


# --- The queue ----------------------------------------------------------------------------


class AssignToUserForm(forms.Form):
    assignee = forms.ModelChoiceField(queryset=None, empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = desk_users().order_by("username")


class ClaimQueue(DeskAdmin):
    """The claim list; `claims.admin.ClaimAdmin` adds the claim page and the dashboard."""

    list_display = [
        "statement_column",
        "match_column",
        "claimant",
        "article_column",
        "score_column",
        "kind",
        "status_column",
        "assignee",
        "rating_column",
        "age_column",
    ]
    list_display_links = ["statement_column"]
    list_filter = [
        "status",
        "kind",
        RatingFilter,
        AssigneeFilter,
        PublisherFilter,
        ClaimantFilter,
        ArticleFilter,
        ("created_at", admin.DateFieldListFilter),
    ]
    list_select_related = ["claimant", "assignee"]
    list_per_page = 50
    # The search box is shown for these; get_search_results does the real search.
    search_fields = ["statement"]
    search_help_text = "Statement, sentence, claimant (or alias) and article title."
    actions = [
        "select_claims",
        "dismiss_claims",
        "reopen_claims",
        "assign_to_me",
        "assign_to_user",
        "start_research",
        "send_to_review",
        "publish_claims",
        "merge_claims",
    ]
    show_full_result_count = False
    change_list_template = "admin/claims/claim/change_list.html"

    # Claims come from articles (ingest, or a span on the article page), never from a blank form.
    def has_add_permission(self, request) -> bool:
        return False

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(services.PUBLISH_PERMISSION)

    def has_merge_permission(self, request) -> bool:
        return request.user.has_perm(services.MERGE_PERMISSION)

    def get_queryset(self, request):
        newest = Appearance.objects.filter(claim=OuterRef("pk")).order_by(
            "-article__created_at", "-pk"
        )
        latest = Verdict.objects.filter(claim=OuterRef("pk")).order_by("-version")
        return with_match_flags(super().get_queryset(request)).annotate(
            article_pk=Subquery(newest.values("article_id")[:1]),
            article_title=Subquery(newest.values("article__title")[:1]),
            article_seen=Subquery(newest.values("article__created_at")[:1]),
            publisher_name=Subquery(newest.values("article__publisher__name")[:1]),
            rating_slug=Subquery(latest.values("rating__slug")[:1]),
            rating_label=Subquery(latest.values("rating__label")[:1]),
            rating_colour=Subquery(latest.values("rating__colour")[:1]),
            rating_published=Subquery(latest.values("published_at")[:1]),
        )

    def get_ordering(self, request):
        # The newest articles' claims first (by the day they came in), best-scored first within.
        return [
            TruncDate("article_seen").desc(nulls_last=True),
            F("score").desc(nulls_last=True),
            "-pk",
        ]

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        seen = Appearance.objects.filter(
            Q(sentence__icontains=term) | Q(article__title__icontains=term)
        )
        aliases = ClaimantAlias.objects.filter(name__icontains=term)
        # Subqueries, not joins: no claim repeats, so the list needs no SELECT DISTINCT (which
        # PostgreSQL refuses with server-side binding: the ordering's parameters are not the
        # select list's).
        match = (
            Q(statement__icontains=term)
            | Q(claimant__name__icontains=term)
            | Q(claimant__in=aliases.values("claimant_id"))
            | Q(pk__in=seen.values("claim_id"))
        )
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery

            # Full-text: stems and word order ("exercise" finds "exercises will not take"),
            # on the stored, GIN-indexed vector column of migration 0005.
            queryset = queryset.alias(statement_fts=selectors.statement_vector())
            match |= Q(statement_fts=SearchQuery(term, config="english", search_type="websearch"))
        return queryset.filter(match), False

    def changelist_view(self, request, extra_context=None):
        # The queue's ten columns need the width of a laptop screen: the app list beside it
        # (a click away in the breadcrumbs) is left out here.
        context = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        return super().changelist_view(request, context)

    # Columns ---------------------------------------------------------------------------

    @admin.display(description="claim", ordering="statement")
    def statement_column(self, obj: Claim):
        return Truncator(obj.statement).chars(140)

    @admin.display(description="matches")
    def match_column(self, obj: Claim):
        badges = [
            format_html('<span class="ct-badge" style="background:{}">{}</span>', colour, text)
            for flag, text, colour in (
                (obj.already_checked, "already checked", "#c0392b"),
                (obj.seen_before, "seen before", "#5b7083"),
            )
            if flag
        ]
        return format_html_join("", "{}", ((b,) for b in badges)) if badges else ""

    @admin.display(description="article")
    def article_column(self, obj: Claim):
        if obj.article_pk is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a><div class="ct-muted">{}</div>',
            reverse("admin:articles_article_change", args=[obj.article_pk]),
            Truncator(obj.article_title or f"Article {obj.article_pk}").chars(50),
            obj.publisher_name or "",
        )

    @admin.display(description="score", ordering="score")
    def score_column(self, obj: Claim):
        if obj.score is None:
            return format_html('<span class="ct-muted" title="added by hand">—</span>')
        return format_html(
            '<span class="ct-score" title="check-worthiness {}">'
            '<span class="ct-score-bar" style="width:{}%"></span></span> {}',
            obj.model_version,
            round(obj.score * 100),
            f"{obj.score:.2f}",
        )

    @admin.display(description="status", ordering="status")
    def status_column(self, obj: Claim):
        return status_badge(obj.status)

    @admin.display(description="rating")
    def rating_column(self, obj: Claim):
        return rating_badge(obj.rating_label, obj.rating_colour, draft=not obj.rating_published)

    @admin.display(description="age", ordering="created_at")
    def age_column(self, obj: Claim):
        return timesince(obj.created_at, timezone.now(), depth=1)

    # Bulk actions ----------------------------------------------------------------------

    def _bulk_transition(self, request, queryset, to: str, note: str = "") -> None:
        done, refused = 0, []
        for claim in queryset.order_by("pk"):
            try:
                services.claim_transition(claim=claim, to=to, by=request.user, note=note)
                done += 1
            except services.WorkflowError as error:
                refused.append(str(error))
        report(self, request, done, f"{{n}} claim(s) moved to {S(to).label.lower()}.", refused)

    def _bulk_assign(self, request, queryset, assignee) -> None:
        done, refused = 0, []
        for claim in queryset.order_by("pk"):
            try:
                services.claim_assign(claim=claim, assignee=assignee, by=request.user)
                done += 1
            except services.WorkflowError as error:
                refused.append(str(error))
        report(self, request, done, f"{{n}} claim(s) assigned to {assignee}.", refused)

    @admin.action(description="Select for checking", permissions=["change"])
    def select_claims(self, request, queryset) -> None:
        self._bulk_transition(request, queryset, S.SELECTED)

    @admin.action(description="Dismiss", permissions=["change"])
    def dismiss_claims(self, request, queryset) -> None:
        self._bulk_transition(request, queryset, S.DISMISSED)

    @admin.action(description="Reopen (back to new)", permissions=["change"])
    def reopen_claims(self, request, queryset) -> None:
        self._bulk_transition(request, queryset, S.NEW)

    @admin.action(description="Start research", permissions=["change"])
    def start_research(self, request, queryset) -> None:
        self._bulk_transition(request, queryset, S.RESEARCHING)

    @admin.action(description="Send to review", permissions=["change"])
    def send_to_review(self, request, queryset) -> None:
        self._bulk_transition(request, queryset, S.IN_REVIEW)

    @admin.action(description="Publish verdicts (editors)", permissions=["publish"])
    def publish_claims(self, request, queryset) -> None:
        self._bulk_transition(request, queryset, S.PUBLISHED)

    @admin.action(description="Assign to me", permissions=["change"])
    def assign_to_me(self, request, queryset) -> None:
        self._bulk_assign(request, queryset, request.user)

    @admin.action(description="Assign to…", permissions=["change"])
    def assign_to_user(self, request, queryset):
        form = AssignToUserForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._bulk_assign(request, queryset, form.cleaned_data["assignee"])
            return None
        return self.action_page(
            request, queryset, "admin/claims/claim/assign_to_user.html", "Assign claims", form
        )

    @admin.action(description="Merge duplicates into one (editors)", permissions=["merge"])
    def merge_claims(self, request, queryset):
        claims = list(queryset.order_by("pk"))
        if len(claims) < 2:
            self.message_user(request, "Select at least two claims to merge.", messages.WARNING)
            return None
        choices = [(c.pk, f"#{c.pk} {Truncator(c.statement).chars(100)}") for c in claims]
        form = forms.Form(request.POST if "apply" in request.POST else None)
        form.fields["survivor"] = forms.TypedChoiceField(
            choices=choices, coerce=int, widget=forms.RadioSelect, label="Keep"
        )
        if form.is_valid():
            survivor = next(c for c in claims if c.pk == form.cleaned_data["survivor"])
            try:
                result = services.claim_merge(survivor=survivor, duplicates=claims, by=request.user)
            except services.WorkflowError as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.message_user(
                request,
                f"Merged {result.merged} claim(s) into #{survivor.pk}: "
                f"{result.appearances_moved} appearance(s) and {result.sources_moved} "
                "source(s) moved.",
                messages.SUCCESS,
            )
            return None
        return self.action_page(
            request, queryset, "admin/claims/claim/merge.html", "Merge duplicate claims", form
        )
