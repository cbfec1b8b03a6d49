from __future__ import annotations

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination, PageNumberPagination


class StrictPageSize:
    """?page_size= must be a whole number from 1: DRF would silently ignore "ten" or -3."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or int(raw) < 1:
            raise ValidationError(
                {self.page_size_query_param: [f"A whole number from 1 to {self.max_page_size}."]}
            )
        return min(int(raw), self.max_page_size)


class IdCursorPagination(StrictPageSize, CursorPagination):
    """For the big, growing lists: stable pages however many rows arrive meanwhile.

    Newest first by primary key unless ?ordering= picks another key; the primary key is then
    added as a tie-breaker so rows sharing a value still come in one fixed order.
    """

    ordering = "-id"

    def get_ordering(self, request, queryset, view):
        ordering = tuple(super().get_ordering(request, queryset, view))
        if not any(field.lstrip("-") in ("id", "pk") for field in ordering):
            ordering = (*ordering, "-id" if ordering[0].startswith("-") else "id")
        return ordering


class PagePagination(StrictPageSize, PageNumberPagination):
    pass
