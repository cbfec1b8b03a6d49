"""The claim page (the workbench) and the forms it posts, one view per service.

The page shows the sentence highlighted in its paragraph, every appearance, the sources, the
verdict draft with a 75-character guide, published versions and corrections, the history, and
exactly the moves the user's role allows. Each form posts to its own view, which validates it and
calls one service; a refusal comes back as a message, an invalid form as the page with its errors.
The page costs a fixed number of queries however many appearances, sources or transitions it has.
"""

from __future__ import annotations

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from articles.validators import validate_http_url
from claims import services
from claims.admin.desk import (
    STATUS_COLOURS,
    DeskAdmin,
    desk_users,
    highlighted,
    paragraph_bounds,
    status_badge,
)
from claims.admin.matches import claim_matches_context, match_decision_view
from claims.models import Claim, Claimant, Kind, Rating, Reliability, Source, Stance, Status

S = Status
SUMMARY_GUIDE = 75  # ClaimReview's claimReviewed reads best under 75 characters


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
    stance = forms.ChoiceField(choices=Stance.choices, initial=Stance.CONTEXT)
    reliability = forms.ChoiceField(choices=Reliability.choices, initial=Reliability.UNKNOWN)
    archived_url = forms.URLField(
        label="Archived URL",
        max_length=2000,
        required=False,
        assume_scheme="https",
        validators=[validate_http_url],
    )


class ClaimEditForm(forms.Form):
    statement = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 90}),
        help_text="Phrased to stand alone. The sentences it was found in stay as they are.",
    )
    kind = forms.ChoiceField(choices=Kind.choices)
    claimant = forms.ModelChoiceField(
        queryset=Claimant.objects.all(),
        required=False,
        widget=AutocompleteSelect(Claim._meta.get_field("claimant"), admin.site),
        help_text="Search by name or alias; fix a wrong name on the claimant's own page.",
    )
    note = forms.CharField(
        required=False, max_length=1000, help_text="Why (optional; kept in the history)."
    )


class SourceEditForm(SourceForm):
    note = forms.CharField(required=False, max_length=1000, label="Note (why, optional)")


def source_edit_form(source: Source, data=None) -> SourceEditForm:
    initial = {name: getattr(source, name) for name in SourceForm.base_fields}
    return SourceEditForm(data, initial=initial, prefix=f"source-{source.pk}")


def claim_history(claim: Claim) -> list:
    """Status moves and edits, newest first: `entry.edit` is set on an edit."""
    moves = list(claim.transitions.select_related("by"))
    edits = list(claim.edits.select_related("by"))
    for edit in edits:
        edit.edit = True
    return sorted([*moves, *edits], key=lambda entry: (entry.at, entry.pk), reverse=True)


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
    may_edit = (
        may_work and (claim.status != S.PUBLISHED or may_publish) and claim.duplicate_of_id is None
    )
    sources = list(claim.sources.select_related("added_by"))
    if may_edit:
        bound_sources = forms_.get("sources", {})
        for source in sources:
            source.edit_form = bound_sources.get(source.pk) or source_edit_form(source)
    moves = [
        (to, S(to).label, STATUS_COLOURS[to])
        for to in services.allowed_transitions(claim=claim, user=user)
    ]
    return {
        "claim": claim,
        "status_badge": status_badge(claim.status),
        "appearances": appearances,
        "sources": sources,
        "draft": draft,
        "published": published,
        "history": claim_history(claim),
        "may_edit": may_edit,
        "edit_form": forms_.get("edit")
        or ClaimEditForm(
            initial={
                "statement": claim.statement,
                "kind": claim.kind,
                "claimant": claim.claimant_id,
            }
        ),
        "moves": moves,
        "may_work": may_work,
        "may_assign": may_work and claim.status not in (S.PUBLISHED, S.DISMISSED),
        "may_draft": may_work and drafting,
        "may_correct": may_publish and claim.status == S.PUBLISHED,
        # What the publishing rules still miss, said before an editor presses Publish.
        "publish_problems": services.publish_problems(claim=claim, draft=draft, by=user)
        if may_publish and claim.status == S.IN_REVIEW
        else [],
        "summary_guide": SUMMARY_GUIDE,
        "transition_form": forms_.get("transition") or TransitionForm(),
        "assign_form": forms_.get("assign") or AssignForm(initial={"assignee": claim.assignee_id}),
        "draft_form": forms_.get("draft") or VerdictDraftForm(initial=draft_initial),
        "correction_form": forms_.get("correct") or CorrectionForm(initial=correction_initial),
        "source_form": forms_.get("source") or SourceForm(),
        "duplicates": list(claim.duplicates.only("pk", "statement")),
    }


class ClaimWorkbench(DeskAdmin):
    """The claim's change page and its POST views; `claims.admin.ClaimAdmin` adds the queue."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/move/", wrap(self.move_view), name="claims_claim_move"),
            path("<int:pk>/assign/", wrap(self.assign_view), name="claims_claim_assign"),
            path("<int:pk>/verdict/", wrap(self.verdict_view), name="claims_claim_verdict"),
            path("<int:pk>/correct/", wrap(self.correct_view), name="claims_claim_correct"),
            path("<int:pk>/sources/", wrap(self.source_view), name="claims_claim_source"),
            path("<int:pk>/edit/", wrap(self.edit_view), name="claims_claim_edit"),
            path(
                "<int:pk>/sources/<int:source_pk>/",
                wrap(self.source_edit_view),
                name="claims_claim_source_edit",
            ),
            path(
                "<int:pk>/sources/<int:source_pk>/remove/",
                wrap(self.source_remove_view),
                name="claims_claim_source_remove",
            ),
            path(
                "<int:pk>/matches/<int:match_pk>/<str:decision>/",
                wrap(partial(match_decision_view, self)),
                name="claims_claim_match",
            ),
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
        desk = claim_workbench_context(claim, request.user, bound)
        context = {
            **self.admin_site.each_context(request),
            **desk,
            **claim_matches_context(claim),
            "title": f"Claim #{claim.pk}",
            "subtitle": None,
            "opts": self.opts,
            "original": claim,
            "media": self.media + desk["edit_form"].media if desk["may_edit"] else self.media,
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

    def edit_view(self, request, pk: int):
        claim = self._claim_for_post(request, pk)
        form = ClaimEditForm(request.POST)
        if not form.is_valid():
            return self._workbench(request, claim, {"edit": form})
        try:
            edit = services.claim_edit(claim=claim, by=request.user, **form.cleaned_data)
        except services.WorkflowError as error:
            return self._refused(request, claim, error)
        if edit is None:
            return self._done(request, claim, "Nothing changed.")
        return self._done(request, claim, f"Claim #{claim.pk} edited: {edit.summary}.")

    def _source_for_post(self, request, pk: int, source_pk: int) -> tuple[Claim, Source]:
        claim = self._claim_for_post(request, pk)
        return claim, get_object_or_404(Source, pk=source_pk, claim=claim)

    def source_edit_view(self, request, pk: int, source_pk: int):
        claim, source = self._source_for_post(request, pk, source_pk)
        form = source_edit_form(source, request.POST)
        if not form.is_valid():
            return self._workbench(request, claim, {"sources": {source.pk: form}})
        data = dict(form.cleaned_data)
        note = data.pop("note")
        try:
            edit = services.source_edit(source=source, by=request.user, note=note, **data)
        except services.WorkflowError as error:
            return self._refused(request, claim, error)
        if edit is None:
            return self._done(request, claim, "Nothing changed.")
        return self._done(request, claim, f"Source edited: {edit.summary}.")

    def source_remove_view(self, request, pk: int, source_pk: int):
        claim, source = self._source_for_post(request, pk, source_pk)
        try:
            services.source_remove(
                source=source, by=request.user, note=request.POST.get("note", "")[:1000]
            )
        except services.WorkflowError as error:
            return self._refused(request, claim, error)
        return self._done(request, claim, f"Source “{source}” removed (kept in the history).")
