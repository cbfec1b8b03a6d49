from __future__ import annotations

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.models import Article, Publisher
from claims.models import Appearance, Claim, Claimant, Rating, Source, Verdict


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@desk.example")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def groups(self, create: bool, extracted: list[str] | None, **kwargs) -> None:
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))


def _role(group: str) -> factory.PostGeneration:
    def add_to_group(user, create: bool, extracted, **kwargs) -> None:
        if create:
            user.groups.add(Group.objects.get(name=group))

    return factory.PostGeneration(add_to_group)


class FactCheckerFactory(UserFactory):
    username = factory.Sequence(lambda n: f"checker{n}")
    groups = _role("Fact-checkers")


class EditorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"editor{n}")
    groups = _role("Editors")


class PublisherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publisher

    name = factory.Sequence(lambda n: f"Publisher {n}")
    domain = factory.Sequence(lambda n: f"publisher{n}.example")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    url = factory.Sequence(lambda n: f"https://news.example/story-{n}")
    title = factory.Sequence(lambda n: f"Story {n}")
    publisher = factory.SubFactory(PublisherFactory)
    text = factory.Sequence(
        lambda n: f"Story {n}. The minister said unemployment fell to {n % 10}.5% last year."
    )
    raw_text = factory.LazyAttribute(lambda a: a.text)


class ClaimantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claimant

    name = factory.Sequence(lambda n: f"Speaker {n}")


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    statement = factory.Sequence(lambda n: f"Unemployment fell to {n}.5% last year.")
    kind = "statistic"
    score = 0.8
    claimant = factory.SubFactory(ClaimantFactory)


class AppearanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appearance

    claim = factory.SubFactory(ClaimFactory)
    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = factory.LazyAttribute(lambda a: len(a.article.text))
    sentence = factory.LazyAttribute(lambda a: a.article.text[a.start : a.end])


def rating(slug: str = "false") -> Rating:
    return Rating.objects.get(slug=slug)


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verdict

    claim = factory.SubFactory(ClaimFactory)
    version = 1
    rating = factory.LazyFunction(rating)
    summary = "The figure was 7.1%, not 5.5%."


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    claim = factory.SubFactory(ClaimFactory)
    url = factory.Sequence(lambda n: f"https://stats.example/table-{n}")
    title = "Labour force survey"
    stance = "refutes"


def stuck_ingest_job(texts: list[str], *, written: int, idle_seconds: float | None = None):
    """The job a worker that died mid-job leaves when its tasks are lost too: its first
    `written` articles written by the real chunk service, the others pending, the job
    `running`, and no progress for `idle_seconds` (default: just past
    CLAIMTRACK_JOB_STALE_AFTER, so stale)."""
    import datetime as dt

    from django.conf import settings
    from django.utils import timezone

    from claims.ingest.jobs import ingest_job_chunk_run, text_payload
    from claims.models import IngestJob, IngestJobItem, JobStatus

    job = IngestJob.objects.create(source="api", total=len(texts))
    IngestJobItem.objects.bulk_create(
        IngestJobItem(job=job, position=i, input=f"story {i}", payload=text_payload(text))
        for i, text in enumerate(texts)
    )
    if written:
        ingest_job_chunk_run(job_id=job.pk, first=0, last=written - 1)
    if idle_seconds is None:
        idle_seconds = settings.CLAIMTRACK_JOB_STALE_AFTER + 60
    IngestJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        finished_at=None,
        progress_at=timezone.now() - dt.timedelta(seconds=idle_seconds),
    )
    job.refresh_from_db()
    return job
