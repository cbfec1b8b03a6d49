"""Desk members as the API names them: to signed-in readers only."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from articles.api.serializers import OutputSerializer


class UserRefSerializer(OutputSerializer):
    """A desk member (who is assigned, who added a source, who moved a claim): null for
    anonymous readers, since who works on what is the desk's business, not the public's."""

    class Meta:
        model = get_user_model()
        fields = ["id", "username"]
        read_only_fields = fields

    def get_attribute(self, instance):
        request = self.context.get("request")
        reader = getattr(request, "user", None)
        if reader is None or not reader.is_authenticated:
            return None
        return super().get_attribute(instance)
