"""Desk members: `manage.py desk_member` and the admin's user form set group and staff flag
together, so a colleague given a role can sign in."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def run(*args) -> str:
    out = io.StringIO()
    call_command("desk_member", *args, stdout=out)
    return out.getvalue()


def sign_in(client, username: str, password: str) -> bool:
    """Through the admin's login form, as a person does (axes wants the request)."""
    response = client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}
    )
    return response.status_code == 302 and response["Location"] == "/admin/"


def groups(user) -> list[str]:
    return sorted(user.groups.values_list("name", flat=True))


def test_a_new_fact_checker_is_created_with_staff_status_and_can_open_the_desk(client):
    out = run("add", "maria", "--role", "fact-checker", "--email", "maria@desk.example")
    password = re.search(r"password (\S+)", out).group(1)
    user = User.objects.get(username="maria")
    assert user.is_staff and not user.is_superuser
    assert groups(user) == ["Fact-checkers"] and user.email == "maria@desk.example"
    assert sign_in(client, "maria", password)
    assert client.get("/admin/claims/claim/").status_code == 200


def test_an_existing_user_changes_role_and_keeps_their_password():
    user = UserFactory(username="edith", is_staff=False)
    run("add", "edith", "--role", "fact-checker")
    out = run("add", "edith", "--role", "editor")
    assert out.strip() == "edith is now editor"
    user.refresh_from_db()
    assert user.is_staff and groups(user) == ["Editors"]
    assert user.check_password("correct horse battery staple")


def test_remove_takes_the_role_and_the_staff_flag_away():
    run("add", "bo", "--role", "editor")
    run("remove", "bo")
    user = User.objects.get(username="bo")
    assert groups(user) == [] and not user.is_staff


def test_list_names_each_member_and_role():
    run("add", "ann", "--role", "editor")
    run("add", "cy", "--role", "fact-checker")
    assert run("list").splitlines() == ["ann\teditor", "cy\tfact-checker"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "x", "--role", "intern"], "invalid choice: 'intern'"),
        (["add", "bad name!", "--role", "editor"], "'bad name!': username"),
        (["remove", "ghost"], "No user 'ghost'"),
    ],
)
def test_bad_input_is_an_error_naming_it_and_creates_nobody(args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("desk_member", *args, stdout=io.StringIO(), stderr=io.StringIO())
    assert not User.objects.filter(username__in=["x", "bad name!"]).exists()


def test_help_runs():
    with pytest.raises(SystemExit) as done:
        call_command("desk_member", "--help", stdout=io.StringIO())
    assert done.value.code == 0


def test_a_user_given_a_role_in_the_admin_user_form_can_sign_in(client):
    admin = UserFactory(username="root", is_superuser=True)
    client.force_login(admin)
    response = client.post(
        "/admin/auth/user/add/",
        {
            "username": "newbie",
            "email": "",
            "desk_role": "fact-checker",
            "usable_password": "true",
            "password1": "a long enough pass phrase 42",
            "password2": "a long enough pass phrase 42",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(username="newbie")
    assert user.is_staff and groups(user) == ["Fact-checkers"]
    client.logout()
    assert sign_in(client, "newbie", "a long enough pass phrase 42")
    assert client.get("/admin/claims/claim/").status_code == 200


def test_the_user_form_shows_and_changes_the_role(client):
    admin = UserFactory(username="root", is_superuser=True)
    run("add", "dan", "--role", "fact-checker")
    dan = User.objects.get(username="dan")
    client.force_login(admin)
    page = client.get(f"/admin/auth/user/{dan.pk}/change/")
    assert page.context["adminform"].form["desk_role"].value() == "fact-checker"
    data = {
        "username": "dan",
        "desk_role": "editor",
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
    }
    response = client.post(f"/admin/auth/user/{dan.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert groups(dan) == ["Editors"]
