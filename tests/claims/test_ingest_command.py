"""`manage.py ingest`: every kind of input, every bad input, and what it prints."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article
from claims.models import Claim
from tests.commands import ingest
from tests.conftest import PAGE

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "claims" / "fixtures" / "seed_article.txt"
STORY = (
    "Unemployment fell to 3.1% in March, the lowest rate since 1974, the statistics office said."
)


def test_a_text_file_is_ingested_and_summarised():
    out, _, code = ingest(str(SEED), "--publisher", "Sample News", "--title", "Drills off")
    assert code == 0
    assert "1 created, 0 unchanged, 0 updated, 0 failed" in out
    article = Article.objects.get()
    assert (article.title, article.publisher.name) == ("Drills off", "Sample News")


def test_ingesting_the_same_file_twice_reports_unchanged(tmp_path):
    ingest(str(SEED))
    claims = Claim.objects.count()
    out, _, code = ingest(str(SEED))
    assert code == 0
    assert "0 created, 1 unchanged" in out
    assert Claim.objects.count() == claims


def test_a_folder_is_read_recursively_in_every_format(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "story.txt").write_text(STORY)
    (tmp_path / "a" / "b" / "page.html").write_text(PAGE)
    (tmp_path / "feed.jsonl").write_text(
        json.dumps(
            {
                "text": "Exports doubled to $12 billion in 2023, the ministry said.",
                "title": "Exports",
                "url": "https://news.example/exports",
                "publisher": "Wire",
                "published": "2024-01-05T10:00:00Z",
                "authors": ["A. Writer"],
            }
        )
        + "\n"
    )
    (tmp_path / "one.json").write_text(json.dumps({"text": "Inflation rose to 9.4% in June."}))
    (tmp_path / ".hidden.txt").write_text("Not read.")
    (tmp_path / "notes.md").write_text("Not an article format.")

    out, err, code = ingest(str(tmp_path))

    assert code == 0, err
    assert "4 created" in out
    wire = Article.objects.get(url="https://news.example/exports")
    assert (wire.title, wire.publisher.name, wire.authors) == ("Exports", "Wire", ["A. Writer"])
    assert wire.published_at.isoformat() == "2024-01-05T10:00:00+00:00"
    page = Article.objects.get(title__startswith="Jobs report")
    assert "Home" not in page.text and "Subscribe" not in page.text
    assert "Wages rose 4.2%" in page.text
    assert page.raw_text.startswith("<!doctype html>")


def test_json_output_gives_each_claim_with_offsets_into_the_article_text():
    out, _, code = ingest(str(SEED), "--json")
    assert code == 0
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["input"] == str(SEED) and record["status"] == "created"
    text = record["article"]["text"]
    assert record["claims"]
    for claim in record["claims"]:
        assert set(claim) == {"text", "sentence", "start", "end", "claimant", "kind", "score"}
        assert text[claim["start"] : claim["end"]] == claim["sentence"]
    speakers = {c["claimant"] for c in record["claims"]}
    assert "Nikol Pashinyan" in speakers  # Peskov's diplomatic line is below the news cut


def test_a_dry_run_with_json_writes_nothing():
    out, _, code = ingest(str(SEED), "--json", "--dry-run")
    assert code == 0
    assert json.loads(out)["status"] == "dry-run"
    assert not Article.objects.exists() and not Claim.objects.exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "input is empty"),
        (b"  \n\n ", "input is empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00binary", "input is binary"),
        (
            "Caf\u00e9 prices rose 5%.".encode("latin-1"),
            "is not valid utf-8 (byte 0xe9 at offset 3)",
        ),
        (b"Loading\xe2\x80\xa6\nAdvertisement\n", "nothing is left of the text"),
    ],
)
def test_a_bad_file_fails_with_its_name_and_reason_and_the_batch_goes_on(tmp_path, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(STORY)

    out, err, code = ingest(str(bad), str(good))

    assert code == 1
    assert f"{bad}: " in err and reason in err
    assert "1 created, 0 unchanged, 0 updated, 1 failed" in out
    assert "1 of 2 inputs failed" in err
    assert Article.objects.count() == 1


def test_a_file_in_another_encoding_is_read_with_encoding(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Café prices rose 5% in 2023, the ministry said.".encode("latin-1"))
    _, err, code = ingest(str(path), "--encoding", "latin-1")
    assert code == 0, err
    assert "Café" in Article.objects.get().text


def test_missing_and_oversized_files_are_named_in_the_error(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(STORY * 10)
    _, err, code = ingest(str(tmp_path / "nope.txt"), str(big), "--max-bytes", "200")
    assert code == 1
    assert f"{tmp_path / 'nope.txt'}: no such file or folder" in err
    assert f"{big}: file is 910 bytes, over the 200 bytes limit" in err
    assert not Article.objects.exists()


def test_a_malformed_json_line_fails_alone(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"text": STORY}) + "\n{not json\n" + json.dumps({"title": "no text"}) + "\n"
    )
    out, err, code = ingest(str(feed))
    assert code == 1
    assert f"{feed}:2: malformed JSON line" in err
    assert f"{feed}:3: the 'text' field is missing" in err
    assert "1 created" in out and "2 failed" in out


def test_an_unknown_format_override_is_refused_by_the_parser():
    with pytest.raises(CommandError, match="invalid choice: 'pdf'"):
        call_command("ingest", str(SEED), "--format", "pdf")


def test_no_input_at_all_is_an_error():
    with pytest.raises(CommandError, match="Give at least one PATH"):
        call_command("ingest")


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_url_is_fetched_and_failing_urls_are_named_with_their_reason(web):
    dead = f"http://127.0.0.1:{closed_port()}/story"
    out, err, code = ingest(
        "--url",
        f"{web}/story",
        "--url",
        f"{web}/missing",
        "--url",
        f"{web}/slow",
        "--url",
        f"{web}/image",
        "--url",
        dead,
        "--url",
        "ftp://example.org/x",
        "--timeout",
        "0.5",
    )
    assert code == 1
    assert f"{web}/missing: the server answered HTTP 404" in err
    assert f"{web}/slow: timed out after 0.5s" in err
    assert f"{web}/image: is image/png, not an HTML or text page" in err
    assert f"{dead}: could not be fetched" in err
    assert "ftp://example.org/x: is not an http(s) URL" in err
    assert "1 created" in out and "5 failed" in out
    article = Article.objects.get()
    assert article.url == f"{web}/story"
    assert "Unemployment fell to 3.1%" in article.text


def test_stdin_is_read_when_the_path_is_a_dash(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'stdin.sqlite3'}"}
    run = lambda *a, **kw: subprocess.run(  # noqa: E731
        [sys.executable, "manage.py", *a],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        **kw,
    )
    assert run("migrate", "-v0").returncode == 0
    result = run("ingest", "-", "--json", "--title", "From a pipe", input=STORY)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["input"] == "<stdin>" and record["article"]["title"] == "From a pipe"
    assert record["claims"][0]["text"].startswith("Unemployment fell to 3.1%")


@pytest.mark.parametrize(
    "command", ["ingest", "demo_account", "train_checkworthiness", "evaluate_checkworthiness"]
)
def test_every_command_explains_itself_with_help(command):
    result = subprocess.run(
        [sys.executable, "manage.py", command, "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout and len(result.stdout) > 300


@pytest.mark.postgresql("parallel workers on a database server")
@pytest.mark.django_db(transaction=True)
def test_several_workers_ingest_a_folder_like_one_does(tmp_path):
    for i in range(8):
        (tmp_path / f"{i}.txt").write_text(
            f"Unemployment in district {i} fell to {i}.5% in March, the office said.\n\n{STORY}"
        )
    out, err, code = ingest(str(tmp_path), "--workers", "2")
    assert code == 0, err
    assert "8 created" in out
    assert Article.objects.count() == 8
    shared = Claim.objects.get(statement__startswith="Unemployment fell to 3.1%")
    assert shared.appearances.count() == 8


def test_a_url_on_a_private_address_is_refused_unless_allowed(web, settings):
    settings.CLAIMTRACK_ALLOW_PRIVATE_URLS = False
    _, err, code = ingest("--url", f"{web}/story", "--url", "http://localhost:9/x")
    assert code == 1
    assert f"{web}/story: resolves to a private address (127.0.0.1)" in err
    assert "http://localhost:9/x: resolves to a private address" in err
    assert not Article.objects.exists()


@pytest.mark.postgresql("parallel workers on a database server")
@pytest.mark.django_db(transaction=True)
def test_parallel_workers_ingesting_the_same_text_store_it_once():
    from articles.inputs import Document
    from claims.ingest import ingest_documents

    texts = [f"Exports to region {i} doubled to ${i + 2} billion in 2023." for i in range(12)]
    # Every text twice, in neighbouring batches: the two workers race to store it.
    documents = [Document(input=f"#{n}", text=t, raw_text=t) for t in texts for n in range(2)]
    outcomes = list(ingest_documents(documents, workers=2, batch_size=1))
    statuses = sorted(str(result.status) for result in outcomes)
    assert statuses == ["created"] * 12 + ["unchanged"] * 12
    assert Article.objects.count() == 12
