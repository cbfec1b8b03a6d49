"""The fact-checking desk's admin: triage queue, claim workbench, article and claimant pages.

Thin on purpose: views and actions validate input, call `claims.services`, and report what was
done and what was refused. What a role may not do is neither offered nor accepted: the
permission hooks hide it, and the services refuse it again.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.timesince import timesince

from articles.admin import ArticleAdmin
from articles.models import Article, Publisher
from claims import admin_views, selectors, services
from claims.admin_views import (
    AssignForm,
    CorrectionForm,
    SourceForm,
    SpanClaimForm,
    TransitionForm,
    VerdictDraftForm,
    rating_badge,
    status_badge,
)
from claims.models import (
    Appearance,
    Claim,
    Claimant,
    ClaimantAlias,
    Rating,
    Source,
    Status,
    Transition,
    Verdict,
)

S = Status
MEDIA = forms.Media(css={"all": ["claims/desk.css"]}, js=["claims/desk.js"])


def report(model_admin, request, done: int, done_text: str, refused: list[str]) -> None:
    """One success line with the count, one warning listing the refusals (the first few)."""
    if done:
        model_admin.message_user(request, done_text.format(n=done), messages.SUCCESS)
    if refused:
        shown = "; ".join(refused[:5])
        more = f" (and {len(refused) - 5} more)" if len(refused) > 5 else ""
        model_admin.message_user(
            request, f"{len(refused)} refused: {shown}{more}", messages.WARNING
        )


# --- Triage queue filters -------------------------------------------------------------------


class AssigneeFilter(admin.SimpleListFilter):
    title = "assignee"
    parameter_name = "assignee"

    def lookups(self, request, model_admin):
        people = [(str(u.pk), u.get_username()) for u in admin_views.desk_users()]
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


# --- Claim: the triage queue and the workbench ------------------------------------------------


class AssignToUserForm(forms.Form):
    assignee = forms.ModelChoiceField(queryset=None, empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = admin_views.desk_users().order_by("username")


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = [
        "statement_column",
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

    @property
    def media(self):
        return super().media + MEDIA

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
        return (
            super()
            .get_queryset(request)
            .annotate(
                article_pk=Subquery(newest.values("article_id")[:1]),
                article_title=Subquery(newest.values("article__title")[:1]),
                article_seen=Subquery(newest.values("article__created_at")[:1]),
                publisher_name=Subquery(newest.values("article__publisher__name")[:1]),
                rating_slug=Subquery(latest.values("rating__slug")[:1]),
                rating_label=Subquery(latest.values("rating__label")[:1]),
                rating_colour=Subquery(latest.values("rating__colour")[:1]),
                rating_published=Subquery(latest.values("published_at")[:1]),
            )
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

    # Columns ---------------------------------------------------------------------------

    @admin.display(description="claim", ordering="statement")
    def statement_column(self, obj: Claim):
        return Truncator(obj.statement).chars(140)

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
        return self._intermediate(
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
        return self._intermediate(
            request, queryset, "admin/claims/claim/merge.html", "Merge duplicate claims", form
        )

    def _intermediate(self, request, queryset, template, title, form):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "queryset": queryset,
            "form": form,
            "action": request.POST["action"],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, template, context)

    # The claim page ----------------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("dashboard/", wrap(self.dashboard_view), name="claims_desk_dashboard"),
            path("<int:pk>/move/", wrap(self.move_view), name="claims_claim_move"),
            path("<int:pk>/assign/", wrap(self.assign_view), name="claims_claim_assign"),
            path("<int:pk>/verdict/", wrap(self.verdict_view), name="claims_claim_verdict"),
            path("<int:pk>/correct/", wrap(self.correct_view), name="claims_claim_correct"),
            path("<int:pk>/sources/", wrap(self.source_view), name="claims_claim_source"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim = self.get_object(request, object_id)
        if claim is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, claim):
            raise PermissionDenied
        if request.method == "POST":
            # Every change to a claim has its own form posting to its own service.
            return HttpResponseRedirect(request.path)
        return self._workbench(request, claim)

    def _workbench(self, request, claim, bound: dict | None = None):
        context = {
            **self.admin_site.each_context(request),
            **admin_views.claim_workbench_context(claim, request.user, bound),
            "title": f"Claim #{claim.pk}",
            "subtitle": None,
            "opts": self.opts,
            "original": claim,
            "media": self.media,
            "has_view_permission": True,
            "is_popup": False,
        }
        return TemplateResponse(
            request, "admin/claims/claim/workbench.html", context, status=400 if bound else 200
        )

    def _claim_for_post(self, request, pk: int) -> Claim:
        if request.method != "POST":
            raise PermissionDenied
        claim = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, claim):
            raise PermissionDenied
        return claim

    def _done(self, request, claim, text: str):
        self.message_user(request, text, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))

    def _refused(self, request, claim, error: Exception):
        self.message_user(request, str(error), messages.ERROR)
        return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))

    def move_view(self, request, pk: int):
        claim = self._claim_for_post(request, pk)
        form = TransitionForm(request.POST)
        if not form.is_valid():
            return self._workbench(request, claim, {"transition": form})
        to = form.cleaned_data["to"]
        try:
            services.claim_transition(
                claim=claim, to=to, by=request.user, note=form.cleaned_data["note"]
            )
        except services.WorkflowError as error:
            return self._refused(request, claim, error)
        return self._done(request, claim, f"Claim #{claim.pk} moved to {S(to).label.lower()}.")

    def assign_view(self, request, pk: int):
        claim = self._claim_for_post(request, pk)
        if request.POST.get("assignee") == "me":
            assignee = request.user
        else:
            form = AssignForm(request.POST)
            if not form.is_valid():
                return self._workbench(request, claim, {"assign": form})
            assignee = form.cleaned_data["assignee"]
        try:
            services.claim_assign(claim=claim, assignee=assignee, by=request.user)
        except services.WorkflowError as error:
            return self._refused(request, claim, error)
        who = assignee.get_username() if assignee else "nobody"
        return self._done(request, claim, f"Claim #{claim.pk} assigned to {who}.")

    def verdict_view(self, request, pk: int):
        claim = self._claim_for_post(request, pk)
        form = VerdictDraftForm(request.POST)
        if not form.is_valid():
            return self._workbench(request, claim, {"draft": form})
        try:
            draft = services.verdict_draft_save(claim=claim, by=request.user, **form.cleaned_data)
        except services.WorkflowError as error:
            return self._refused(request, claim, error)
        return self._done(request, claim, f"Draft verdict v{draft.version} saved.")

    def correct_view(self, request, pk: int):
        claim = self._claim_for_post(request, pk)
        form = CorrectionForm(request.POST)
        if not form.is_valid():
            return self._workbench(request, claim, {"correct": form})
        try:
            corrected = services.verdict_correct(claim=claim, by=request.user, **form.cleaned_data)
        except services.WorkflowError as error:
            return self._refused(request, claim, error)
        return self._done(request, claim, f"Correction published as v{corrected.version}.")

    def source_view(self, request, pk: int):
        claim = self._claim_for_post(request, pk)
        form = SourceForm(request.POST)
        if not form.is_valid():
            return self._workbench(request, claim, {"source": form})
        try:
            source = services.source_add(claim=claim, by=request.user, **form.cleaned_data)
        except services.WorkflowError as error:
            return self._refused(request, claim, error)
        return self._done(request, claim, f"Source added ({source.get_stance_display()}).")

    def dashboard_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            **admin_views.dashboard_context(),
            "title": "Desk dashboard",
            "opts": self.opts,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/claims/dashboard.html", context)


# --- Claimants ------------------------------------------------------------------------------


class ClaimantAliasInline(admin.TabularInline):
    model = ClaimantAlias
    extra = 0
    fields = ["name"]


class ClaimantClaimInline(admin.TabularInline):
    """A claimant's claims with their status and current verdict (read-only)."""

    model = Claim
    fk_name = "claimant"
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["claim_link", "kind", "status_column", "rating_column", "assignee", "created_at"]
    readonly_fields = fields
    verbose_name = "claim"
    verbose_name_plural = "claims and their verdicts"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        latest = Verdict.objects.filter(claim=OuterRef("pk"), published_at__isnull=False)
        latest = latest.order_by("-version")
        return (
            super()
            .get_queryset(request)
            .select_related("assignee")
            .annotate(
                rating_label=Subquery(latest.values("rating__label")[:1]),
                rating_colour=Subquery(latest.values("rating__colour")[:1]),
            )
            .order_by("-created_at")
        )

    @admin.display(description="claim")
    def claim_link(self, obj: Claim):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:claims_claim_change", args=[obj.pk]),
            Truncator(obj.statement).chars(120),
        )

    @admin.display(description="status")
    def status_column(self, obj: Claim):
        return status_badge(obj.status)

    @admin.display(description="published verdict")
    def rating_column(self, obj: Claim):
        return rating_badge(obj.rating_label, obj.rating_colour)


class KeepClaimantForm(forms.Form):
    keep = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, label="Keep")


@admin.register(Claimant)
class ClaimantAdmin(admin.ModelAdmin):
    list_display = ["name", "description", "alias_list", "wikidata_id", "claim_count"]
    search_fields = ["name", "aliases__name", "description", "wikidata_id"]
    inlines = [ClaimantAliasInline, ClaimantClaimInline]
    actions = ["merge_claimants"]

    @property
    def media(self):
        return super().media + MEDIA

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(claim_count=Count("claims", distinct=True))
            .prefetch_related("aliases")
        )

    def has_merge_permission(self, request) -> bool:
        return request.user.has_perm(services.MERGE_PERMISSION)

    @admin.display(ordering="claim_count", description="claims")
    def claim_count(self, obj: Claimant) -> int:
        return obj.claim_count

    @admin.display(description="aliases")
    def alias_list(self, obj: Claimant):
        return ", ".join(a.name for a in obj.aliases.all() if a.name != obj.name)

    @admin.action(description="Merge into one claimant (editors)", permissions=["merge"])
    def merge_claimants(self, request, queryset):
        people = list(queryset.order_by("name"))
        if len(people) < 2:
            self.message_user(request, "Select at least two claimants to merge.", messages.WARNING)
            return None
        form = KeepClaimantForm(request.POST if "apply" in request.POST else None)
        form.fields["keep"].choices = [
            (c.pk, f"{c.name} — {c.description or 'no description'} ({c.claim_count} claims)")
            for c in people
        ]
        if form.is_valid():
            keep = next(c for c in people if c.pk == form.cleaned_data["keep"])
            try:
                merged = services.claimant_merge(into=keep, others=people, by=request.user)
            except services.WorkflowError as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.message_user(
                request, f"Merged {merged} claimant(s) into {keep.name}.", messages.SUCCESS
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge claimants",
            "opts": self.opts,
            "queryset": queryset,
            "form": form,
            "action": request.POST["action"],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/claims/claimant/merge.html", context)


@admin.register(ClaimantAlias)
class ClaimantAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "claimant"]
    list_select_related = ["claimant"]
    search_fields = ["name", "claimant__name"]
    autocomplete_fields = ["claimant"]


# --- Articles: the desk's version of the article page ---------------------------------------


class ArticleClaimInline(admin.TabularInline):
    """Every claim found in the article, in reading order (read-only; links to the claim)."""

    model = Appearance
    extra = 0
    can_delete = False
    fields = ["claim_link", "status_column", "score_column", "kind_column", "offsets", "is_quote"]
    readonly_fields = fields
    verbose_name = "claim in this article"
    verbose_name_plural = "claims in this article"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        # The article too: each row's caption is the appearance's str(), which names it.
        return (
            super()
            .get_queryset(request)
            .select_related("claim", "article")
            .order_by("start", "end")
        )

    @admin.display(description="claim")
    def claim_link(self, obj: Appearance):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:claims_claim_change", args=[obj.claim_id]),
            Truncator(obj.claim.statement).chars(120),
        )

    @admin.display(description="status")
    def status_column(self, obj: Appearance):
        return status_badge(obj.claim.status)

    @admin.display(description="score")
    def score_column(self, obj: Appearance):
        return "—" if obj.claim.score is None else f"{obj.claim.score:.2f}"

    @admin.display(description="kind")
    def kind_column(self, obj: Appearance):
        return obj.claim.get_kind_display()

    @admin.display(description="span")
    def offsets(self, obj: Appearance):
        return f"{obj.start}–{obj.end}"


class DeskArticleAdmin(ArticleAdmin):
    """The article page with its claims: highlighted text, add a claim by span, re-extract.

    Registered from here because `articles` may not import `claims`.
    """

    change_form_template = "admin/articles/article/desk_change_form.html"
    inlines = [ArticleClaimInline]
    list_display = [
        "__str__",
        "publisher",
        "published_at",
        "claim_count",
        "created_at",
        "extractor_version",
    ]
    actions = ["reextract_articles"]

    @property
    def media(self):
        return super().media + MEDIA

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("appearances"))

    fieldsets = [
        (None, {"fields": ["title", "url", "publisher", "authors", "published_at", "language"]}),
        (
            "Text as stored",
            {
                "classes": ["collapse"],
                "fields": [
                    "text",
                    "raw_text",
                    "content_hash",
                    "extractor_version",
                    "model_version",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Claim offsets point into the cleaned text: it changes only by re-extraction.
        return [*super().get_readonly_fields(request, obj), "text", "raw_text"]

    @admin.display(ordering="claim_count", description="claims")
    def claim_count(self, obj: Article) -> int:
        return obj.claim_count

    def has_reextract_permission(self, request) -> bool:
        return request.user.has_perm(services.REEXTRACT_PERMISSION)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/reextract/",
                wrap(self.reextract_view),
                name="articles_article_reextract",
            ),
            path(
                "<int:pk>/add-claim/",
                wrap(self.add_claim_view),
                name="articles_article_add_claim",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if article is not None:
            extra.update(
                highlighted_text=admin_views.article_text_highlighted(article),
                span_form=SpanClaimForm(),
                may_add_claim=request.user.has_perm(services.WORK_PERMISSION)
                and request.user.has_perm(services.ADD_APPEARANCE_PERMISSION),
                may_reextract=self.has_reextract_permission(request),
                status_colours=admin_views.STATUS_COLOURS.items(),
                queue_url=reverse("admin:claims_claim_changelist") + f"?article={article.pk}",
            )
        return super().change_view(request, object_id, form_url, extra)

    def _article_for_post(self, request, pk: int) -> Article:
        if request.method != "POST":
            raise PermissionDenied
        article = get_object_or_404(Article, pk=pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def _back(self, article):
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def reextract_view(self, request, pk: int):
        article = self._article_for_post(request, pk)
        try:
            result = services.article_reextract(article=article, by=request.user)
        except services.WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
            return self._back(article)
        self.message_user(request, self._reextract_text(result), messages.SUCCESS)
        return self._back(article)

    @staticmethod
    def _reextract_text(result) -> str:
        return (
            f"Extraction re-run on “{result.article}”: {result.claims_created} new claim(s), "
            f"{result.appearances_created} appearance(s) added, {result.appearances_removed} "
            f"removed, {result.claims_rescored} rescored."
        )

    def add_claim_view(self, request, pk: int):
        article = self._article_for_post(request, pk)
        form = SpanClaimForm(request.POST)
        if not form.is_valid():
            errors = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
            self.message_user(request, f"The claim was not added: {errors}", messages.ERROR)
            return self._back(article)
        try:
            appearance = services.claim_add_from_span(
                article=article, by=request.user, **form.cleaned_data
            )
        except services.WorkflowError as error:
            self.message_user(request, f"The claim was not added: {error}", messages.ERROR)
            return self._back(article)
        self.message_user(
            request,
            format_html(
                'Claim <a href="{}">#{}</a> recorded at {}–{}.',
                reverse("admin:claims_claim_change", args=[appearance.claim_id]),
                appearance.claim_id,
                appearance.start,
                appearance.end,
            ),
            messages.SUCCESS,
        )
        return self._back(article)

    @admin.action(description="Re-run extraction (editors)", permissions=["reextract"])
    def reextract_articles(self, request, queryset) -> None:
        done, refused = 0, []
        for article in queryset.order_by("pk"):
            try:
                services.article_reextract(article=article, by=request.user)
                done += 1
            except services.WorkflowError as error:
                refused.append(str(error))
        report(self, request, done, "Extraction re-run on {n} article(s).", refused)


admin.site.unregister(Article)
admin.site.register(Article, DeskArticleAdmin)


# --- The rest: read-only where writes belong to the workflow --------------------------------


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written only through the claim and article pages (and so through the services)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Appearance)
class AppearanceAdmin(ReadOnlyAdmin):
    list_display = ["claim", "article", "start", "end", "is_quote"]
    list_select_related = ["claim", "article"]
    search_fields = ["sentence", "article__title"]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["label", "swatch", "value", "description", "order"]
    list_editable = ["order"]
    search_fields = ["label"]
    prepopulated_fields = {"slug": ["label"]}

    @admin.display(description="colour")
    def swatch(self, obj: Rating):
        return rating_badge(obj.colour, obj.colour)


@admin.register(Verdict)
class VerdictAdmin(ReadOnlyAdmin):
    list_display = ["claim", "version", "rating", "summary", "published_at", "author"]
    list_filter = ["rating", "published_at"]
    list_select_related = ["claim", "rating", "author"]
    search_fields = ["summary", "claim__statement"]


@admin.register(Source)
class SourceAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "claim", "stance", "reliability", "added_by", "created_at"]
    list_filter = ["stance", "reliability"]
    list_select_related = ["claim", "added_by"]
    search_fields = ["url", "title", "excerpt"]


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin):
    list_display = ["claim", "from_status", "to_status", "by", "at", "note"]
    list_filter = ["to_status", "at"]
    list_select_related = ["claim", "by"]
    search_fields = ["claim__statement", "note"]
    date_hierarchy = "at"
