"""Desk members as the API names them: to the desk only."""

from __future__ import annotations

from django.contrib.auth import get_user_model

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
