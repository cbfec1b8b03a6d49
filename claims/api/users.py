"""Desk members as the API names them: to the desk only."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.api.serializers import OutputSerializer
from claims.selectors import reads_desk


class UserRefSerializer(OutputSerializer):
    """A desk member (who is assigned, who added a source, who moved a claim): null for
    readers without a desk role, since who works on what is the desk's business, not the
    public's."""

    class Meta:
        model = get_user_model()
        fields = ["id", "username"]
        read_only_fields = fields

    def get_attribute(self, instance):
        if not reads_desk(getattr(self.context.get("request"), "user", None)):
            return None
        return super().get_attribute(instance)


@extend_schema_field(
    {
        "oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "minLength": 1}],
        "nullable": True,
        "description": "A user's id or username.",
    }
)
class UserField(serializers.Field):
    """An active user named by id (7) or by username ("maria"), as a person would name them."""

    default_error_messages = {
        "invalid": "Give a user id (a number) or a username (a string).",
        "unknown": "No active user {value!r}.",
    }

    def to_internal_value(self, data):
        users = get_user_model().objects.filter(is_active=True)
        if isinstance(data, bool) or not isinstance(data, int | str) or data == "":
            self.fail("invalid")
        if isinstance(data, int):
            user = users.filter(pk=data).first() if 0 < data < 2**63 else None
        else:
            user = users.filter(**{get_user_model().USERNAME_FIELD: data}).first()
        if user is None:
            self.fail("unknown", value=data)
        return user

    def to_representation(self, value) -> int:
        return value.pk
