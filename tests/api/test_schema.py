"""The OpenAPI schema: valid, and true to what the API answers (schemathesis, live schema)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import CHECKS, load_all_checks

from articles.inputs import Document
from config.wsgi import application
from tests.api.conftest import published_claim
from tests.factories import ClaimFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def _build_each_regex_once() -> None:
    """schemathesis builds its coverage-phase cases when this module is collected, and asks
    hypothesis for a strategy from the same pattern dozens of times: 40 times for the URL
    pattern alone (claims.api.inputs.HTTP_URL_PATTERN), which hypothesis builds by adding each
    character of its Unicode ranges one at a time, 2 s each: three quarters of the whole
    suite's collection time. A strategy is a pure function of its pattern, mode and alphabet
    (hypothesis reuses strategies everywhere), so build each once. Private to hypothesis
    (6.170): if it moves, this does nothing and collection is only slower."""
    try:
        from hypothesis.strategies._internal import regex
    except ImportError:
        return
    build = getattr(regex, "regex_strategy", None)
    if build is None or getattr(build, "built", None) is not None:
        return
    built: dict = {}

    def regex_strategy(pattern, fullmatch, *, alphabet, **options):
        try:
            key = (pattern, fullmatch, alphabet, tuple(sorted(options.items())))
            hash(key)
        except TypeError:
            return build(pattern, fullmatch, alphabet=alphabet, **options)
        if key not in built:
            built[key] = build(pattern, fullmatch, alphabet=alphabet, **options)
        return built[key]

    regex_strategy.built = built
    regex.regex_strategy = regex_strategy


_build_each_regex_once()
# Every check schemathesis has (the CLI's `--checks all`): no server error; status, content
# type, headers and body as documented; schema-invalid input refused and valid input accepted;
# missing auth refused; the stateful ones (a deleted resource stays gone, a created one is
# there) run on the links of the state machine below.
load_all_checks()
ALL_CHECKS = CHECKS.get_all()


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
    # Never reach the network: a URL to fetch gives a small page, as a reachable site would
    # (an unreachable one is a 400 for a valid request, which is not the schema's business).
    page = "The minister said unemployment fell to 5.5% last year."
    monkeypatch.setattr(
        "claims.api.ingest.fetch",
        lambda url: Document(input=url, text=page, raw_text=page, url=url),
    )
    # The same for a queued job's URLs, fetched by the (here eager) worker task: a made-up host
    # would otherwise wait out the resolver's timeout once per URL.
    monkeypatch.setattr(
        "claims.ingest.jobs.fetch_url",
        lambda url, limits: Document(input=url, text=page, raw_text=page, url=url),
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
# Valid input is accepted, or refused for its content rather than its shape: 422 is ingest's
# answer to an article of the right shape that holds nothing to ingest (documented there).
_acceptance = schema.config.checks.positive_data_acceptance
_acceptance.expected_statuses = [*_acceptance.expected_statuses, "422"]
# Bodies naming other rows (a rating's slug, a user's or a claim's id) are refused with a 400
# on that field when the row does not exist: valid in shape, and no schema can list the rows;
# an article's published date must lie between 1800 and a day from now, which moves with the
# clock. Every other check still runs on them.
REFERENCES = {
    "assign",
    "verdict/draft",
    "correct",
    "merge",
    "/api/v1/ingest",
    "/api/v1/feeds",
    "/api/v1/feeds/{id}",
}
# URLs kept to fetch later (a queued job's, a feed's) are checked as the one http(s) validator
# checks them (articles.validators: Django's URLValidator, which takes internationalised host
# names); schemathesis's mutations of a URL it deems no longer a 'uri' can still pass it, and
# the fetch, later, reports the failure on the job item or the feed. The synchronous ingest of
# one URL keeps the check (it fetches at once and answers 422).
LATER_FETCHES = {"/api/v1/feeds", "/api/v1/feeds/{id}"}


def checks_for(case) -> list:
    action = case.operation.path.rstrip("/").rsplit("}/", 1)[-1]
    skipped = set()
    if case.method != "GET" and action in REFERENCES:
        skipped.add("positive_data_acceptance")
    job = action == "/api/v1/ingest" and isinstance(case.body, dict) and "urls" in case.body
    if case.method != "GET" and (action in LATER_FETCHES or job):
        skipped.add("negative_data_rejection")
    return [check for check in ALL_CHECKS if check.__name__ not in skipped]


@schema.hook
def map_query(ctx, query):
    """A cursor is opaque: only the API makes one (its next and previous links), so a string
    made up by the generator is not a cursor and gets its 400 (tests/api/test_hostile_input.py
    tries the tampered ones)."""
    if query:
        query.pop("cursor", None)
    return query


@schema.parametrize()
@settings(
    max_examples=15,
    derandomize=True,  # the same examples every run: a failure in CI reproduces locally
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_as_its_schema_says(case, desk):
    case.call_and_validate(headers=desk, checks=checks_for(case))


# Stateful: sequences of calls along the schema's links (an id a response gives, used by the
# next call), bounded so that it runs in CI in a minute or two on a loaded machine.
StatefulAPI = schema.as_state_machine()


class DeskSession(StatefulAPI):
    headers: dict[str, str] = {}

    def get_call_kwargs(self, case):
        return {"headers": self.headers}

    def validate_response(self, response, case, additional_checks=None, **kwargs):
        case.validate_response(
            response,
            checks=checks_for(case),
            headers=self.headers,
            transport_kwargs=kwargs or None,
            recorder=self.recorder,
        )


def test_sequences_of_calls_along_the_schemas_links_answer_as_it_says(desk):
    DeskSession.headers = desk
    DeskSession.run(
        settings=settings(
            max_examples=15,
            stateful_step_count=5,
            derandomize=True,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
    )


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
