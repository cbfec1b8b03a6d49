"""The response cache of the claim list and the ClaimReview feed (claims/api/caching.py).

The data version moves when a transaction commits, so the tests that write do so in real,
committed transactions (transactional tests), as requests and ingest runs do.
"""

from __future__ import annotations

import hashlib
import uuid

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims import services
from claims.api import caching
from claims.ingest import article_ingest
from claims.models import Claim, Claimant
from tests.api.conftest import published_claim, reads
from tests.factories import ClaimantFactory, ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.CLAIMTRACK_API_CACHE_SECONDS = 60
    cache.clear()
    return settings


def statements(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["statement"] for row in response.json()["results"]]


def test_a_second_read_of_the_same_page_comes_from_the_cache_byte_for_byte(page_cache, editor_api):
    ClaimFactory.create_batch(3)
    first = editor_api.get("/api/v1/claims/")
    second = editor_api.get("/api/v1/claims/")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"] == "application/json"
    # The page's ETag, computed once when it was stored, not on every hit.
    assert second["ETag"] == first["ETag"] == f'"{hashlib.md5(first.content).hexdigest()}"'
    # Downstream HTTP caches must keep signed-in and anonymous pages apart too.
    for response in (first, second):
        vary = {v.strip() for v in response["Vary"].split(",")}
        assert {"Accept", "Authorization", "Cookie"} <= vary


def test_the_claim_list_is_built_every_time_when_caching_is_off(settings, editor_api):
    settings.CLAIMTRACK_API_CACHE_SECONDS = 0
    ClaimFactory()
    assert not editor_api.get("/api/v1/claims/").has_header("X-Cache")
    assert not editor_api.get("/api/v1/claims/").has_header("X-Cache")


def test_anonymous_readers_never_get_the_page_cached_for_the_desk(page_cache, editor_api, anon):
    published = published_claim(statement="Exports doubled in 2023.")
    ClaimFactory(
        statement="Unpublished desk work.", status="researching", assignee=User.objects.first()
    )
    desk = editor_api.get("/api/v1/claims/")
    public = anon.get("/api/v1/claims/")
    assert set(statements(desk)) == {"Exports doubled in 2023.", "Unpublished desk work."}
    assert statements(public) == [published.statement]
    assert public["X-Cache"] == "miss"
    assert "Unpublished desk work." not in public.content.decode()


def test_the_desk_never_gets_the_page_cached_for_anonymous_readers(page_cache, editor_api, anon):
    published_claim(statement="Exports doubled in 2023.")
    ClaimFactory(statement="Unpublished desk work.", status="new")
    anon.get("/api/v1/claims/")
    desk = editor_api.get("/api/v1/claims/")
    assert desk["X-Cache"] == "miss"
    assert "Unpublished desk work." in statements(desk)


def test_each_filter_and_page_is_cached_under_its_own_url(page_cache, editor_api):
    ClaimFactory.create_batch(3, kind="statistic")
    ClaimFactory(kind="quote")
    everything = editor_api.get("/api/v1/claims/?page_size=2")
    quotes = editor_api.get("/api/v1/claims/?kind=quote")
    assert quotes["X-Cache"] == "miss"
    assert [row["kind"] for row in quotes.json()["results"]] == ["quote"]
    following = editor_api.get(everything.json()["next"])
    assert following["X-Cache"] == "miss"
    assert not {r["id"] for r in following.json()["results"]} & {
        r["id"] for r in everything.json()["results"]
    }


def test_a_refused_request_is_not_cached(page_cache, editor_api):
    for _ in range(2):
        response = editor_api.get("/api/v1/claims/?score_min=high")
        assert response.status_code == 400
        assert response.get("X-Cache") != "hit"


def test_the_browsable_api_page_is_never_cached(page_cache, editor_api):
    ClaimFactory()
    for _ in range(2):
        response = editor_api.get("/api/v1/claims/", HTTP_ACCEPT="text/html")
        assert response.status_code == 200
        assert not response.has_header("X-Cache")


committed = pytest.mark.django_db(transaction=True)


@committed
def test_a_committed_workflow_move_shows_in_the_next_read(
    desk_defaults, page_cache, editor_api, editor
):
    claim = ClaimFactory(status="new")
    assert editor_api.get("/api/v1/claims/").json()["results"][0]["status"] == "new"
    assert editor_api.get("/api/v1/claims/")["X-Cache"] == "hit"
    services.claim_transition(claim=claim, to="selected", by=editor)
    after = editor_api.get("/api/v1/claims/")
    assert after["X-Cache"] == "miss"
    assert after.json()["results"][0]["status"] == "selected"


@committed
def test_a_committed_ingest_shows_its_claims_in_the_next_read(
    desk_defaults, page_cache, editor_api
):
    assert statements(editor_api.get("/api/v1/claims/")) == []
    article_ingest(
        text="Unemployment fell to 3.1% in March, the lowest rate since 1974.", title="Jobs"
    )
    assert any("3.1%" in s for s in statements(editor_api.get("/api/v1/claims/")))


@committed
def test_the_claimreview_feed_is_cached_and_a_publication_shows_at_once(
    desk_defaults, page_cache, anon
):
    published_claim(statement="Exports doubled in 2023.")
    first = anon.get("/api/v1/claimreview/")
    assert anon.get("/api/v1/claimreview/")["X-Cache"] == "hit"
    with transaction.atomic():
        published_claim(statement="Crime fell by half.")
    after = anon.get("/api/v1/claimreview/")
    assert after["X-Cache"] == "miss"
    assert len(after.json()["results"]) == len(first.json()["results"]) + 1


WRITES = {
    "a model save": lambda: ClaimantFactory(name="New Speaker"),
    "a queryset update": lambda: Claim.objects.update(kind="other"),
    "a bulk insert": lambda: Claimant.objects.bulk_create([Claimant(name="A"), Claimant(name="B")]),
    "a delete": lambda: Claim.objects.all().delete(),
    "raw SQL": lambda: connection.cursor().execute("UPDATE claims_claim SET kind = %s", ["quote"]),
}


@committed
@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_kind_of_committed_write_moves_the_data_version_once_per_transaction(
    page_cache, write
):
    ClaimFactory()
    before = caching.data_version()
    with transaction.atomic():
        write()
        write()
        assert caching.data_version() == before  # not before the commit
    assert caching.data_version() == before + 1


@committed
def test_a_write_outside_a_transaction_moves_the_data_version_at_once(page_cache):
    before = caching.data_version()
    ClaimantFactory(name="Autocommitted")
    assert caching.data_version() == before + 1


@committed
def test_reads_and_writes_to_other_tables_leave_the_data_version_alone(page_cache):
    ClaimFactory()
    before = caching.data_version()
    with transaction.atomic():
        list(Claim.objects.select_for_update())
        User.objects.create(username="someone")
    assert caching.data_version() == before


@committed
def test_a_rolled_back_write_leaves_the_data_version_alone(page_cache):
    before = caching.data_version()
    with transaction.atomic(), pytest.raises(RuntimeError), transaction.atomic():
        ClaimantFactory(name="Rolled Back")
        raise RuntimeError("abandon the savepoint")
    assert caching.data_version() == before
    with pytest.raises(RuntimeError), transaction.atomic():
        ClaimantFactory(name="Rolled Back")
        raise RuntimeError("abandon the transaction")
    assert caching.data_version() == before


def test_a_lost_data_version_comes_back_larger_than_it_was(page_cache):
    caching.bump_data_version()
    caching.bump_data_version()
    before = caching.data_version()
    cache.delete(caching.VERSION_KEY)  # evicted, or the cache flushed
    assert caching.data_version() > before


def _redis_or_skip() -> str:
    import redis

    url = "redis://127.0.0.1:6379/13"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError as exc:
        pytest.skip(f"Redis is not answering on 127.0.0.1:6379 ({exc})")
    return url


@committed
def test_the_redis_backend_serves_and_invalidates_pages(
    desk_defaults, settings, editor_api, editor
):
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": _redis_or_skip(),
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",  # nothing of another run is seen
        }
    }
    settings.CLAIMTRACK_API_CACHE_SECONDS = 60
    from django.core.cache import cache as redis_cache

    client = redis_cache._cache
    assert client.get_client() is client.get_client()  # one redis.Redis per pool
    claim = ClaimFactory(status="new")
    assert editor_api.get("/api/v1/claims/")["X-Cache"] == "miss"
    assert editor_api.get("/api/v1/claims/")["X-Cache"] == "hit"
    services.claim_transition(claim=claim, to="dismissed", by=editor)
    after = editor_api.get("/api/v1/claims/")
    assert (after["X-Cache"], after.json()["results"][0]["status"]) == ("miss", "dismissed")
    redis_cache.clear()


@committed
def test_with_the_cache_down_pages_are_built_and_writes_still_commit(
    desk_defaults, settings, editor_api, editor, anon, caplog
):
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens: connection refused
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    settings.CLAIMTRACK_API_CACHE_SECONDS = 60
    claim = ClaimFactory(status="new", statement="Wages rose 4.2% over the year.")
    response = editor_api.get("/api/v1/claims/")
    assert statements(response) == ["Wages rose 4.2% over the year."]
    assert response.get("X-Cache") != "hit"
    services.claim_transition(claim=claim, to="selected", by=editor)
    assert Claim.objects.get(pk=claim.pk).status == "selected"
    assert "API cache unavailable" in caplog.text
    assert "could not move the API cache's data version" in caplog.text
    # The anonymous rate limit counts in the same cache: it fails open, logged.
    assert anon.get("/api/v1/claimreview/").status_code == 200
    assert "rate limit not applied, its cache is unavailable" in caplog.text


@committed
@pytest.mark.parametrize("url", ["/api/v1/claimreview/", "/api/v1/claims/"])
def test_a_poller_with_the_pages_etag_gets_304_until_the_page_changes(
    desk_defaults, page_cache, anon, url
):
    published_claim(statement="Exports doubled in 2023.")
    first = anon.get(url)
    etag = first["ETag"]
    unchanged = anon.get(url, HTTP_IF_NONE_MATCH=etag)
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    published_claim(statement="Crime fell by half.")
    changed = anon.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Crime fell by half." in changed.content.decode()


# Requests with an API token this process has already checked (caching.known_token_page).


def test_a_checked_tokens_request_is_answered_from_the_cache_without_a_query(
    page_cache, editor_api, editor
):
    ClaimFactory.create_batch(3)
    first = editor_api.get("/api/v1/claims/")
    with CaptureQueriesContext(connection) as queries:
        second = editor_api.get("/api/v1/claims/")
    assert len(queries) == 0  # no token look-up, no page query
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    # The same page as DRF serves from the cache to the same desk signed in by session.
    session = APIClient()
    session.force_login(editor)
    through_drf = session.get("/api/v1/claims/")
    assert through_drf["X-Cache"] == "hit" and through_drf.content == second.content
    assert {h: v for h, v in second.items()} == {h: v for h, v in through_drf.items()}


def test_an_unknown_token_is_refused_even_when_the_page_is_cached(page_cache, editor_api):
    ClaimFactory()
    editor_api.get("/api/v1/claims/")
    stranger = APIClient()
    stranger.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    response = stranger.get("/api/v1/claims/")
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "Invalid token."


@pytest.mark.parametrize(
    "accept", ["application/json; indent=4", "text/html", "application/ld+json"]
)
def test_other_accept_headers_are_negotiated_by_drf_as_before(page_cache, editor_api, accept):
    ClaimFactory(statement="Wages rose 4.2% over the year.")
    plain = [editor_api.get("/api/v1/claims/") for _ in range(2)][-1]
    assert plain["X-Cache"] == "hit"
    other = editor_api.get("/api/v1/claims/", HTTP_ACCEPT=accept)
    if accept == "application/ld+json":  # the claim list has no JSON-LD rendering
        assert other.status_code == 406
        return
    assert other.status_code == 200 and other.content != plain.content
    assert other.get("X-Cache") != "hit"
    if "indent" in accept:
        assert other.content.decode().startswith('{\n    "')


def test_the_claimreview_feed_answers_a_checked_token_by_its_negotiated_rendering(
    page_cache, editor_api
):
    published_claim(statement="Exports doubled in 2023.")
    ld = [editor_api.get("/api/v1/claimreview/") for _ in range(2)]
    json_ = [editor_api.get("/api/v1/claimreview/", HTTP_ACCEPT="application/json") for _ in "ab"]
    assert [r["X-Cache"] for r in ld + json_] == ["miss", "hit", "miss", "hit"]
    assert ld[1]["Content-Type"].startswith("application/ld+json")
    assert json_[1]["Content-Type"] == "application/json"
    assert ld[1].content == ld[0].content and json_[1].content == json_[0].content


AUTH_WRITES = {
    "the token deleted": lambda user: Token.objects.filter(user=user).delete(),
    "the user deactivated": lambda user: User.objects.filter(pk=user.pk).update(is_active=False),
}


@committed
@pytest.mark.parametrize("revoke", AUTH_WRITES.values(), ids=AUTH_WRITES.keys())
def test_a_revoked_token_is_refused_on_the_next_request(
    desk_defaults, page_cache, editor_api, editor, revoke
):
    ClaimFactory()
    editor_api.get("/api/v1/claims/")
    assert editor_api.get("/api/v1/claims/")["X-Cache"] == "hit"
    with transaction.atomic():
        revoke(editor)
    refused = editor_api.get("/api/v1/claims/")
    assert refused.status_code == 401 and "X-Cache" not in refused


@committed
def test_writes_to_user_and_token_tables_move_the_auth_version_and_claims_do_not(
    desk_defaults, page_cache, editor
):
    before = caching.auth_version()
    ClaimFactory()
    assert caching.auth_version() == before
    with transaction.atomic():
        Token.objects.create(user=editor)
        editor.groups.clear()
    assert caching.auth_version() == before + 1


def test_a_checked_token_is_checked_again_after_a_minute_even_while_its_page_lives(
    page_cache, editor_api, monkeypatch
):
    page_cache.CLAIMTRACK_API_CACHE_SECONDS = 600
    ClaimFactory()
    editor_api.get("/api/v1/claims/")
    with CaptureQueriesContext(connection) as queries:
        editor_api.get("/api/v1/claims/")
    assert len(queries) == 0
    later = caching.time.monotonic() + 61
    monkeypatch.setattr(caching.time, "monotonic", lambda: later)
    with CaptureQueriesContext(connection) as queries:
        response = editor_api.get("/api/v1/claims/")
    assert response["X-Cache"] == "hit"  # the page is still current; the token was looked up
    assert len(reads(queries)) == 1  # the token's look-up


@pytest.mark.postgresql("the detail's statements go as one round trip")
def test_a_checked_token_signs_in_without_a_query_on_any_request(page_cache, editor_api):
    claim = ClaimFactory(status="in_review")
    url = f"/api/v1/claims/{claim.pk}/"
    with CaptureQueriesContext(connection) as first:
        assert editor_api.get(url).status_code == 200
    with CaptureQueriesContext(connection) as second:
        body = editor_api.get(url).json()
    # The token's look-up, then the detail's one round trip; then the detail's trip alone.
    assert (len(reads(first)), len(reads(second))) == (2, 1)
    assert body["id"] == claim.pk and body["allowed_transitions"]  # the editor's moves


@committed
@pytest.mark.parametrize("revoke", AUTH_WRITES.values(), ids=AUTH_WRITES.keys())
def test_a_revoked_token_is_refused_on_the_next_request_of_any_kind(
    desk_defaults, page_cache, editor_api, editor, revoke
):
    claim = ClaimFactory(status="new")
    url = f"/api/v1/claims/{claim.pk}/"
    assert [editor_api.get(url).status_code for _ in "ab"] == [200, 200]
    with transaction.atomic():
        revoke(editor)
    assert editor_api.get(url).status_code == 401
    moved = editor_api.post(f"{url}transition/", {"to": "selected"}, format="json")
    assert moved.status_code == 401
    assert Claim.objects.get(pk=claim.pk).status == "new"
