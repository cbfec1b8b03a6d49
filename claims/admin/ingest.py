"""The "Add article" screen: an article pasted, uploaded (.txt, .html, .json) or fetched from a
URL, with its title, publisher and date, through the same ingest as the command and the API.

The article admin (in `articles`) cannot know about extraction, so this screen is its add view
through `ArticleAdminExtension.add_view` (see `claims/admin/articles.py`). A problem with the
input or the ingest is shown on the form and nothing is written; on success the desk lands on
the new article's page, with its claims marked.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from articles.admin import ArticleAdmin, AuthorsField
from articles.inputs import Document, Failure, configured_limits, fetch_url, read_upload
from articles.validators import validate_http_url
from claims import services
from claims.ingest import IngestError, IngestStatus


class ArticleIngestForm(forms.Form):
    text = forms.CharField(
        label="Paste the text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 90}),
        help_text="The article as plain text.",
    )
    file = forms.FileField(
        label="or upload a file",
        required=False,
        help_text=".txt, .html (the page; its main text is kept) or .json (an object with "
        '"text", and optionally "title", "url", "publisher", "published", "authors").',
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.html,.htm,.json"}),
    )
    url = forms.URLField(
        label="URL",
        max_length=2000,
        required=False,
        assume_scheme="https",
        validators=[validate_http_url],
        help_text="The article's address. Given alone, without text or a file, the page is "
        "fetched.",
    )
    title = forms.CharField(max_length=500, required=False)
    publisher = forms.CharField(
        max_length=200, required=False, help_text="Its name; new publishers are created."
    )
    published = forms.DateField(
        label="Published on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Relative dates in the text (“on Tuesday”) are read against it.",
    )
    authors = AuthorsField(required=False, help_text="One name per line.")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        text, upload = data.get("text") or "", data.get("file")
        if text.strip() and upload:
            raise forms.ValidationError("Paste the text or upload a file, not both.")
        if text and not text.strip():
            self.add_error("text", "The pasted text is only whitespace.")
        elif not text and not upload and not data.get("url"):
            raise forms.ValidationError("Paste the text, upload a file or give a URL to fetch.")
        return data

    def document(self) -> Document | Failure:
        """The article as the input gives it: read from the text, the file or the URL."""
        data = self.cleaned_data
        if data["text"]:
            return Document(input="the pasted text", text=data["text"], raw_text=data["text"])
        limits = configured_limits()
        if data["file"]:
            return read_upload(data["file"].name, data["file"], limits)
        return fetch_url(data["url"], limits)

    def published_at(self) -> dt.datetime | None:
        day = self.cleaned_data["published"]
        return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) if day else None


def add_article_view(model_admin: ArticleAdmin, request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ArticleIngestForm(request.POST, request.FILES)
        if form.is_valid():
            response = _ingest(model_admin, request, form)
            if response is not None:
                return response
    else:
        form = ArticleIngestForm()
    opts = model_admin.opts
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Add article",
        "subtitle": None,
        "opts": opts,
        "form": form,
        "errors": helpers.AdminErrorList(form, []),
        "media": model_admin.media + form.media,
        "has_view_permission": model_admin.has_view_permission(request),
        "is_popup": False,
    }
    status = 400 if form.is_bound else 200
    return TemplateResponse(request, "admin/claims/article/add.html", context, status=status)


def _ingest(model_admin, request: HttpRequest, form: ArticleIngestForm) -> HttpResponse | None:
    """Ingest the form's article and go to its page, or put the reason on the form (None)."""
    document = form.document()
    field = "text" if form.cleaned_data["text"] else "file" if form.cleaned_data["file"] else "url"
    if isinstance(document, Failure):
        form.add_error(field, f"{document.input}: {document.reason}")
        return None
    data = form.cleaned_data
    try:
        result = services.article_add(
            document=document,
            by=request.user,
            title=data["title"] or None,
            url=data["url"] or None,
            publisher=data["publisher"] or None,
            published=form.published_at(),
            authors=data["authors"] or None,
        )
    except (IngestError, services.WorkflowError) as error:
        form.add_error(None, f"{document.input}: {error}")
        return None
    article = result.article
    if result.status is IngestStatus.UNCHANGED:
        text = f"This text is already stored as “{article}”: nothing was added."
        level = messages.WARNING
    elif result.status is IngestStatus.UPDATED:
        text = (
            f"“{article}” was stored with another text at this URL: it now has the new one "
            f"({result.claims_created} new claim(s), {result.appearances_removed} removed)."
        )
        level = messages.SUCCESS
    else:
        text = f"Article “{article}” added with {result.appearances_created} claim(s)."
        level = messages.SUCCESS
    model_admin.message_user(request, text, level)
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
