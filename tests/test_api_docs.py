"""/api/docs/ (Swagger UI) and /api/redoc/ (Redoc) work offline: every script, stylesheet,
font and image they reference comes from this site (drf-spectacular-sidecar's copies)."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db
# Any URL with a host: http(s)://… or protocol-relative //…
EXTERNAL = re.compile(r"""(?:src|href|url)\s*[=(]\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_the_docs_page_references_no_other_host(client, path):
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert not EXTERNAL.search(page), EXTERNAL.search(page)
    assets = re.findall(r'(?:src|href)="/static/([^"?]+)', page)
    assert any(a.endswith(".js") for a in assets)
    for asset in assets:
        assert finders.find(asset), f"{asset} is not among the static files"


def test_swagger_uis_set_up_script_asks_no_validator_elsewhere(client):
    script = client.get("/api/docs/", {"script": ""}).content.decode()
    assert '"validatorUrl": null' in script
    assert not re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", script, re.IGNORECASE)
