"""Reading claims: who sees what, filters, search, ordering and cursor pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from claims import services
from tests.api.conftest import published_claim
from tests.factories import (
    AppearanceFactory,
    ArticleFactory,
    ClaimantFactory,
    ClaimFactory,
    PublisherFactory,
    VerdictFactory,
    rating,
)

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [claim["id"] for claim in response.json()["results"]]


def test_anonymous_readers_see_published_fact_checks_only(anon, editor):
    published = published_claim()
    hidden = [ClaimFactory(status=s, assignee=editor) for s in ("new", "researching", "in_review")]
    assert ids(anon.get("/api/v1/claims/")) == [published.pk]
    for claim in hidden:
        assert anon.get(f"/api/v1/claims/{claim.pk}/").status_code == 404
    body = anon.get(f"/api/v1/claims/{published.pk}/").json()
    assert body["verdict"]["rating"]["slug"] == "false"
    assert body["assignee"] is None
    assert body["draft_verdict"] is None
    assert body["allowed_transitions"] == []


def test_anonymous_readers_see_no_desk_member_by_name(anon, editor):
    claim = published_claim(assignee=editor)
    services.source_add(claim=claim, by=editor, url="https://stats.example/a")
    response = anon.get(f"/api/v1/claims/{claim.pk}/")
    assert response.json()["sources"][0]["added_by"] is None
    assert response.json()["assignee"] is None
    assert editor.username not in response.content.decode()


def test_anonymous_readers_may_not_list_the_rest_of_the_desk(anon):
    for resource in ("articles", "claimants", "sources", "ratings", "publishers", "transitions"):
        response = anon.get(f"/api/v1/{resource}/")
        assert response.status_code == 401, resource
        assert response.json()["error"]["code"] == "not_authenticated"


def test_a_claim_shows_its_appearances_claimant_verdict_sources_and_next_moves(
    checker_api, fact_checker
):
    claim = ClaimFactory(status="selected", assignee=fact_checker)
    appearance = AppearanceFactory(claim=claim)
    VerdictFactory(claim=claim)
    services.source_add(claim=claim, by=fact_checker, url="https://stats.example/a")
    body = checker_api.get(f"/api/v1/claims/{claim.pk}/").json()
    assert body["statement"] == claim.statement
    assert body["claimant"] == {
        "id": claim.claimant.pk,
        "name": claim.claimant.name,
        "wikidata_id": "",
    }
    assert body["assignee"]["username"] == fact_checker.username
    assert body["appearances"] == [
        {
            "id": appearance.pk,
            "article": {
                "id": appearance.article.pk,
                "url": appearance.article.url,
                "title": appearance.article.title,
                "published_at": None,
            },
            "sentence": appearance.sentence,
            "start": 0,
            "end": len(appearance.sentence),
            "is_quote": False,
        }
    ]
    assert body["verdict"] is None
    assert body["draft_verdict"]["summary"] == "The figure was 7.1%, not 5.5%."
    assert [s["url"] for s in body["sources"]] == ["https://stats.example/a"]
    assert body["allowed_transitions"] == ["new", "researching", "dismissed"]


def test_a_list_row_summarises_the_claim_and_links_to_the_full_one(editor_api, editor):
    claim = published_claim(slug="false", articles=0, assignee=editor)
    later = ArticleFactory(published_at=timezone.now())
    earliest = ArticleFactory(published_at=timezone.now() - dt.timedelta(days=3))
    AppearanceFactory(claim=claim, article=later)
    AppearanceFactory(claim=claim, article=earliest)
    services.verdict_correct(claim=claim, by=editor, correction_note="x", rating=rating("true"))
    [row] = editor_api.get("/api/v1/claims/").json()["results"]
    assert row["url"] == f"http://testserver/api/v1/claims/{claim.pk}/"
    assert row["claimant"] == {"id": claim.claimant_id, "name": claim.claimant.name}
    assert row["assignee"]["username"] == editor.username
    assert row["rating"] == {"slug": "true", "label": rating("true").label}
    assert row["first_appearance"]["article"] == earliest.pk
    assert row["first_appearance"]["url"] == earliest.url
    assert "appearances" not in row and "sources" not in row
    assert editor_api.get(row["url"]).json()["id"] == claim.pk


def test_a_list_row_of_a_claim_not_yet_rated_or_seen_has_nulls(editor_api):
    claim = ClaimFactory(status="new")
    [row] = editor_api.get("/api/v1/claims/").json()["results"]
    assert row["id"] == claim.pk
    assert row["rating"] is None
    assert row["first_appearance"] is None


def test_an_editor_is_offered_publishing_and_a_fact_checker_is_not(checker_api, editor_api):
    claim = ClaimFactory(status="in_review")
    VerdictFactory(claim=claim)
    url = f"/api/v1/claims/{claim.pk}/"
    assert checker_api.get(url).json()["allowed_transitions"] == ["researching"]
    assert editor_api.get(url).json()["allowed_transitions"] == ["researching", "published"]


@pytest.fixture
def desk(editor):
    """Claims that differ in every filterable way."""
    ours = PublisherFactory(name="Ours")
    article = ArticleFactory(publisher=ours)
    a = ClaimFactory(statement="Inflation reached 12% in March.", kind="statistic", score=0.9)
    b = ClaimFactory(
        statement="The bridge will open next year.", kind="prediction", score=0.3,
        status="selected", assignee=editor,
    )  # fmt: skip
    c = published_claim(slug="true", statement="Exports doubled in 2023.", kind="event", score=0.6)
    AppearanceFactory(claim=a, article=article)
    AppearanceFactory(claim=b, article=article)
    return {"a": a, "b": b, "c": c, "article": article, "publisher": ours}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=selected", ["b"]),
        ("status=new&status=published", ["c", "a"]),
        ("kind=statistic", ["a"]),
        ("score_min=0.5", ["c", "a"]),
        ("score_min=0.5&score_max=0.7", ["c"]),
        ("rating=true", ["c"]),
        ("rating=false", []),
        ("q=inflation", ["a"]),
        ("q=bridge open", ["b"]),
    ],
)
def test_claims_filter_by_each_parameter(editor_api, desk, query, expected):
    assert ids(editor_api.get(f"/api/v1/claims/?{query}")) == [desk[k].pk for k in expected]


def test_claims_filter_by_claimant_assignee_article_and_publisher(editor_api, editor, desk):
    a, b = desk["a"], desk["b"]
    assert ids(editor_api.get(f"/api/v1/claims/?claimant={a.claimant_id}")) == [a.pk]
    assert ids(editor_api.get(f"/api/v1/claims/?assignee={editor.pk}")) == [b.pk]
    assert ids(editor_api.get(f"/api/v1/claims/?article={desk['article'].pk}")) == [b.pk, a.pk]
    assert ids(editor_api.get(f"/api/v1/claims/?publisher={desk['publisher'].pk}")) == [b.pk, a.pk]


def test_claims_filter_by_dates(editor_api, desk):
    now = timezone.now()
    later = (now + dt.timedelta(hours=1)).isoformat().replace("+00:00", "Z")
    earlier = (now - dt.timedelta(hours=1)).isoformat().replace("+00:00", "Z")
    assert len(ids(editor_api.get(f"/api/v1/claims/?created_after={earlier}"))) == 3
    assert ids(editor_api.get(f"/api/v1/claims/?created_after={later}")) == []
    assert ids(editor_api.get(f"/api/v1/claims/?published_after={earlier}")) == [desk["c"].pk]
    assert ids(editor_api.get(f"/api/v1/claims/?published_before={earlier}")) == []


def test_the_rating_filter_follows_the_current_verdict_after_a_correction(editor_api, editor):
    claim = published_claim(slug="false")
    services.verdict_correct(claim=claim, by=editor, correction_note="x", rating=rating("true"))
    assert ids(editor_api.get("/api/v1/claims/?rating=false")) == []
    assert ids(editor_api.get("/api/v1/claims/?rating=true")) == [claim.pk]


def test_an_unknown_rating_slug_matches_no_claim(editor_api):
    published_claim(slug="false")
    response = editor_api.get("/api/v1/claims/?rating=pants-on-fire")
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_claims_order_by_worthiness_with_unscored_claims_last(editor_api):
    low, none, high = ClaimFactory(score=0.2), ClaimFactory(score=None), ClaimFactory(score=0.95)
    assert ids(editor_api.get("/api/v1/claims/?ordering=-worthiness")) == [
        high.pk,
        low.pk,
        none.pk,
    ]
    assert ids(editor_api.get("/api/v1/claims/")) == [high.pk, none.pk, low.pk]  # newest first


def test_cursor_pages_walk_every_claim_once_even_with_tied_scores(editor_api):
    claims = [ClaimFactory(score=0.5) for _ in range(7)]
    seen, url = [], "/api/v1/claims/?ordering=-worthiness&page_size=3"
    while url:
        body = editor_api.get(url).json()
        assert len(body["results"]) <= 3
        seen += [c["id"] for c in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(c.pk for c in claims)
    assert len(seen) == len(set(seen))


def test_a_claimant_is_found_by_name_or_alias(editor_api):
    claimant = ClaimantFactory(name="Nikol Pashinyan")
    claimant.aliases.create(name="Armenian PM")
    ClaimantFactory(name="Someone Else")
    body = editor_api.get("/api/v1/claimants/?q=armenian").json()
    assert [c["id"] for c in body["results"]] == [claimant.pk]


@pytest.mark.postgresql("full-text index")
def test_search_on_postgresql_uses_the_stored_vector_of_migration_0005():
    from claims.models import Claim
    from claims.selectors import claim_search

    queryset = claim_search(Claim.objects.all(), "inflation march").only("id")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "claim_statement_tsv_idx" in plan
    assert "to_tsvector" not in plan  # read from the column, never computed per row


@pytest.mark.postgresql("full-text search")
def test_search_on_postgresql_finds_stemmed_words_and_phrases(editor_api):
    rising = ClaimFactory(statement="House prices were rising in Kenya during 2019.")
    exported = ClaimFactory(statement="The country exported more wheat than it imported.")
    ClaimFactory(statement="Unemployment in Brazil stood at 7%.")
    assert ids(editor_api.get("/api/v1/claims/?q=rise")) == [rising.pk]
    assert ids(editor_api.get("/api/v1/claims/?q=exports")) == [exported.pk]
    assert ids(editor_api.get("/api/v1/claims/?q=price%20kenya")) == [rising.pk]
    assert ids(editor_api.get('/api/v1/claims/?q="wheat than"')) == [exported.pk]
    assert ids(editor_api.get("/api/v1/claims/?q=kenya%20-house")) == []
    # The stored column follows an edit of the statement (it is generated, not copied).
    rising.statement = "Inflation in Chile doubled."
    rising.save(update_fields=["statement"])
    assert ids(editor_api.get("/api/v1/claims/?q=rise")) == []
    assert ids(editor_api.get("/api/v1/claims/?q=doubling")) == [rising.pk]
