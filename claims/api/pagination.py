from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Field, QuerySet
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination, PageNumberPagination


class StrictPageSize:
    """?page_size= must be a whole number from 1 to the maximum, as the schema says: DRF would
    silently ignore "ten" or -3 and cut 1000 down to the maximum."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [f"A whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                }
        return parameters


class IdCursorPagination(StrictPageSize, CursorPagination):
    """For the big, growing lists: stable pages however many rows arrive meanwhile.

    Newest first by primary key unless ?ordering= picks another key; the primary key is then
    added as a tie-breaker so rows sharing a value still come in one fixed order.
    """

    ordering = "-id"
    invalid_cursor_message = "Not a cursor of this list: follow its `next` and `previous` links."

    def get_ordering(self, request, queryset, view):
        ordering = tuple(super().get_ordering(request, queryset, view))
        if not any(field.lstrip("-") in ("id", "pk") for field in ordering):
            ordering = (*ordering, "-id" if ordering[0].startswith("-") else "id")
        # The cursor's position is a value of the first key: checked against its field before
        # it reaches a query (DRF passes it on as given: "abc" for an id would be a 500).
        self.position_field = _field(queryset, ordering[0].lstrip("-"))
        return ordering

    def decode_cursor(self, request) -> Cursor | None:
        """The cursor, or a 400 naming it when it is not one this list gave out (DRF answers
        404 for some malformed cursors and lets others through to the query)."""
        try:
            cursor = super().decode_cursor(request)
            if cursor is not None and cursor.position is not None:
                self.position_field.clean(cursor.position, None)
        except (NotFound, DjangoValidationError):
            raise ValidationError(
                {self.cursor_query_param: [self.invalid_cursor_message]}
            ) from None
        return cursor


class PagePagination(StrictPageSize, PageNumberPagination):
    pass


def _field(queryset: QuerySet, name: str) -> Field:
    """The model field or annotation a list is ordered by."""
    if name in queryset.query.annotations:
        return queryset.query.annotations[name].output_field
    return queryset.model._meta.pk if name == "pk" else queryset.model._meta.get_field(name)
