"""Strict request bodies: unknown fields and values of the wrong JSON type are refused, so a
typo such as {"not": "..."} is an error instead of a silently ignored note.

Inputs are validated by these serializers and handed to the workflow services; no serializer
saves a model.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.validators import URLValidator
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

from articles.validators import URL_MAX_LENGTH, validate_http_url


class StrictCharField(serializers.CharField):
    """A string and only a string: 5 or true is a type error, not "5" or "True"."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictCharFieldExtension(OpenApiSerializerFieldExtension):
    """The schema says what DRF's CharField refuses: the NUL character."""

    target_class = StrictCharField
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        schema.setdefault("pattern", "^[^\\u0000]*$")
        return schema


class StrictURLField(serializers.URLField):
    """An http:// or https:// URL as a string: the one URL validator every way in uses
    (articles.validators), so a javascript: or ftp: URL is an error on its field."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", URL_MAX_LENGTH)
        super().__init__(**kwargs)
        # Instead of DRF's URLValidator, which also takes ftp:// and ftps://.
        self.validators = [
            validator for validator in self.validators if type(validator) is not URLValidator
        ] + [validate_http_url]

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictURLFieldExtension(OpenApiSerializerFieldExtension):
    """The schema says http(s) only (drf-spectacular adds the blank alternative of a field
    that allows blanks)."""

    target_class = StrictURLField

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        schema.pop("format", None)  # "uri" admits schemes and hosts the validator refuses
        schema["pattern"] = HTTP_URL_PATTERN
        return schema


# Django's URLValidator as far as JSON Schema can say it (no look-arounds): http(s), a host
# name of at most four labels of 46 characters and a top-level domain (under the validator's
# 253 characters), an IPv4 address or localhost, a port, then anything without spaces.
_CHAR = "A-Za-z0-9\u00a1-\ud7ff\ue000-\uffff"
_LABEL = f"[{_CHAR}](?:[{_CHAR}-]{{0,44}}[{_CHAR}])?"
_HOST = (
    f"(?:{_LABEL}\\.){{1,4}}[A-Za-z\u00a1-\ud7ff\ue000-\uffff]{{2,63}}"
    f"|localhost|{URLValidator.ipv4_re}"
)
HTTP_URL_PATTERN = f"^[Hh][Tt][Tt][Pp][Ss]?://(?:{_HOST})(?::[0-9]{{1,5}})?(?:[/?#][^\\s]*)?$"


class StrictIntegerField(serializers.IntegerField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    """JSON true or false only: DRF's BooleanField also takes 0, 1, "yes", "on" and more."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


class Input(serializers.Serializer):
    """A request body: a JSON object with only the documented fields."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                expected = ", ".join(self.fields) or "none"
                raise serializers.ValidationError(
                    {name: [f"Unknown field (expected: {expected})."] for name in unknown}
                )
        return super().to_internal_value(data)


class IdListField(serializers.ListField):
    child = StrictIntegerField(min_value=1, max_value=2**63 - 1)


def existing(model, ids: list[int], noun: str) -> list:
    """The objects with these ids, in the order given (repeats dropped), or a validation error
    naming the ids that match none."""
    found = {obj.pk: obj for obj in model.objects.filter(pk__in=set(ids))}
    unknown = sorted(set(ids) - set(found))
    if unknown:
        raise serializers.ValidationError(f"No {noun} with id {', '.join(map(str, unknown))}.")
    return [found[i] for i in dict.fromkeys(ids)]
