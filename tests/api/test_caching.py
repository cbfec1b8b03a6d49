"""The response cache of the claim list and the ClaimReview feed (claims/api/caching.py).

The data version moves when a transaction commits, so the tests that write do so in real,
committed transactions (transactional tests), as requests and ingest runs do.
"""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection, transaction

from claims import services
from claims.api import caching
from claims.ingest import article_ingest
from claims.models import Claim, Claimant
from tests.api.conftest import published_claim
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
