from __future__ import annotations

from rest_framework.pagination import CursorPagination, PageNumberPagination


class IdCursorPagination(CursorPagination):
    """For the big, growing lists: stable pages however many rows arrive meanwhile.

    Newest first by primary key unless ?ordering= picks another key; the primary key is then
    added as a tie-breaker so rows sharing a value still come in one fixed order.
    """

    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_ordering(self, request, queryset, view):
        ordering = tuple(super().get_ordering(request, queryset, view))
        if not any(field.lstrip("-") in ("id", "pk") for field in ordering):
            ordering = (*ordering, "-id" if ordering[0].startswith("-") else "id")
        return ordering


class PagePagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
