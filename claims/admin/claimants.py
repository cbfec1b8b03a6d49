"""Claimants: their aliases and their claims with the verdicts, and merging duplicates."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from claims import services
from claims.admin.desk import DeskAdmin, rating_badge, status_badge
from claims.models import Claim, Claimant, ClaimantAlias, Verdict
from config.admin import WritesDataVersion


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


class ClaimantAdmin(DeskAdmin):
    list_display = ["name", "type", "description", "alias_list", "wikidata_id", "claim_count"]
    list_filter = ["type"]
    search_fields = ["name", "aliases__name", "description", "wikidata_id"]
    fields = ["name", "type", "description", "wikidata_id"]
    inlines = [ClaimantAliasInline, ClaimantClaimInline]
    actions = ["merge_claimants"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(claim_count=Count("claims", distinct=True))
            .prefetch_related("aliases")
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        # A claimant someone's claim names is merged, not deleted (claimant_delete refuses).
        if obj is not None and obj.claims.exists():
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj: Claimant) -> None:
        services.claimant_delete(claimant=obj, by=request.user)

    def get_actions(self, request):
        # One at a time, from the claimant's page: bulk deletion would report the claimants
        # in use (which are refused) as deleted.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

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
        return self.action_page(
            request, queryset, "admin/claims/claimant/merge.html", "Merge claimants", form
        )


class ClaimantAliasAdmin(WritesDataVersion):
    list_display = ["name", "claimant"]
    list_select_related = ["claimant"]
    search_fields = ["name", "claimant__name"]
    autocomplete_fields = ["claimant"]
