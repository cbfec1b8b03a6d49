"""The desk's roles manage the feeds it monitors (articles.Feed): fact-checkers and editors
add, change and view them; editors also remove them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Fact-checkers": ["add_feed", "change_feed", "view_feed"],
    "Editors": ["add_feed", "change_feed", "view_feed", "delete_feed"],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        had = getattr(app_config, "models_module", None)
        app_config.models_module = had or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = had
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    feed = Permission.objects.filter(content_type__app_label="articles", codename__endswith="_feed")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*feed)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0010_ingest_jobs"),
        ("articles", "0006_feeds"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
