"""The permissions behind a claim's next moves, read in one query instead of ModelBackend's
two; who may do what unchanged."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def fresh(user):
    return get_user_model().objects.get(pk=user.pk)


@pytest.mark.parametrize("role", ["editor", "fact_checker", "outsider"])
def test_permissions_read_in_one_query_are_those_model_backend_reads_in_two(request, role):
    user = fresh(request.getfixturevalue(role))
    user.user_permissions.add(Permission.objects.get(codename="add_source"))
    backend = ModelBackend()
    expected = backend.get_user_permissions(fresh(user)) | backend.get_group_permissions(
        fresh(user)
    )
    with CaptureQueriesContext(connection) as captured:
        services.load_permissions(user)
    assert len(captured) == 1
    assert user._perm_cache == expected
    assert "claims.add_source" in user._perm_cache
    with CaptureQueriesContext(connection) as captured:
        assert user.has_perm("claims.add_source")
        assert user.has_perm(services.WORK_PERMISSION) == (role != "outsider")
        assert user.has_perm(services.PUBLISH_PERMISSION) == (role == "editor")
        assert user.get_all_permissions() == expected
    assert len(captured) == 0


def test_permissions_already_read_are_not_read_again(editor):
    user = fresh(editor)
    assert user.has_perm(services.WORK_PERMISSION)
    with CaptureQueriesContext(connection) as captured:
        services.load_permissions(user)
    assert len(captured) == 0


def test_permissions_are_not_loaded_for_users_has_perm_answers_without_them(db):
    inactive = UserFactory(is_active=False)
    superuser = UserFactory(is_superuser=True)
    for user in (fresh(inactive), fresh(superuser), AnonymousUser()):
        with CaptureQueriesContext(connection) as captured:
            services.load_permissions(user)
        assert len(captured) == 0
        assert not hasattr(user, "_perm_cache")
    assert not fresh(inactive).has_perm(services.WORK_PERMISSION)
    assert fresh(superuser).has_perm(services.PUBLISH_PERMISSION)


def test_permissions_are_left_to_django_when_another_backend_is_set_up(settings, editor):
    settings.AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
        "django.contrib.auth.backends.RemoteUserBackend",
    ]
    user = fresh(editor)
    services.load_permissions(user)
    assert not hasattr(user, "_perm_cache")
    assert services.allowed_moves(status="in_review", user=user) == ["researching", "published"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("editor", ["researching", "published"]),
        ("fact_checker", ["researching"]),
        ("outsider", []),
    ],
)
def test_who_may_move_a_claim_is_unchanged(request, role, expected):
    user = fresh(request.getfixturevalue(role))
    assert services.allowed_moves(status="in_review", user=user) == expected
    assert services.allowed_moves(status="published", user=user) == []
    assert services.allowed_moves(status="new", user=None) == []


def test_a_published_claim_offers_no_moves_without_asking_for_permissions(editor):
    user = fresh(editor)
    with CaptureQueriesContext(connection) as captured:
        assert services.allowed_moves(status="published", user=user) == []
    assert len(captured) == 0
