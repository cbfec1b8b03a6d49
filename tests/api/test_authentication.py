"""Signing in to the API: DRF's token and session authentication."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_valid_token_signs_the_request_in(editor):
    response = client_for(editor).get("/api/v1/claims/")
    assert response.status_code == 200
    assert response.wsgi_request.user.pk == editor.pk


def test_a_session_signs_the_request_in_too(editor):
    client = APIClient()
    client.force_login(editor)
    response = client.get("/api/v1/claims/")
    assert response.status_code == 200
    assert response.wsgi_request.user.pk == editor.pk


def test_an_unknown_token_is_refused_with_401_naming_the_reason(editor):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    response = client.get("/api/v1/claims/")
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "Invalid token."
    assert response["WWW-Authenticate"] == "Token"


def test_the_token_of_a_deactivated_user_is_refused(editor):
    client = client_for(editor)
    editor.is_active = False
    editor.save()
    response = client.get("/api/v1/claims/")
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "User inactive or deleted."


def test_a_revoked_token_stops_working_at_once(editor):
    client = client_for(editor)
    assert client.get("/api/v1/claims/").status_code == 200
    editor.auth_token.delete()
    assert client.get("/api/v1/claims/").status_code == 401


# --- the permission backend -------------------------------------------------------------------


def permissions_and_queries(backend, user) -> tuple[set[str], int]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fresh = get_user_model().objects.get(pk=user.pk)  # no permission cached on it yet
    with CaptureQueriesContext(connection) as captured:
        perms = backend.get_all_permissions(fresh)
        assert backend.get_all_permissions(fresh) == perms  # read again from the user object
    return perms, len(captured)


@pytest.mark.parametrize("who", ["editor", "fact_checker", "outsider", "superuser", "inactive"])
def test_a_users_own_and_group_permissions_are_read_in_one_query_as_django_reads_them(request, who):
    from django.contrib.auth.backends import ModelBackend
    from django.contrib.auth.models import Permission

    from config.auth import OneQueryModelBackend
    from tests.factories import UserFactory

    if who in ("superuser", "inactive"):
        user = UserFactory(
            username=who, is_superuser=who == "superuser", is_active=who != "inactive"
        )
    else:
        user = request.getfixturevalue(who)
    # A permission of the user's own beside the group's (the outsider has only this one).
    user.user_permissions.add(Permission.objects.get(codename="view_rating"))
    expected, django_queries = permissions_and_queries(ModelBackend(), user)
    got, queries = permissions_and_queries(OneQueryModelBackend(), user)
    assert got == expected
    if who == "inactive":
        assert (got, queries) == (set(), 0)
    else:
        assert "claims.view_rating" in got
        assert (queries, django_queries) == (1, 2)
