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
