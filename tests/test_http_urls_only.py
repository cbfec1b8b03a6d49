"""Only http(s) URLs are stored anywhere (issue 15): an article's, a source's and its archived
copy's, a fact-check's. One validator (articles/validators.py) at every way in."""

from __future__ import annotations

import pytest

from claims.models import Source, Verdict
from tests.api.conftest import client_for
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db
NOT_HTTP = ["ftp://files.example/report.pdf", "javascript:alert(document.cookie)"]


@pytest.mark.parametrize("url", NOT_HTTP)
@pytest.mark.parametrize("field", ["url", "archived_url"])
def test_the_api_refuses_a_source_url_that_is_not_http(fact_checker, url, field):
    claim = ClaimFactory(status="researching", assignee=fact_checker)
    body = {"url": "https://stats.example/t1", field: url}
    response = client_for(fact_checker).post(f"/api/v1/claims/{claim.pk}/sources/", body)
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert not Source.objects.exists()


@pytest.mark.parametrize("url", NOT_HTTP)
def test_the_api_refuses_a_fact_check_url_that_is_not_http(fact_checker, url):
    claim = ClaimFactory(status="researching", assignee=fact_checker)
    response = client_for(fact_checker).put(
        f"/api/v1/claims/{claim.pk}/verdict/draft/",
        {"rating": "false", "summary": "No.", "fact_check_url": url},
    )
    assert response.status_code == 400, response.content
    assert "fact_check_url" in response.json()["error"]["fields"]
    assert not Verdict.objects.exists()


@pytest.mark.parametrize("url", NOT_HTTP)
def test_the_api_refuses_an_article_url_that_is_not_http(fact_checker, url):
    response = client_for(fact_checker).post(
        "/api/v1/ingest/", {"text": "Exports doubled to $4 billion in 2023.", "url": url}
    )
    assert response.status_code == 400, response.content


def test_the_admin_refuses_a_source_and_a_fact_check_url_that_are_not_http(client, fact_checker):
    claim = ClaimFactory(status="researching", assignee=fact_checker)
    client.force_login(fact_checker)
    response = client.post(
        f"/admin/claims/claim/{claim.pk}/sources/",
        {"url": "ftp://files.example/r.pdf", "stance": "refutes", "reliability": "high"},
        follow=True,
    )
    assert "Enter a valid http:// or https:// URL." in response.content.decode()
    assert not Source.objects.exists()
    response = client.post(
        f"/admin/claims/claim/{claim.pk}/verdict/",
        {"summary": "No.", "fact_check_url": "ftp://files.example/r.pdf"},
        follow=True,
    )
    assert "Enter a valid http:// or https:// URL." in response.content.decode()
    assert not Verdict.objects.exists()
