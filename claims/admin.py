from django.contrib import admin, messages
from django.db.models import Count

from claims import services
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


class ClaimantAliasInline(admin.TabularInline):
    model = ClaimantAlias
    extra = 0
    fields = ["name"]


@admin.register(Claimant)
class ClaimantAdmin(admin.ModelAdmin):
    list_display = ["name", "description", "wikidata_id", "claim_count"]
    search_fields = ["name", "aliases__name", "description", "wikidata_id"]
    inlines = [ClaimantAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(ordering="claim_count", description="claims")
    def claim_count(self, obj: Claimant) -> int:
        return obj.claim_count


@admin.register(ClaimantAlias)
class ClaimantAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "claimant"]
    list_select_related = ["claimant"]
    search_fields = ["name", "claimant__name"]
    autocomplete_fields = ["claimant"]


class AppearanceInline(admin.TabularInline):
    model = Appearance
    extra = 0
    fields = ["article", "sentence", "start", "end", "is_quote"]
    readonly_fields = fields
    can_delete = False


class SourceInline(admin.StackedInline):
    model = Source
    extra = 0
    fields = ["url", "title", "excerpt", "stance", "reliability", "archived_url", "added_by"]
    readonly_fields = ["added_by"]


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    fields = ["at", "from_status", "to_status", "by", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["statement", "claimant", "score", "kind", "status", "assignee", "created_at"]
    list_filter = ["status", "kind", "assignee"]
    list_select_related = ["claimant", "assignee"]
    search_fields = ["statement", "claimant__name", "appearances__sentence"]
    autocomplete_fields = ["claimant", "assignee", "duplicate_of"]
    readonly_fields = ["status", "score", "model_version", "created_at", "updated_at"]
    inlines = [AppearanceInline, SourceInline, TransitionInline]
    ordering = ["-score", "-created_at"]
    actions = ["select_claims", "dismiss_claims"]
    show_full_result_count = False

    def _bulk_transition(self, request, queryset, to: str) -> None:
        done, refused = 0, []
        for claim in queryset:
            try:
                services.claim_transition(claim=claim, to=to, by=request.user)
                done += 1
            except services.WorkflowError as error:
                refused.append(str(error))
        if done:
            self.message_user(request, f"{done} claim(s) moved to {Status(to).label.lower()}.")
        for reason in refused:
            self.message_user(request, reason, level=messages.WARNING)

    @admin.action(description="Select for checking", permissions=["change"])
    def select_claims(self, request, queryset) -> None:
        self._bulk_transition(request, queryset, Status.SELECTED)

    @admin.action(description="Dismiss", permissions=["change"])
    def dismiss_claims(self, request, queryset) -> None:
        self._bulk_transition(request, queryset, Status.DISMISSED)


@admin.register(Appearance)
class AppearanceAdmin(admin.ModelAdmin):
    list_display = ["claim", "article", "start", "end", "is_quote"]
    list_select_related = ["claim", "article"]
    search_fields = ["sentence", "article__title"]
    autocomplete_fields = ["claim", "article"]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["label", "value", "colour", "order"]
    list_editable = ["order"]
    search_fields = ["label"]
    prepopulated_fields = {"slug": ["label"]}


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin):
    list_display = ["claim", "version", "rating", "summary", "published_at", "author"]
    list_filter = ["rating", "published_at"]
    list_select_related = ["claim", "rating", "author"]
    search_fields = ["summary", "claim__statement"]
    autocomplete_fields = ["claim", "rating"]
    readonly_fields = ["version", "author", "published_by", "published_at", "created_at"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "claim", "stance", "reliability", "added_by", "created_at"]
    list_filter = ["stance", "reliability"]
    list_select_related = ["claim", "added_by"]
    search_fields = ["url", "title", "excerpt"]
    autocomplete_fields = ["claim"]


@admin.register(Transition)
class TransitionAdmin(admin.ModelAdmin):
    list_display = ["claim", "from_status", "to_status", "by", "at", "note"]
    list_filter = ["to_status", "at"]
    list_select_related = ["claim", "by"]
    search_fields = ["claim__statement", "note"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
