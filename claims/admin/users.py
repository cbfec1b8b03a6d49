"""Users with their desk role: one field sets the role's group and the staff flag together,
so a new colleague given a role can sign in (the admin turns away users without staff)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from claims import services

ROLE_CHOICES = [("", "— no desk role —"), ("fact-checker", "Fact-checker"), ("editor", "Editor")]
ROLE_HELP = (
    "Fact-checkers triage, research and submit; editors also publish, correct and merge. "
    "Sets the group and the staff status together."
)


class DeskRoleField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=ROLE_CHOICES, required=False, label="Desk role", help_text=ROLE_HELP, **kwargs
        )


class DeskUserCreationForm(AdminUserCreationForm):
    desk_role = DeskRoleField()


class DeskUserChangeForm(UserChangeForm):
    desk_role = DeskRoleField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["desk_role"].initial = services.desk_role(self.instance) or ""


class DeskMemberAdmin(UserAdmin):
    form = DeskUserChangeForm
    add_form = DeskUserCreationForm
    list_display = [*UserAdmin.list_display, "desk_role"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Desk", {"fields": ["desk_role"]}),
        *UserAdmin.fieldsets[1:],
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "username",
                    "email",
                    "desk_role",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        )
    ]

    @staticmethod
    def desk_role(user) -> str:
        return services.desk_role(user) or "—"

    def save_related(self, request, form, formsets, change) -> None:
        # After the groups field is saved: the desk role then decides the desk's groups.
        super().save_related(request, form, formsets, change)
        role = form.cleaned_data.get("desk_role") or None
        if role is not None or (services.desk_role(form.instance) is not None and change):
            services.desk_member_set_role(user=form.instance, role=role)
