"""Create (or reset) the demo editor account and print its generated password."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the demo account (an editor and superuser) with a newly generated password, "
        "or give the existing one a new password, and print it. For local demos only."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="admin", help="account name (default: admin)")

    def handle(self, *args, username: str, **options) -> None:
        password = secrets.token_urlsafe(12)
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True, "is_superuser": True}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        user.groups.add(*Group.objects.filter(name="Editors"))
        verb = "Created" if created else "Reset the password of"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} the demo account: user {username!r}, password {password}")
        )
