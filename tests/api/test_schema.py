"""The OpenAPI schema: valid, and true to what the API answers (schemathesis, live schema)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from articles.inputs import Failure
from config.wsgi import application
from tests.api.conftest import published_claim
from tests.factories import ClaimFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def test_the_schema_validates_without_a_single_warning():
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_the_schema_and_the_docs_page_are_served(anon):
    schema = anon.get("/api/schema/?format=json")
    assert schema.status_code == 200
    assert "/api/v1/claims/{id}/claimreview/" in schema.json()["paths"]
    assert anon.get("/api/docs/").status_code == 200


def test_every_operation_documents_the_error_shape(anon):
    paths = anon.get("/api/schema/?format=json").json()["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            for code in ("400", "401", "403", "404", "429"):
                assert code in operation["responses"], f"{method} {path} lacks {code}"
            body = operation["responses"]["404"]["content"]
            schema = next(iter(body.values()))["schema"]
            assert schema == {"$ref": "#/components/schemas/Error"}


@pytest.fixture
def desk(editor, monkeypatch):
    """A desk with published fact-checks and work in progress, and the editor's token."""
    for slug in ("false", "true", "unverifiable"):
        published_claim(slug=slug, articles=2)
    for status in ("new", "selected", "researching", "in_review"):
        claim = ClaimFactory(status=status, assignee=editor)
        VerdictFactory(claim=claim)
        SourceFactory(claim=claim)
    # Never reach the network: a URL to fetch fails as an unreachable page would.
    monkeypatch.setattr(
        "claims.api.ingest.fetch", lambda url: Failure(url, "could not be fetched (test)")
    )
    token, _ = Token.objects.get_or_create(user=editor)
    # schemathesis calls the WSGI app directly, and Django would then close the connection at
    # the end of each request, losing the test's transaction (PostgreSQL). Django's own test
    # client keeps it the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {"Authorization": f"Token {token.key}"}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# The live schema, as the running application serves it. (Loaded at collection: schemathesis'
# lazy `from_fixture` loader does not work with pytest 9, which dropped Node._nodeid.)
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@schema.parametrize()
@settings(
    max_examples=15,
    derandomize=True,  # the same examples every run: a failure in CI reproduces locally
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_as_its_schema_says(case, desk):
    # No server error, and every status, content type, header and body as documented.
    # Not `positive_data_acceptance`: an unknown id in a filter is schema-valid and a 400.
    # Not `negative_data_rejection`: DRF ignores a malformed ?page_size= and django-filter
    # reads a bare date as midnight, both lenient rather than wrong.
    case.call_and_validate(headers=desk, checks=CHECKS)


def test_no_operation_is_described_by_an_internal_docstring():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    described = {
        f"{method.upper()} {path}": operation.get("description", "")
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }
    internal = {op: text for op, text in described.items() if "cache" in text.lower()}
    assert internal == {}
