"""Publishers and articles in the admin, with one extension point for the apps built on articles.

The article page also shows what other apps store about an article: the claims app marks every
claim in the text, adds a claim from a selected span and re-runs extraction. `claims` imports
`articles`, never the reverse, so this module cannot name any of that. Instead the article admin
is registered here, once, and an app that wants a part of its pages subclasses
`ArticleAdminExtension` in its own admin module and passes an instance to
`ArticleAdmin.extend()` (see `claims/admin/articles.py`). Each hook of the article admin (list
columns and annotations, inlines, actions, URLs, the panel above the form with its context and
links, media) asks every extension for its share; every share is empty by default, so without
extensions this is a plain article admin.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IS_POPUP_VAR, InlineModelAdmin
from django.contrib.admin.utils import unquote
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern

from articles.models import Article, Feed, Publisher
from articles.services import FEED_FIELDS, feed_save
from config.admin import WritesDataVersion


@admin.register(Publisher)
class PublisherAdmin(WritesDataVersion):
    list_display = ["name", "domain", "article_count"]
    search_fields = ["name", "domain"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(ordering="article_count", description="articles")
    def article_count(self, obj: Publisher) -> int:
        return obj.article_count


class ArticleAdminExtension:
    """What another app adds to the article admin. Override only what you contribute."""

    #: Columns appended to the article list: callables taking an article (`@admin.display`).
    list_display: Sequence[Callable[[Article], Any]] = ()
    #: Inlines appended to the article page.
    inlines: Sequence[type[InlineModelAdmin]] = ()
    #: Rendered above the article's fields, with the context `change_context` returns.
    panel_template: str = ""
    media: forms.Media = forms.Media()

    def annotate(self, queryset: QuerySet[Article]) -> QuerySet[Article]:
        """The article admin's queryset, with what this extension's columns read."""
        return queryset

    def get_actions(self, request: HttpRequest) -> list[Callable]:
        """Bulk actions `(model_admin, request, queryset)` that this user may run."""
        return []

    def get_urls(self, model_admin: ArticleAdmin) -> list[URLPattern]:
        """Extra views under /admin/articles/article/ (wrap them in admin_site.admin_view)."""
        return []

    def change_context(self, request: HttpRequest, article: Article) -> dict[str, Any]:
        """Context for `panel_template` on the article's page."""
        return {}

    def links(self, request: HttpRequest, article: Article) -> list[tuple[str, str]]:
        """(label, URL) pairs shown beside "History" on the article's page."""
        return []

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Whether this user may add articles through this extension's `add_view`."""
        return False

    def add_view(self, model_admin: ArticleAdmin, request: HttpRequest) -> HttpResponse | None:
        """The "Add article" page, when this extension adds articles its own way (e.g. by
        extracting claims from the text as it is stored); None leaves it to the next one."""
        return None


# As ingest stored them, read-only. The cleaned text is what stored offsets point into: it changes
# only by re-extraction.
STORED = [
    "text",
    "raw_text",
    "content_hash",
    "extractor_version",
    "model_version",
    "created_at",
    "updated_at",
]


class AuthorsField(forms.CharField):
    """The article's authors, one per line (stored as a JSON list of names)."""

    widget = forms.Textarea(attrs={"rows": 2, "cols": 60})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(name) for name in value)
        return value

    def to_python(self, value) -> list[str]:
        if isinstance(value, list | tuple):
            return [str(name).strip() for name in value if str(name).strip()]
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def has_changed(self, initial, data) -> bool:
        return self.to_python(initial) != self.to_python(data)


@admin.register(Article)
class ArticleAdmin(WritesDataVersion):
    # Django 6 makes https the default scheme for typed URLs; this desk's sources are https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "publisher", "published_at", "created_at", "extractor_version"]
    list_filter = ["publisher", "language", "created_at"]
    list_select_related = ["publisher"]
    search_fields = ["title", "url", "text"]
    autocomplete_fields = ["publisher"]
    date_hierarchy = "created_at"
    fieldsets = [
        (None, {"fields": ["title", "url", "publisher", "authors", "published_at", "language"]}),
        ("Text as stored", {"classes": ["collapse"], "fields": STORED}),
    ]
    readonly_fields = STORED
    show_full_result_count = False
    extensions: ClassVar[list[ArticleAdminExtension]] = []

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) or any(
            extension.has_add_permission(request) for extension in self.extensions
        )

    def add_view(self, request, form_url="", extra_context=None):
        for extension in self.extensions:
            response = extension.add_view(self, request)
            if response is not None:
                return response
        return super().add_view(request, form_url, extra_context)

    def get_fieldsets(self, request, obj=None):
        if obj is None:  # a plain article typed in: its text is what it is made of
            return [
                (
                    None,
                    {
                        "fields": [
                            "title",
                            "url",
                            "publisher",
                            "authors",
                            "published_at",
                            "language",
                            "text",
                        ]
                    },
                )
            ]
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else super().get_readonly_fields(request, obj)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "authors":
            return AuthorsField(required=False, label="Authors", help_text="One name per line.")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @classmethod
    def extend(cls, extension: ArticleAdminExtension) -> None:
        """Add `extension`'s share to every article admin hook (call it from an admin module)."""
        cls.extensions.append(extension)

    @property
    def media(self) -> forms.Media:
        media = super().media
        for extension in self.extensions:
            media += extension.media
        return media

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        for extension in self.extensions:
            queryset = extension.annotate(queryset)
        return queryset

    def get_list_display(self, request):
        extra = [column for extension in self.extensions for column in extension.list_display]
        return [*super().get_list_display(request), *extra]

    def get_inlines(self, request, obj):
        extra = [inline for extension in self.extensions for inline in extension.inlines]
        return [*super().get_inlines(request, obj), *extra]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if IS_POPUP_VAR in request.GET:  # as Django's own: no actions in a popup
            return actions
        for extension in self.extensions:
            for func in extension.get_actions(request):
                func, name, description = self.get_action(func)
                actions[name] = (func, name, description)
        return actions

    def get_urls(self):
        extra = [url for extension in self.extensions for url in extension.get_urls(self)]
        return [*extra, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        if article is not None:
            panels, links = [], []
            for extension in self.extensions:
                context.update(extension.change_context(request, article))
                links += extension.links(request, article)
                if extension.panel_template:
                    panels.append(extension.panel_template)
            context.update(article_panels=panels, article_links=links)
        return super().change_view(request, object_id, form_url, context)


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    """Feeds the workers poll (beat): the last poll's outcome and error are shown, not edited."""

    list_display = [
        "url",
        "kind",
        "publisher",
        "active",
        "poll_interval",
        "last_polled_at",
        "next_poll_at",
        "failures",
        "last_error",
    ]
    list_filter = ["active", "kind", "publisher"]
    list_select_related = ["publisher"]
    search_fields = ["url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = [
        "url",
        "kind",
        "publisher",
        "poll_interval",
        "active",
        "last_polled_at",
        "next_poll_at",
        "failures",
        "last_error",
        "entries_found",
        "etag",
        "last_modified",
    ]
    readonly_fields = [
        "last_polled_at",
        "next_poll_at",
        "failures",
        "last_error",
        "entries_found",
        "etag",
        "last_modified",
    ]

    def save_model(self, request, obj, form, change) -> None:
        values = {
            name: form.cleaned_data[name] for name in FEED_FIELDS if name in form.cleaned_data
        }
        feed_save(feed=obj, **values)
