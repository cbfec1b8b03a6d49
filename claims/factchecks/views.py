"""The public fact-check index and pages: validate the query, read through the selectors,
render. No JavaScript and no session: a page is the same for every reader, so a shared cache
may keep it (briefly: a correction must show soon)."""

from __future__ import annotations

import itertools
import json

from django import forms
from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from claims import selectors
from claims.claimreview import claim_reviews
from claims.models import Appearance, Rating, Verdict

PER_PAGE = 20
# A minute: long enough to spare the database a burst of readers, short enough for a correction.
PUBLIC_CACHE = cache_control(public=True, max_age=60)


class FactCheckSearch(forms.Form):
    q = forms.CharField(label="Search the fact-checks", required=False, max_length=500)
    rating = forms.ModelChoiceField(
        label="Rating",
        queryset=Rating.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any rating",
        error_messages={"invalid_choice": "There is no rating “%(value)s”."},
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget = forms.TextInput(attrs={"type": "search", "maxlength": 500})


@require_safe
@PUBLIC_CACHE
def fact_check_index(request: HttpRequest) -> HttpResponse:
    form = FactCheckSearch(request.GET)
    context = {"form": form, "page": None}
    if not form.is_valid():
        return _render(request, "factchecks/index.html", context, status=400)
    query = form.cleaned_data
    claims = selectors.fact_check_list(q=query["q"], rating=query["rating"])
    paginator = Paginator(claims, PER_PAGE)
    number = query["page"] or 1
    try:
        page = paginator.page(number)
    except EmptyPage:
        raise Http404(f"There is no page {number} of these fact-checks.") from None
    context.update(page=page, searched=bool(query["q"] or query["rating"]))
    return _render(request, "factchecks/index.html", context)


@require_safe
@PUBLIC_CACHE
def fact_check_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    claim = get_object_or_404(selectors.fact_check_detail(), pk=pk)
    if slug != claim.slug:
        # An edited statement, or the id alone: one address per fact-check.
        return redirect(claim, permanent=True)
    versions: list[Verdict] = claim.published_verdicts  # newest first
    if not versions:
        raise Http404("This fact-check has no published verdict.")
    context = {
        "claim": claim,
        "canonical": request.build_absolute_uri(claim.get_absolute_url()),
        "verdict": versions[0],
        "first": versions[-1],
        "corrections": _corrections(versions),
        "articles": _articles(claim.appearances.all()),
        "sources": claim.sources.all(),
        "claim_review": _json_ld(claim_reviews([claim], request)[0]),
    }
    return _render(request, "factchecks/detail.html", context)


def _render(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    context["organisation"] = settings.CLAIMTRACK_ORGANIZATION_NAME
    return render(request, template, context, status=status)


def _corrections(versions: list[Verdict]) -> list[tuple[Verdict, Verdict]]:
    """Each correction with the version it replaced, newest first."""
    return list(itertools.pairwise(versions))


def _articles(appearances) -> list[Appearance]:
    """One appearance per article (its first sentence there), earliest-published first;
    articles without a known date last."""
    first: dict[int, Appearance] = {}
    for appearance in appearances:
        first.setdefault(appearance.article_id, appearance)
    return sorted(
        first.values(),
        key=lambda a: (a.article.published_at is None, a.article.published_at, a.article_id),
    )


def _json_ld(review: dict) -> SafeString:
    """The review as a JSON-LD block. A data block, not a script: the CSP does not apply, and
    <, > and & are escaped so no statement can close the element early."""
    text = json.dumps(review, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
