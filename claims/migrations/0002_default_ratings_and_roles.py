"""Seed the default verdict scale and the two desk roles with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RATINGS = [
    # label, slug, value, colour, description
    ("False", "false", 1, "#c0392b", "The claim is inaccurate."),
    (
        "Mostly false",
        "mostly-false",
        2,
        "#e67e22",
        "The claim has an element of truth but ignores facts that would give a different impression.",
    ),
    (
        "Half true",
        "half-true",
        3,
        "#f1c40f",
        "The claim is partially accurate but leaves out important details or takes things out of context.",
    ),
    (
        "Mostly true",
        "mostly-true",
        4,
        "#7fb800",
        "The claim is accurate but needs clarification or additional information.",
    ),
    ("True", "true", 5, "#27ae60", "The claim is accurate and nothing significant is missing."),
    (
        "Misleading",
        "misleading",
        2,
        "#8e44ad",
        "Accurate facts presented so as to give a false impression.",
    ),
    (
        "Unverifiable",
        "unverifiable",
        None,
        "#7f8c8d",
        "The evidence available cannot prove or disprove the claim.",
    ),
]

VIEW_ALL = [
    "view_publisher",
    "view_article",
    "view_claimant",
    "view_claimantalias",
    "view_claim",
    "view_appearance",
    "view_rating",
    "view_verdict",
    "view_source",
    "view_transition",
]
FACT_CHECKER = VIEW_ALL + [
    "change_claim",
    "add_appearance",
    "add_claimant",
    "change_claimant",
    "add_claimantalias",
    "change_claimantalias",
    "add_source",
    "change_source",
    "delete_source",
    "add_verdict",
    "change_verdict",
]
EDITOR = FACT_CHECKER + [
    "publish_verdict",
    "merge_claim",
    "delete_claim",
    "delete_appearance",
    "add_rating",
    "change_rating",
    "delete_rating",
    "add_publisher",
    "change_publisher",
    "change_article",
    "delete_claimant",
    "delete_claimantalias",
]
GROUPS = {"Fact-checkers": FACT_CHECKER, "Editors": EDITOR}


def seed(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    for order, (label, slug, value, colour, description) in enumerate(RATINGS):
        Rating.objects.update_or_create(
            slug=slug,
            defaults={
                "label": label,
                "value": value,
                "colour": colour,
                "description": description,
                "order": order,
            },
        )

    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        # Historical app configs have no models module, which create_permissions skips.
        had = getattr(app_config, "models_module", None)
        app_config.models_module = had or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = had
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(
            content_type__app_label__in=["claims", "articles"], codename__in=codenames
        )
        missing = set(codenames) - set(perms.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Permissions missing for group {name}: {sorted(missing)}")
        group.permissions.add(*perms)


def unseed(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()
    apps.get_model("claims", "Rating").objects.filter(slug__in=[r[1] for r in RATINGS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
