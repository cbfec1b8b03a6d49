"""`manage.py import_claimreview`: every ClaimReview shape, every bad record, idempotence."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.matching.claimreview import BadRecord, ReviewRecord, read_claimreviews
from claims.models import ExternalFactCheck


def review(n: int = 1, **extra) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://factcheck.example/review-{n}",
        "claimReviewed": f"Claim number {n} about the moon landing being staged",
        "author": {"@type": "Organization", "name": "Example Checks"},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 1,
            "bestRating": 5,
            "alternateName": "False",
        },
        "datePublished": "2024-03-05",
        "headline": f"Review {n}",
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A Blogger"}},
    } | extra


def feed(*reviews: dict) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "dataFeedElement": [{"@type": "DataFeedItem", "item": [r]} for r in reviews],
    }


def test_a_single_review_reads_into_one_record_with_every_field():
    [record] = read_claimreviews(json.dumps(review()), "one.json")
    assert isinstance(record, ReviewRecord)
    assert (record.url, record.publisher, record.rating, str(record.reviewed_on)) == (
        "https://factcheck.example/review-1",
        "Example Checks",
        "False",
        "2024-03-05",
    )
    assert (record.title, record.claimant) == ("Review 1", "A Blogger")


@pytest.mark.parametrize(
    "text",
    [
        json.dumps([review(1), review(2)]),
        json.dumps(feed(review(1), review(2))),
        json.dumps({"@graph": [review(1), review(2)]}),
        json.dumps(review(1)) + "\n" + json.dumps(review(2)) + "\n",
    ],
    ids=["list", "datafeed", "graph", "json-lines"],
)
def test_each_shape_gives_its_reviews_in_order(text):
    records = read_claimreviews(text, "input")
    assert [r.url for r in records] == [
        "https://factcheck.example/review-1",
        "https://factcheck.example/review-2",
    ]


def test_a_rating_without_words_is_shown_as_value_over_best():
    rating = {"@type": "Rating", "ratingValue": 2, "bestRating": 5}
    [record] = read_claimreviews(json.dumps(review(reviewRating=rating)), "x")
    assert record.rating == "2/5"


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (review(url=""), "has no url"),
        (review(url="javascript:alert(1)"), "is not an http(s) URL"),
        (review(claimReviewed=" "), "has no claimReviewed"),
        (review(datePublished="last Tuesday"), "is no date"),
        (
            {"@type": "NewsArticle", "url": "https://x.example"},
            "is a NewsArticle, not a ClaimReview",
        ),
        ("just a string", "is str, not a ClaimReview object"),
    ],
)
def test_each_bad_record_is_named_with_its_reason_and_the_rest_still_read(bad, reason):
    records = read_claimreviews(json.dumps([review(1), bad, review(3)]), "mixed.json")
    assert [type(r) for r in records] == [ReviewRecord, BadRecord, ReviewRecord]
    assert records[1].where == "mixed.json[1]"
    assert reason in records[1].reason


def test_a_bad_json_line_is_named_by_its_line_number():
    text = json.dumps(review(1)) + "\n{not json\n" + json.dumps(review(3)) + "\n"
    records = read_claimreviews(text, "feed.jsonl")
    assert records[1] == BadRecord("feed.jsonl line 2", records[1].reason)
    assert records[1].reason.startswith("is not JSON")
    assert [type(r) for r in records] == [ReviewRecord, BadRecord, ReviewRecord]


def run(*args: str) -> tuple[str, str, int]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_claimreview", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        err.write(str(error))
        code = error.returncode
    return out.getvalue(), err.getvalue(), code


@pytest.mark.django_db
def test_the_command_loads_a_feed_skips_bad_records_by_name_and_exits_1(tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed(review(1), review(2, url="ftp://x.example/r"), review(3))))
    out, err, code = run(str(path), "--json")
    assert code == 1
    assert f"skipped {path}.dataFeedElement[1].item[0]: url 'ftp://x.example/r'" in err
    summary = json.loads(out)
    assert (summary["read"], summary["skipped"], summary["created"]) == (2, 1, 2)
    assert ExternalFactCheck.objects.count() == 2


@pytest.mark.django_db
def test_importing_the_same_file_twice_is_idempotent_by_url(tmp_path):
    path = tmp_path / "reviews.jsonl"
    path.write_text("\n".join(json.dumps(review(n)) for n in range(3)))
    run(str(path))
    out, _, code = run(str(path), "--json")
    assert code == 0
    assert json.loads(out)["unchanged"] == 3
    assert ExternalFactCheck.objects.count() == 3


@pytest.mark.django_db
def test_a_dry_run_stores_nothing(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps(review()))
    out, _, code = run(str(path), "--dry-run", "--json")
    assert (code, json.loads(out)["read"]) == (0, 1)
    assert not ExternalFactCheck.objects.exists()


@pytest.mark.django_db
def test_an_unreadable_source_is_named_and_nothing_is_stored(tmp_path):
    _, err, code = run(str(tmp_path / "missing.json"))
    assert code == 1
    assert "missing.json: no such file" in err
    _, err, code = run("http://127.0.0.1:9/feed.json")
    assert code == 1
    assert "http://127.0.0.1:9/feed.json:" in err
    assert not ExternalFactCheck.objects.exists()


def test_the_command_help_runs():
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_claimreview", "--help", stdout=StringIO())
    assert exit_info.value.code == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ({"claimReviewed": "The moon\u0000 is cheese"}, "the claimReviewed holds a NUL character"),
        ({"headline": "Moon \ud800"}, "the headline holds a lone surrogate"),
        ({"author": {"name": "Checks\u0000"}}, "the author holds a NUL character"),
        ({"datePublished": "9999-12-31T23:59:59-12:00"}, "the datePublished 9999-12-31"),
        ({"datePublished": "0001-01-01"}, "the datePublished 0001-01-01"),
        ({"url": "https://exa mple.com/r"}, "is not a valid http:// or https:// URL"),
    ],
)
def test_a_review_that_cannot_be_stored_is_skipped_by_name_and_the_rest_imported(
    tmp_path, bad, reason
):
    """Issue 15 item 4 for the ClaimReview import: one bad review never aborts the batch."""
    path = tmp_path / "reviews.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (review(1), review(2) | bad, review(3))))
    out, err, code = run(str(path), "--json")
    assert code == 1
    assert f"skipped {path} line 2: (" in err and reason in err, err
    assert json.loads(out)["created"] == 2
    assert sorted(ExternalFactCheck.objects.values_list("title", flat=True)) == [
        "Review 1",
        "Review 3",
    ]


@pytest.mark.django_db
def test_json_nested_thousands_deep_is_a_bad_record_not_a_traceback(tmp_path):
    path = tmp_path / "reviews.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    path.write_text("\n".join([json.dumps(review(1)), deep, json.dumps(review(3))]))
    out, err, code = run(str(path), "--json")
    assert code == 1
    assert f"skipped {path} line 2: is JSON nested too deeply to read" in err
    assert json.loads(out)["created"] == 2
    single = tmp_path / "deep.json"
    single.write_text(deep)
    assert run(str(single))[2] == 1
