"""The claims on the article page, contributed through `articles.admin.ArticleAdminExtension`.

`articles` may not import `claims`, so the article admin (registered once, in
`articles/admin.py`) has an extension point and this module fills it: a "claims" column counting
each article's appearances, the claims inline, the panel with the text highlighted by claim
status, adding a claim from a selected span (`claim_add_from_span`) and re-running extraction
(`article_reextract`, editors only), both as a view on the page and as a bulk action.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from articles.admin import ArticleAdmin, ArticleAdminExtension
from articles.models import Article
from claims import services
from claims.admin.desk import MEDIA, STATUS_COLOURS, highlighted, report, status_badge
from claims.admin.ingest import add_article_view
from claims.models import Appearance, Kind, Status


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


def article_text_highlighted(article: Article) -> SafeString:
    """The article's cleaned text with every claim's span marked by the claim's status."""
    spans = [
        (
            a.start,
            a.end,
            f"st-{a.claim.status}",
            reverse("admin:claims_claim_change", args=[a.claim_id]),
            f"{Status(a.claim.status).label}: {a.claim.statement}",
        )
        for a in article.appearances.select_related("claim").order_by("start", "end")
    ]
    return highlighted(article.text, spans)


@admin.display(ordering="claim_count", description="claims")
def claim_count(article: Article) -> int:
    return article.claim_count


@admin.action(description="Re-run extraction (editors)")
def reextract_articles(model_admin: ArticleAdmin, request: HttpRequest, queryset) -> None:
    done, refused = 0, []
    for article in queryset.order_by("pk"):
        try:
            services.article_reextract(article=article, by=request.user)
            done += 1
        except services.WorkflowError as error:
            refused.append(str(error))
    report(model_admin, request, done, "Extraction re-run on {n} article(s).", refused)


def _article_for_post(model_admin: ArticleAdmin, request: HttpRequest, pk: int) -> Article:
    if request.method != "POST":
        raise PermissionDenied
    article = get_object_or_404(Article, pk=pk)
    if not model_admin.has_view_permission(request, article):
        raise PermissionDenied
    return article


def _back(article: Article) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


def reextract_view(model_admin: ArticleAdmin, request: HttpRequest, pk: int):
    article = _article_for_post(model_admin, request, pk)
    try:
        result = services.article_reextract(article=article, by=request.user)
    except services.WorkflowError as error:
        model_admin.message_user(request, str(error), messages.ERROR)
        return _back(article)
    model_admin.message_user(
        request,
        f"Extraction re-run on “{result.article}”: {result.claims_created} new claim(s), "
        f"{result.appearances_created} appearance(s) added, {result.appearances_removed} "
        f"removed, {result.claims_rescored} rescored.",
        messages.SUCCESS,
    )
    return _back(article)


def add_claim_view(model_admin: ArticleAdmin, request: HttpRequest, pk: int):
    article = _article_for_post(model_admin, request, pk)
    form = SpanClaimForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
        model_admin.message_user(request, f"The claim was not added: {errors}", messages.ERROR)
        return _back(article)
    try:
        appearance = services.claim_add_from_span(
            article=article, by=request.user, **form.cleaned_data
        )
    except services.WorkflowError as error:
        model_admin.message_user(request, f"The claim was not added: {error}", messages.ERROR)
        return _back(article)
    model_admin.message_user(
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
    return _back(article)


class ClaimsOnTheArticlePage(ArticleAdminExtension):
    list_display = [claim_count]
    inlines = [ArticleClaimInline]
    panel_template = "admin/claims/article/claims_panel.html"
    media = MEDIA

    def annotate(self, queryset: QuerySet[Article]) -> QuerySet[Article]:
        return queryset.annotate(claim_count=Count("appearances"))

    def get_actions(self, request: HttpRequest) -> list:
        may = request.user.has_perm(services.REEXTRACT_PERMISSION)
        return [reextract_articles] if may else []

    def get_urls(self, model_admin: ArticleAdmin) -> list[URLPattern]:
        def view(function):
            return model_admin.admin_site.admin_view(
                lambda request, pk: function(model_admin, request, pk)
            )

        return [
            path("<int:pk>/reextract/", view(reextract_view), name="articles_article_reextract"),
            path("<int:pk>/add-claim/", view(add_claim_view), name="articles_article_add_claim"),
        ]

    def change_context(self, request: HttpRequest, article: Article) -> dict:
        user = request.user
        return {
            "highlighted_text": article_text_highlighted(article),
            "span_form": SpanClaimForm(),
            "may_add_claim": user.has_perm(services.WORK_PERMISSION)
            and user.has_perm(services.ADD_APPEARANCE_PERMISSION),
            "may_reextract": user.has_perm(services.REEXTRACT_PERMISSION),
            "status_colours": STATUS_COLOURS.items(),
        }

    def links(self, request: HttpRequest, article: Article) -> list[tuple[str, str]]:
        queue = reverse("admin:claims_claim_changelist") + f"?article={article.pk}"
        return [("Its claims in the queue", queue)]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(services.WORK_PERMISSION)

    def add_view(self, model_admin: ArticleAdmin, request: HttpRequest):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return add_article_view(model_admin, request)


ArticleAdmin.extend(ClaimsOnTheArticlePage())
