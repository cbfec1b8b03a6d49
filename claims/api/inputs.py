"""Strict request bodies: unknown fields and values of the wrong JSON type are refused, so a
typo such as {"not": "..."} is an error instead of a silently ignored note.

Inputs are validated by these serializers and handed to the workflow services; no serializer
saves a model.
"""

from __future__ import annotations

from collections.abc import Mapping

from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """A string and only a string: 5 or true is a type error, not "5" or "True"."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictURLField(serializers.URLField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


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
