"""The page cache of the claim list and the ClaimReview feed (claims/api/caching.py).

A page is served from the cache only after DRF has authenticated, authorised and throttled the
request, only to a reader of the role it was built for, and never after a write made through
the services has committed (they move the data version, config/cache.py). The tests that write
do so in real, committed transactions (transactional tests), as requests and ingest runs do.
"""

from __future__ import annotations

import hashlib
import os
import uuid

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims import services
from claims.api.throttling import AnonymousThrottle
from claims.ingest import article_ingest
from claims.models import Claim
from config.cache import VERSION_KEY, data_version
from tests.api.conftest import client_for, published_claim
from tests.factories import ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db

# Another database may be named for parallel runs; each run keeps to a key prefix of its own
# and deletes only its own keys, never flushing what other runs or programs keep there.
REDIS_URL = os.environ.get("CLAIMTRACK_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


def _redis_or_skip() -> str:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError as exc:
        pytest.skip(f"Redis is not answering at {REDIS_URL} ({exc})")
    return REDIS_URL


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings):
    """Page caching on, over each cache backend production may run: a process's own memory
    and the shared Redis (a key prefix of its own, so nothing of another run is seen)."""
    prefix = None
    if request.param == "redis":
        prefix = f"test-{uuid.uuid4().hex}"
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": _redis_or_skip(),
                "KEY_PREFIX": prefix,
            }
        }
    else:
        cache.clear()
    settings.CLAIMTRACK_API_CACHE_SECONDS = 60
    yield settings
    if prefix is None:
        cache.clear()
    else:  # FLUSHDB (cache.clear) would wipe other runs' keys too
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)


def statements(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["statement"] for row in response.json()["results"]]


def publish(claim: Claim, editor) -> None:
    """Publish through the workflow service, as the desk does."""
    VerdictFactory(claim=claim, published_at=None)
    services.claim_transition(claim=claim, to="published", by=editor)


def test_a_second_read_of_the_same_page_comes_from_the_cache_byte_for_byte(page_cache, editor_api):
    ClaimFactory.create_batch(3)
    first = editor_api.get("/api/v1/claims/")
    second = editor_api.get("/api/v1/claims/")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"] == "application/json"
    # The page's ETag, computed once when it was stored, not on every hit.
    assert second["ETag"] == first["ETag"] == f'"{hashlib.md5(first.content).hexdigest()}"'
    # Downstream HTTP caches must keep one reader's page from another too.
    for response in (first, second):
        vary = {v.strip() for v in response["Vary"].split(",")}
        assert {"Accept", "Authorization", "Cookie"} <= vary


def test_the_claim_list_is_built_every_time_when_caching_is_off(settings, editor_api):
    settings.CLAIMTRACK_API_CACHE_SECONDS = 0
    ClaimFactory()
    assert not editor_api.get("/api/v1/claims/").has_header("X-Cache")
    assert not editor_api.get("/api/v1/claims/").has_header("X-Cache")


def test_a_page_cached_for_an_editor_is_never_served_to_an_anonymous_reader_or_a_fact_checker(
    page_cache, editor_api, checker_api, anon, editor
):
    published_claim(statement="Exports doubled in 2023.")
    ClaimFactory(statement="Unpublished desk work.", status="researching", assignee=editor)
    for _ in "ab":
        desk = editor_api.get("/api/v1/claims/")
    assert desk["X-Cache"] == "hit"
    assert set(statements(desk)) == {"Exports doubled in 2023.", "Unpublished desk work."}

    public = anon.get("/api/v1/claims/")
    assert public["X-Cache"] == "miss"
    assert statements(public) == ["Exports doubled in 2023."]
    assert "Unpublished desk work." not in public.content.decode()
    assert editor.username not in public.content.decode()

    checker = checker_api.get("/api/v1/claims/")
    assert checker["X-Cache"] == "miss"  # built for the fact-checker, not the editor's copy
    assert set(statements(checker)) == set(statements(desk))
    assert checker_api.get("/api/v1/claims/")["X-Cache"] == "hit"  # now their own page
    assert anon.get("/api/v1/claims/").content == public.content


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


def test_an_unknown_token_is_refused_even_when_the_page_is_cached(page_cache, editor_api):
    ClaimFactory()
    editor_api.get("/api/v1/claims/")
    assert editor_api.get("/api/v1/claims/")["X-Cache"] == "hit"
    stranger = APIClient()
    stranger.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    response = stranger.get("/api/v1/claims/")
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "Invalid token."


def test_anonymous_readers_are_throttled_even_when_the_page_is_cached(
    page_cache, anon, monkeypatch
):
    monkeypatch.setattr(AnonymousThrottle, "rate", "2/min", raising=False)
    published_claim()
    served = [anon.get("/api/v1/claims/") for _ in range(3)]
    assert [r.status_code for r in served] == [200, 200, 429]
    assert served[1]["X-Cache"] == "hit"
    assert "X-Cache" not in served[2]
    assert served[2]["Retry-After"]


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


def test_the_claimreview_feed_is_cached_per_negotiated_rendering(page_cache, editor_api):
    published_claim(statement="Exports doubled in 2023.")
    ld = [editor_api.get("/api/v1/claimreview/") for _ in range(2)]
    json_ = [editor_api.get("/api/v1/claimreview/", HTTP_ACCEPT="application/json") for _ in "ab"]
    assert [r["X-Cache"] for r in ld + json_] == ["miss", "hit", "miss", "hit"]
    assert ld[1]["Content-Type"].startswith("application/ld+json")
    assert json_[1]["Content-Type"] == "application/json"
    assert ld[1].content == ld[0].content and json_[1].content == json_[0].content


def test_a_lost_data_version_comes_back_larger_than_it_was(page_cache):
    before = data_version()
    cache.incr(VERSION_KEY)
    cache.delete(VERSION_KEY)  # evicted, or the cache flushed
    assert data_version() > before


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
def test_a_service_write_moves_the_data_version_when_it_commits_and_not_before(
    desk_defaults, page_cache, editor
):
    claim = ClaimFactory(status="new")
    before = data_version()
    with transaction.atomic():
        services.claim_transition(claim=claim, to="selected", by=editor)
        services.claim_assign(claim=claim, assignee=editor, by=editor)
        assert data_version() == before  # a reader may not see it yet: neither may the cache
    assert data_version() > before


@committed
def test_a_rolled_back_service_write_leaves_the_data_version_alone(
    desk_defaults, page_cache, editor
):
    claim = ClaimFactory(status="new")
    before = data_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.claim_transition(claim=claim, to="selected", by=editor)
        raise RuntimeError("abandon the transaction")
    with pytest.raises(services.WorkflowError):
        services.claim_transition(claim=claim, to="published", by=editor)
    assert data_version() == before
    assert Claim.objects.get(pk=claim.pk).status == "new"


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
def test_a_publication_shows_at_once_in_the_cached_claimreview_feed_and_public_list(
    desk_defaults, page_cache, anon, editor
):
    published_claim(statement="Exports doubled in 2023.")
    claim = ClaimFactory(status="in_review", statement="Crime fell by half.")
    first = anon.get("/api/v1/claimreview/")
    assert anon.get("/api/v1/claimreview/")["X-Cache"] == "hit"
    assert statements(anon.get("/api/v1/claims/")) == ["Exports doubled in 2023."]
    publish(claim, editor)
    after = anon.get("/api/v1/claimreview/")
    assert after["X-Cache"] == "miss"
    assert len(after.json()["results"]) == len(first.json()["results"]) + 1
    assert "Crime fell by half." in statements(anon.get("/api/v1/claims/"))


@committed
@pytest.mark.parametrize("url", ["/api/v1/claimreview/", "/api/v1/claims/"])
def test_a_poller_with_the_pages_etag_gets_304_until_the_page_changes(
    desk_defaults, page_cache, anon, editor, url
):
    published_claim(statement="Exports doubled in 2023.")
    claim = ClaimFactory(status="in_review", statement="Crime fell by half.")
    first = anon.get(url)
    etag = first["ETag"]
    unchanged = anon.get(url, HTTP_IF_NONE_MATCH=etag)
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    publish(claim, editor)
    changed = anon.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Crime fell by half." in changed.content.decode()


@committed
def test_with_the_cache_down_pages_are_built_and_writes_still_commit(
    desk_defaults, settings, editor_api, editor, anon, caplog
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
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
    assert "could not move the data version" in caplog.text
    # The anonymous rate limit counts in the same cache: it fails open, logged.
    assert anon.get("/api/v1/claimreview/").status_code == 200
    assert "rate limit not applied, its cache is unavailable" in caplog.text


AUTH_WRITES = {
    "the token deleted": lambda user: Token.objects.filter(user=user).delete(),
    "the user deactivated": lambda user: User.objects.filter(pk=user.pk).update(is_active=False),
}


@committed
@pytest.mark.parametrize("revoke", AUTH_WRITES.values(), ids=AUTH_WRITES.keys())
def test_a_revoked_token_is_refused_on_the_next_request_even_while_its_page_lives(
    desk_defaults, page_cache, editor, revoke
):
    claim = ClaimFactory(status="new")
    client = client_for(editor)
    client.get("/api/v1/claims/")
    assert client.get("/api/v1/claims/")["X-Cache"] == "hit"
    with transaction.atomic():
        revoke(editor)
    refused = client.get("/api/v1/claims/")
    assert refused.status_code == 401 and "X-Cache" not in refused
    url = f"/api/v1/claims/{claim.pk}/"
    assert client.get(url).status_code == 401
    assert client.post(f"{url}transition/", {"to": "selected"}, format="json").status_code == 401
    assert Claim.objects.get(pk=claim.pk).status == "new"


@committed
def test_an_edit_saved_in_the_admin_shows_in_the_next_api_read(
    desk_defaults, page_cache, editor_api, editor
):
    from django.forms.models import model_to_dict
    from django.test import Client

    claim = published_claim(slug="false")
    rating = claim.verdicts.get().rating
    assert editor_api.get("/api/v1/claims/").json()["results"][0]["rating"]["label"] == "False"
    assert editor_api.get("/api/v1/claims/")["X-Cache"] == "hit"

    desk = Client()
    desk.force_login(editor)
    form = {k: v for k, v in model_to_dict(rating).items() if v is not None}
    saved = desk.post(f"/admin/claims/rating/{rating.pk}/change/", {**form, "label": "Wrong"})
    assert saved.status_code == 302, saved.content

    after = editor_api.get("/api/v1/claims/")
    assert after["X-Cache"] == "miss"
    assert after.json()["results"][0]["rating"]["label"] == "Wrong"
