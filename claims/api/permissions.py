"""Who may call what. Reading the desk (drafts, assignees, sources, history) needs a desk role,
as in the admin; the workflow service then decides who may change a claim."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from rest_framework.permissions import SAFE_METHODS, BasePermission

from claims.selectors import reads_desk
from claims.services import PUBLISH_PERMISSION, WORK_PERMISSION


class DeskReader(BasePermission):
    """The default: the desk's own lists are for fact-checkers and editors. Anyone else gets
    401 (not signed in) or 403 (signed in without a desk role)."""

    message = "Only fact-checkers and editors may read this."

    def has_permission(self, request, view) -> bool:
        return reads_desk(request.user)


class ReadPublishedOrDesk(BasePermission):
    """Anyone may read (the view narrows readers without a desk role to published claims); only
    the desk may write, and the service then checks the role the write needs.

    Checked before the claim is looked up, so a reader without a desk role gets the same 403
    for a claim that exists and one that does not."""

    message = "Only fact-checkers and editors may do this."
    anonymous_reads = True  # for the schema (claims.api.schema)

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or reads_desk(request.user)


class DeskMember(BasePermission):
    """Fact-checkers and editors: the roles that work on claims (e.g. may ingest articles)."""

    message = "Only fact-checkers and editors may do this."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm(WORK_PERMISSION))


def reader_role(user: AbstractBaseUser | AnonymousUser | None) -> str:
    """The reader's role on the desk, as far as what the API shows them may depend on it:
    anyone without a desk role reads what an anonymous client reads."""
    if not reads_desk(user):
        return "public"
    if user.has_perm(PUBLISH_PERMISSION):
        return "editor"
    if user.has_perm(WORK_PERMISSION):
        return "fact-checker"
    return "desk-reader"
