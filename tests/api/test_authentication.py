"""API tokens (claims/api/authentication.py): one query, the same answers as DRF's."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests.api.conftest import client_for, reads

pytestmark = pytest.mark.django_db


def test_a_valid_token_signs_the_request_in_with_one_query(editor):
    from claims.api.authentication import TokenAuthentication

    client = client_for(editor)
    header = client._credentials["HTTP_AUTHORIZATION"].split()[1]
    TokenAuthentication().authenticate_credentials(header)  # prepares its statement, once
    with CaptureQueriesContext(connection) as captured:
        user, token = TokenAuthentication().authenticate_credentials(header)
    assert len(reads(captured)) == 1
    assert (user.pk, user.username, token.key) == (editor.pk, editor.username, header)
    assert client.get("/api/v1/claims/").status_code == 200


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
