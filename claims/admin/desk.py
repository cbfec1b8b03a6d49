"""What every screen of the desk shares: status colours and badges, highlighted text, the desk's
stylesheet and script, the report of a bulk action, and who may hold claims."""

from __future__ import annotations

import itertools

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from claims.models import Status
from config.admin import WritesDataVersion

S = Status
STATUS_COLOURS = {
    S.NEW: "#5b7083",
    S.SELECTED: "#2f80ed",
    S.RESEARCHING: "#b7791f",
    S.IN_REVIEW: "#8e44ad",
    S.PUBLISHED: "#27ae60",
    S.DISMISSED: "#9aa5b1",
}
MEDIA = forms.Media(css={"all": ["claims/desk.css"]}, js=["claims/desk.js"])


class DeskAdmin(WritesDataVersion):
    """A desk screen: loads the desk's stylesheet and script."""

    @property
    def media(self) -> forms.Media:
        return super().media + MEDIA

    def action_page(
        self, request: HttpRequest, queryset: QuerySet, template: str, title: str, form
    ) -> TemplateResponse:
        """The page between choosing a bulk action and applying it (whom to assign, whom to
        keep): `form` over the selected rows, posted back with `apply`."""
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


def report(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    done: int,
    done_text: str,
    refused: list[str],
) -> None:
    """One success line with the count, one warning listing the refusals (the first few)."""
    if done:
        model_admin.message_user(request, done_text.format(n=done), messages.SUCCESS)
    if refused:
        shown = "; ".join(refused[:5])
        more = f" (and {len(refused) - 5} more)" if len(refused) > 5 else ""
        model_admin.message_user(
            request, f"{len(refused)} refused: {shown}{more}", messages.WARNING
        )


def desk_users() -> QuerySet:
    """People who may hold claims: active users with a desk role (or superusers)."""
    User = get_user_model()
    perm = Q(groups__permissions__codename="change_claim") | Q(
        user_permissions__codename="change_claim"
    )
    return User.objects.filter(Q(is_active=True) & (perm | Q(is_superuser=True))).distinct()


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
