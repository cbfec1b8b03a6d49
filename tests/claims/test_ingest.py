"""The ingest service on real extraction: what a desk sees after an article comes in."""

from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles.inputs import Document, Failure
from articles.models import Article
from claims.extraction import comparison_key
from claims.ingest import IngestError, IngestStatus, article_ingest, ingest_documents
from claims.models import Appearance, Claim, Claimant, Status, Transition

pytestmark = pytest.mark.django_db
SEED = (Path(__file__).parent / "fixtures" / "seed_article.txt").read_text(encoding="utf-8")


def claim_saying(fragment: str) -> Claim:
    matches = [c for c in Claim.objects.select_related("claimant") if fragment in c.statement]
    assert len(matches) == 1, f"{len(matches)} claims say {fragment!r}"
    return matches[0]


@pytest.fixture
def seed():
    return article_ingest(text=SEED, title="Armenia cancels drills", publisher="Sample News")


def test_the_seed_becomes_one_article_with_every_paragraph_once(seed):
    assert seed.status is IngestStatus.CREATED
    assert Article.objects.count() == 1
    paragraphs = seed.article.text.split("\n\n")
    assert len(paragraphs) == 13
    assert len({comparison_key(p) for p in paragraphs}) == 13
    assert "Loading" not in seed.article.text
    assert seed.article.raw_text == SEED


def test_every_appearance_points_at_its_exact_sentence(seed):
    appearances = list(Appearance.objects.select_related("article"))
    assert appearances
    for appearance in appearances:
        assert appearance.article.text[appearance.start : appearance.end] == appearance.sentence


def test_no_two_claims_of_the_seed_say_the_same_thing(seed):
    keys = [comparison_key(s) for s in Claim.objects.values_list("statement", flat=True)]
    assert len(keys) == len(set(keys))


def test_the_seed_yields_the_csto_claim_and_the_quotes_with_their_speakers(seed):
    assert claim_saying("CSTO refusing to condemn Azerbaijan")
    for quote in [
        "These exercises will not take place",
        "Armenia does not believe it is expedient to conduct CSTO exercises in the republic "
        "this year",
        "military presence in Armenia not only fails to guarantee its security",
    ]:
        claim = claim_saying(quote)
        assert claim.claimant.name == "Nikol Pashinyan"
        assert claim.kind == "quote"
        assert claim.appearances.get().is_quote
    # Peskov's "Armenia is our close ally, and we will continue our dialogue" is diplomacy: the
    # news calibration ranks it below the cut (its attribution: tests/extraction).
    assert not [c for c in Claim.objects.all() if "Armenia is our close ally" in c.statement]
    pashinyan = Claimant.objects.get(name="Nikol Pashinyan")
    assert pashinyan.description == "Armenian Prime Minister"
    assert list(pashinyan.aliases.values_list("name", flat=True)) == ["Nikol Pashinyan"]


def test_claims_carry_their_score_and_model_version(seed):
    for claim in Claim.objects.all():
        assert 0 <= claim.score <= 1
        assert claim.model_version == seed.extraction.model_version != ""
    assert seed.article.extractor_version == seed.extraction.extractor_version


def test_ingesting_the_same_text_again_is_unchanged_and_writes_nothing(seed):
    with CaptureQueriesContext(connection) as queries:
        again = article_ingest(text=SEED, title="Armenia cancels drills", publisher="Sample News")
    assert again.status is IngestStatus.UNCHANGED
    assert again.article == seed.article
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []


def test_a_dry_run_never_touches_the_database():
    with CaptureQueriesContext(connection) as queries:
        result = article_ingest(text=SEED, dry_run=True)
    assert result.status is IngestStatus.DRY_RUN
    assert result.extraction.claims
    assert len(queries) == 0


def test_relative_dates_resolve_against_the_articles_published_date_on_ingest_and_reextract(
    editor,
):
    import datetime as dt

    from claims import services

    text = "The mayor resigned yesterday after 12 years, the council said."
    published = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    result = article_ingest(text=text, published=published)
    statements = [a.claim.statement for a in result.article.appearances.select_related("claim")]
    assert any("on 29 November 2026" in s for s in statements), statements

    undated = article_ingest(text=text.replace("mayor", "deputy mayor"))
    claims = [a.claim.statement for a in undated.article.appearances.select_related("claim")]
    assert claims and all("yesterday" in s for s in claims), claims

    services.article_reextract(article=result.article, by=editor)
    assert Claim.objects.filter(statement__contains="on 29 November 2026").exists()
    assert not Claim.objects.filter(
        statement__contains="yesterday", appearances__article=result.article
    ).exists()


def test_an_identical_statement_in_two_articles_is_one_claim_with_two_appearances():
    text = "Unemployment fell to 3.1% in March, the lowest rate since 1974."
    one = article_ingest(text=f"{text}\n\nThe mayor opened a bridge.", url="https://a.example/1")
    two = article_ingest(text=f"Markets rose.\n\n{text}", url="https://b.example/2")
    claim = claim_saying("Unemployment fell to 3.1%")
    assert set(claim.appearances.values_list("article_id", flat=True)) == {
        one.article.pk,
        two.article.pk,
    }
    assert two.claims_created < len(two.extraction.claims) + 1


def test_new_text_at_the_same_url_updates_the_article_and_keeps_claims_still_there(fact_checker):
    kept = "Unemployment fell to 3.1% in March, the lowest rate since 1974."
    dropped = "Inflation rose to 9.4% in June, the highest rate in forty years."
    added = "Exports to China doubled to $12 billion in 2023, the ministry said."
    first = article_ingest(text=f"{kept}\n\n{dropped}", url="https://a.example/story")
    worked_on = claim_saying("Unemployment fell")
    from claims.services import claim_transition

    claim_transition(claim=worked_on, to=Status.SELECTED, by=fact_checker)

    second = article_ingest(text=f"{added}\n\n{kept}", url="https://a.example/story")

    assert second.status is IngestStatus.UPDATED
    assert second.article.pk == first.article.pk
    assert Article.objects.count() == 1
    assert claim_saying("Unemployment fell").pk == worked_on.pk
    assert Claim.objects.get(pk=worked_on.pk).status == Status.SELECTED
    assert not Claim.objects.filter(statement__contains="Inflation rose").exists()
    assert claim_saying("Exports to China")
    article = Article.objects.get()
    for appearance in article.appearances.all():
        assert article.text[appearance.start : appearance.end] == appearance.sentence
    assert Transition.objects.count() == 1


def test_ingesting_a_merged_claims_statement_lands_on_the_survivor(editor):
    from claims.services import claim_merge

    article_ingest(text="Unemployment fell to 3.1% in March, the statistics office said.")
    article_ingest(text="Exports to China doubled to $12 billion in 2023, the ministry said.")
    survivor, duplicate = claim_saying("Exports"), claim_saying("Unemployment")
    claim_merge(survivor=survivor, duplicates=[duplicate], by=editor)

    article_ingest(
        text="Unemployment fell to 3.1% in March, the statistics office said.\n\nMore.",
        url="https://c.example/3",
    )
    assert survivor.appearances.count() == 3
    assert duplicate.appearances.count() == 0


@pytest.mark.parametrize("text", ["", "   \n\t ", "Loading…\nAdvertisement\n"])
def test_text_with_nothing_to_store_is_refused_and_nothing_is_written(text):
    with pytest.raises(IngestError):
        article_ingest(text=text)
    assert not Article.objects.exists()


def article_with_claims(n: int, tag: str) -> str:
    return "\n\n".join(
        f"Unemployment in region {tag}{i} fell to {i}.{i % 10}% in {1990 + i}, "
        f"said Official{tag}{i} Smith."
        for i in range(n)
    )


def test_the_number_of_queries_does_not_grow_with_the_number_of_claims():
    # The publisher (from the URL's domain) exists already, as it does for a desk's outlets.
    article_ingest(text="The bridge opened.", url="https://q.example/warm-up")
    with CaptureQueriesContext(connection) as small:
        few = article_ingest(text=article_with_claims(3, "a"), url="https://q.example/few")
    with CaptureQueriesContext(connection) as large:
        many = article_ingest(text=article_with_claims(40, "b"), url="https://q.example/many")
    assert len(few.extraction.claims) == 3
    assert len(many.extraction.claims) == 40
    assert Claimant.objects.count() == 43
    assert len(large) == len(small)


def ingest(documents: list[Document]) -> list:
    return list(ingest_documents(documents))


def test_a_batch_is_written_with_a_fixed_number_of_queries_whatever_its_size():
    article_ingest(text="The bridge opened.", url="https://q.example/warm-up")

    def batch(n: int, tag: str) -> list[Document]:
        return [
            Document(text=article_with_claims(3, f"{tag}{i}x"), url=f"https://q.example/{tag}{i}")
            for i in range(n)
        ]

    with CaptureQueriesContext(connection) as two:
        few = ingest(batch(2, "s"))
    with CaptureQueriesContext(connection) as twenty:
        many = ingest(batch(20, "l"))
    assert [r.status for r in few + many] == [IngestStatus.CREATED] * 22
    assert Article.objects.count() == 23
    assert len(twenty) == len(two)


def test_a_batch_keeps_input_order_for_repeats_updates_and_bad_items():
    first = "Unemployment fell to 3.1% in March, the statistics office said."
    second = "Inflation rose to 9.4% in June, the statistics office said."
    outcomes = ingest(
        [
            Document(text=first, url="https://r.example/1"),
            Document(text="", input="empty.txt"),
            Document(text=first, url="https://r.example/other"),
            Document(text=second, url="https://r.example/1"),
        ]
    )
    statuses = [o if isinstance(o, Failure) else o.status for o in outcomes]
    assert statuses[0] is IngestStatus.CREATED
    assert statuses[1] == Failure("empty.txt", "the article text is empty")
    assert statuses[2:] == [IngestStatus.UNCHANGED, IngestStatus.UPDATED]
    article = Article.objects.get(url="https://r.example/1")
    assert "Inflation rose" in article.text
    assert not Claim.objects.filter(statement__startswith="Unemployment").exists()


def test_a_text_an_update_gives_up_can_be_a_new_article_in_the_same_batch():
    first = "Unemployment fell to 3.1% in March, the statistics office said."
    second = "Inflation rose to 9.4% in June, the statistics office said."
    article_ingest(text=first, url="https://t.example/u")
    outcomes = ingest(
        [
            Document(text=second, url="https://t.example/u"),
            Document(text=first, url="https://t.example/v"),
        ]
    )
    assert [o.status for o in outcomes] == [IngestStatus.UPDATED, IngestStatus.CREATED]
    assert "Inflation" in Article.objects.get(url="https://t.example/u").text
    assert "Unemployment" in Article.objects.get(url="https://t.example/v").text
    assert claim_saying("Unemployment fell").appearances.get().article.url == "https://t.example/v"


def test_an_article_whose_write_fails_leaves_nothing_behind(monkeypatch):
    from django.db import IntegrityError

    from claims.ingest import write

    def fail(*args, **kwargs):
        raise IntegrityError("the appearance insert failed")

    text = "Exports doubled to $12 billion in 2023, the ministry said."
    monkeypatch.setattr(write.Appearance.objects, "bulk_create", fail)
    with pytest.raises(IntegrityError):
        article_ingest(text=text, url="https://r.example/new")
    assert not Article.objects.exists()
    assert not Claim.objects.exists() and not Claimant.objects.exists()


def wait_until_a_session_waits_on_a_lock(seconds: float = 5.0) -> None:
    """Poll pg_stat_activity until some session of this database waits on a lock (the
    batch, stuck behind the other writer's uncommitted row), or `seconds` pass."""
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.01)


@pytest.mark.postgresql("two concurrent writers")
@pytest.mark.django_db(transaction=True)
def test_two_ingests_of_the_same_texts_in_opposite_orders_store_each_text_once():
    """Two workers given the same articles at once (a syndicated feed), each in its own
    order: every text is one article, created by one of them and unchanged for the other,
    and neither fails (no transaction holds two articles, so they cannot deadlock)."""
    import threading

    from django.db import connections

    texts = [
        f"Exports to region {i} doubled to ${i + 2} billion in 2023, Minister {i} Smith said."
        for i in range(12)
    ]
    start, outcomes, failures = threading.Barrier(2), {}, []

    def writer(name: str, order: list[str]) -> None:
        try:
            start.wait(10)
            outcomes[name] = list(ingest_documents([Document(text=t) for t in order]))
        except Exception as error:  # reported by the assertion below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=writer, args=("forward", texts)),
        threading.Thread(target=writer, args=("backward", texts[::-1])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []
    by_text: dict[str, list[str]] = {}
    for results in outcomes.values():
        for result in results:
            by_text.setdefault(result.document.text, []).append(str(result.status))
    assert all(sorted(s) == ["created", "unchanged"] for s in by_text.values()), by_text
    assert Article.objects.count() == 12
    assert Claim.objects.filter(statement__startswith="Exports to region").count() == 12


@contextmanager
def another_writer_storing(**fields):
    """Another session stores an Article with these fields and holds it uncommitted until this
    one waits on a lock behind it, then commits: a concurrent ingest, on a real connection
    (PostgreSQL: mark the test `postgresql`)."""
    import threading

    from django.db import connections

    from articles.models import content_hash

    holding, failure = threading.Event(), []

    def other_writer() -> None:
        try:
            with transaction.atomic():
                Article.objects.create(**fields, content_hash=content_hash(fields["text"]))
                holding.set()
                wait_until_a_session_waits_on_a_lock()
        except Exception as error:  # reported by the assertion below
            failure.append(error)
        finally:
            connections.close_all()

    writer = threading.Thread(target=other_writer)
    writer.start()
    assert holding.wait(10)
    yield
    writer.join(10)
    assert failure == []


@pytest.mark.postgresql("two concurrent writers")
@pytest.mark.django_db(transaction=True)
def test_an_article_another_writer_is_storing_meanwhile_is_found_unchanged(caplog):
    """Two ingest workers given the same article at once (a syndicated story): the later
    write waits for the other's commit and fails on the duplicate text; it looks again and
    finds the article stored. The articles around it are written as usual."""
    from claims.ingest.read import extraction_of

    texts = [
        "Exports doubled to $12 billion in 2023, the ministry said.",
        "Inflation rose to 9.4% in June, the statistics office said.",
        "Unemployment fell to 3.1% in March, the statistics office said.",
    ]
    shared = extraction_of(Document(text=texts[1])).text
    with (
        another_writer_storing(text=shared),
        caplog.at_level("INFO", logger="claims.ingest.write"),
    ):
        outcomes = ingest([Document(text=t) for t in texts])
    assert [o.status for o in outcomes] == [
        IngestStatus.CREATED,
        IngestStatus.UNCHANGED,
        IngestStatus.CREATED,
    ]
    assert "article_unique_content_hash" in caplog.text and "looking again" in caplog.text
    assert Article.objects.count() == 3
    assert Claim.objects.filter(statement__startswith="Exports").exists()


@pytest.mark.postgresql("two concurrent writers")
@pytest.mark.django_db(transaction=True)
def test_a_url_another_writer_is_storing_meanwhile_becomes_an_update_of_it(caplog):
    """The same URL twice in one input ends with its later text; a URL another writer
    stores while this one writes it becomes an update of what the other stored."""
    first = "Exports doubled to $12 billion in 2023, the ministry said."
    second = "Inflation rose to 9.4% in June, the statistics office said."
    theirs = "Unemployment fell to 3.1% in March, the statistics office said."
    with (
        another_writer_storing(url="https://o.example/v", text=theirs),
        caplog.at_level("INFO", logger="claims.ingest.write"),
    ):
        outcomes = ingest(
            [
                Document(text=first, url="https://o.example/u"),
                Document(text=second, url="https://o.example/u"),
                Document(text=first, url="https://o.example/v"),
            ]
        )
    assert "article_unique_url" in caplog.text and "looking again" in caplog.text
    assert [o.status for o in outcomes] == [
        IngestStatus.CREATED,
        IngestStatus.UPDATED,
        IngestStatus.UPDATED,
    ]
    assert "Inflation" in Article.objects.get(url="https://o.example/u").text
    assert "Exports" in Article.objects.get(url="https://o.example/v").text
    assert Article.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_batch_moves_the_api_data_version_once_when_it_commits_and_unchanged_text_not_at_all(
    settings,
):
    from django.core.cache import cache

    from config.cache import data_version

    settings.CLAIMTRACK_API_CACHE_SECONDS = 60
    cache.clear()
    texts = [
        "Exports doubled to $12 billion in 2023, the ministry said.",
        "Inflation rose to 9.4% in June, the statistics office said.",
    ]
    before = data_version()
    ingest([Document(text=t) for t in texts])
    assert data_version() == before + 1
    ingest([Document(text=texts[0])])
    assert data_version() == before + 1
    cache.clear()
