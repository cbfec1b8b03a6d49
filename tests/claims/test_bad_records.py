"""Bad records and out-of-range dates (issue 15, items 3 and 4): each bad record is reported by
name and reason and skipped, the rest are ingested, and no entry point stores a date the desk
cannot read back."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article
from tests.api.conftest import client_for
from tests.commands import ingest
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
STORY = "Unemployment in {} fell to 3.1% in March, the lowest rate since 1974, the office said."


def record(place: str, **fields) -> str:
    return json.dumps({"text": STORY.format(place), **fields})


BAD_LINES = {
    # line in the file: (the record, what the report must say)
    2: (
        record("Aragatsotn", published="9999-12-31T23:59:59-12:00"),
        "the published date 9999-12-31T23:59:59-12:00 is outside the accepted range 1800-01-01",
    ),
    3: (record("Ararat", published="1066-10-14"), "the published date 1066-10-14T00:00:00+00:00"),
    4: (record("Armavir", published="2999-01-01T00:00:00Z"), "is outside the accepted range"),
    5: (json.dumps({"text": "Exports rose\u0000 by 4%."}), "the text holds a NUL character"),
    6: (record("Gegharkunik", title="A\u0000B"), "the title holds a NUL character (at offset 1)"),
    7: (record("Kotayk", publisher="AP\u0000"), "the publisher holds a NUL character"),
    8: (record("Lori", authors=["Ann", "B\u0000b"]), "the author #2 holds a NUL character"),
    9: ('{"text": "Wages rose \\ud800 by 4%."}', "the text holds a lone surrogate '\\ud800'"),
    10: (record("Shirak", title="\udfff"), "the title holds a lone surrogate"),
    11: (
        record("Syunik", url="https://news.example/" + "a" * 2000),
        "is 2,021 characters, over the 2,000 the database holds",
    ),
    12: (record("Tavush", url="javascript:alert(1)"), "is not a valid http:// or https:// URL"),
    13: ("[" * 100_000 + "]" * 100_000, "JSON nested too deeply to be an article"),
    14: ('{"text": ' + "[" * 50_000 + "]" * 50_000 + "}", "JSON nested too deeply"),
}


def test_each_bad_record_is_reported_by_name_and_reason_and_the_rest_are_ingested(tmp_path):
    lines = {1: record("Yerevan", published="2024-04-02T09:00:00+04:00")}
    lines.update({number: line for number, (line, _) in BAD_LINES.items()})
    lines[15] = record("Vayots Dzor", url="https://news.example/vayots-dzor")
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines[n] for n in sorted(lines)) + "\n", encoding="utf-8")

    out, err, code = ingest(str(feed))

    assert code == 1
    for number, (_, reason) in BAD_LINES.items():
        assert f"{feed}:{number}: " in err and reason in err.split(f"{feed}:{number}: ")[1], (
            number,
            err,
        )
    assert "Traceback" not in err
    assert "2 created" in out and f"{len(BAD_LINES)} failed" in out
    stored = Article.objects.order_by("id")
    assert [a.url for a in stored] == ["", "https://news.example/vayots-dzor"]
    assert stored[0].published_at == dt.datetime(2024, 4, 2, 5, tzinfo=dt.UTC)


def test_a_nul_byte_after_the_first_8_kib_of_a_text_file_fails_that_file_alone(tmp_path):
    (tmp_path / "a.txt").write_text(STORY.format("Gyumri") + "\n" + "x " * 5000 + "\x00 tail\n")
    (tmp_path / "b.txt").write_text(STORY.format("Vanadzor"))
    (tmp_path / "c.json").write_text("[" * 20_000 + "]" * 20_000)
    out, err, code = ingest(str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'a.txt'}: the text holds a NUL character (at offset 10," in err
    assert f"{tmp_path / 'c.json'}: JSON nested too deeply to be an article" in err
    assert "1 created" in out and "2 failed" in out
    assert "Vanadzor" in Article.objects.get().text


def test_an_out_of_range_date_is_refused_in_a_dry_run_too(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(record("Dilijan", published="0001-01-01T00:00:00Z") + "\n")
    _, err, code = ingest(str(feed), "--dry-run")
    assert code == 1
    assert f"{feed}:1: the published date 0001-01-01T00:00:00+00:00 is outside" in err


@pytest.mark.parametrize("published", ["9999-12-31T00:00:00Z", "1799-12-31T23:59:59Z"])
def test_the_api_refuses_an_out_of_range_date_with_a_400_naming_it(fact_checker, published):
    response = client_for(fact_checker).post(
        "/api/v1/ingest/", {"text": STORY.format("Goris"), "published": published}
    )
    assert response.status_code == 400, response.content
    assert "the published date" in response.json()["error"]["message"]
    assert "is outside the accepted range" in response.json()["error"]["message"]
    assert not Article.objects.exists()


def test_the_api_accepts_a_date_within_a_day_from_now(fact_checker):
    tomorrow = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=20)).isoformat()
    response = client_for(fact_checker).post(
        "/api/v1/ingest/", {"text": STORY.format("Sevan"), "published": tomorrow}
    )
    assert response.status_code == 201, response.content


def test_the_admin_refuses_an_out_of_range_date_on_an_article(admin_client):
    article = ArticleFactory(published_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    form = {
        "url": article.url,
        "title": article.title,
        "publisher": article.publisher_id,
        "authors": "[]",
        "published_at_0": "1750-01-01",
        "published_at_1": "12:00:00",
        "language": "en",
        "text": article.text,
        "raw_text": article.raw_text,
        # The article page's inline of claim appearances (none here).
        "appearances-TOTAL_FORMS": "0",
        "appearances-INITIAL_FORMS": "0",
    }
    response = admin_client.post(f"/admin/articles/article/{article.pk}/change/", form)
    assert response.status_code == 200  # the form again, with the error
    assert "is outside the accepted range 1800-01-01 to a day from now" in response.content.decode()
    article.refresh_from_db()
    assert article.published_at == dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

    form["published_at_0"] = "1999-01-01"
    response = admin_client.post(f"/admin/articles/article/{article.pk}/change/", form)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.published_at.year == 1999


def test_the_database_refuses_a_date_outside_its_backstop_range():
    article = ArticleFactory()
    with pytest.raises(IntegrityError, match="article_published_in_range"), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(
            published_at=dt.datetime(9999, 12, 31, tzinfo=dt.UTC)
        )
