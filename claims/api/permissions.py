"""Who may call what. The workflow service decides who may change a claim; these only gate
reading (anonymous readers get published fact-checks) and require a sign-in for writes."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from rest_framework.permissions import SAFE_METHODS, BasePermission

from claims.services import PUBLISH_PERMISSION, WORK_PERMISSION


class ReadPublishedOrSignedIn(BasePermission):
    """Anyone may read (the view narrows anonymous readers to published claims); only signed-in
    users may write, and the service then checks their role."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or bool(
            request.user and request.user.is_authenticated
        )


class DeskMember(BasePermission):
    """Fact-checkers and editors: the roles that work on claims (e.g. may ingest articles)."""

    message = "Only fact-checkers and editors may do this."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm(WORK_PERMISSION))


def reader_role(user: AbstractBaseUser | AnonymousUser | None) -> str:
    """The reader's role on the desk, as far as what the API shows them may depend on it."""
    if user is None or not user.is_authenticated:
        return "anonymous"
    if user.has_perm(PUBLISH_PERMISSION):
        return "editor"
    if user.has_perm(WORK_PERMISSION):
        return "fact-checker"
    return "other"
