"""Add a desk member with a role, take the role away, or list the desk."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from claims import services


class Command(BaseCommand):
    help = (
        "Manage the desk's members. `add NAME --role fact-checker|editor [--email E]` creates "
        "the user if new (printing a generated password once) or gives an existing user the "
        "role; either way the role's group and the staff flag the admin needs are set together. "
        "`remove NAME` takes the desk role and the staff flag away (superusers keep staff). "
        "`list` prints every desk member and their role."
    )

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="add a desk member, or change their role")
        add.add_argument("name", help="user name")
        add.add_argument("--role", required=True, choices=sorted(services.ROLES))
        add.add_argument("--email", default="", help="e-mail address (optional)")
        remove = sub.add_parser("remove", help="take a user's desk role away")
        remove.add_argument("name", help="user name")
        sub.add_parser("list", help="list desk members and their roles")

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, f"_{action}")(**options)

    def _add(self, *, name: str, role: str, email: str, **_) -> None:
        try:
            user, password = services.desk_member_add(username=name, role=role, email=email)
        except services.WorkflowError as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            raise CommandError(f"{name!r}: {problems}") from None
        if password:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created {user.get_username()} as {role}, password {password} "
                    "(shown once; they can change it in the admin)"
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"{user.get_username()} is now {role}"))

    def _remove(self, *, name: str, **_) -> None:
        user = self._user(name)
        services.desk_member_set_role(user=user, role=None)
        if not user.is_superuser and user.is_staff:
            user.is_staff = False
            user.save(update_fields=["is_staff"])
        self.stdout.write(self.style.SUCCESS(f"{name} no longer has a desk role"))

    def _list(self, **_) -> None:
        users = get_user_model().objects.filter(groups__name__in=services.ROLES.values())
        for user in users.distinct().order_by("username"):
            can = user.is_staff and user.is_active
            flags = "" if can else " (cannot sign in: not staff or not active)"
            self.stdout.write(f"{user.get_username()}\t{services.desk_role(user)}{flags}")

    def _user(self, name: str):
        User = get_user_model()
        try:
            return User.objects.get(**{User.USERNAME_FIELD: name})
        except User.DoesNotExist:
            raise CommandError(f"No user {name!r}") from None
