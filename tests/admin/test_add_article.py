"""'Add article' on the desk: pasted text, an uploaded file or a URL, through the ingest."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article
from claims.models import Appearance, Claim
from tests.admin.conftest import SEED

pytestmark = pytest.mark.django_db
ADD = "/admin/articles/article/add/"
QUOTE = "These exercises will not take place"


def stored() -> tuple:
    return (Article.objects.count(), Claim.objects.count(), Appearance.objects.count())


def test_pasted_text_becomes_an_article_with_its_claims_and_lands_on_its_page(login, fact_checker):
    client = login(fact_checker)
    assert client.get(ADD).status_code == 200
    response = client.post(
        ADD,
        {
            "text": SEED,
            "title": "Armenia cancels drills",
            "publisher": "AP",
            "published": "2023-09-06",
            "authors": "Ann Lee\nBo Chan",
        },
        follow=True,
    )
    article = Article.objects.get()
    assert response.redirect_chain[-1][0] == f"/admin/articles/article/{article.pk}/change/"
    content = response.content.decode()
    assert "Article “Armenia cancels drills” added with" in content
    assert 'class="ct-hl st-new"' in content  # the claims, marked in its text
    assert article.publisher.name == "AP"
    assert article.authors == ["Ann Lee", "Bo Chan"]
    assert article.published_at.isoformat() == "2023-09-06T00:00:00+00:00"
    assert Claim.objects.filter(statement__contains=QUOTE).exists()


def test_a_title_alone_is_an_error_on_the_form_not_a_server_error(login, editor):
    response = login(editor).post(ADD, {"title": "Only a title"})
    assert response.status_code == 400
    assert "Paste the text, upload a file or give a URL to fetch." in response.content.decode()
    assert stored() == (0, 0, 0)


@pytest.mark.parametrize(
    ("name", "body", "title"),
    [
        ("story.txt", SEED.encode(), "story.txt"),
        (
            "story.html",
            f"<!doctype html><html><head><title>Drills off</title></head><body><article>"
            f"{''.join(f'<p>{p}</p>' for p in SEED.split(chr(10)) if p.strip())}"
            f"</article></body></html>".encode(),
            "Drills off",
        ),
        ("story.json", json.dumps({"text": SEED, "title": "From JSON"}).encode(), "From JSON"),
    ],
)
def test_an_uploaded_file_is_read_as_the_command_reads_it(login, fact_checker, name, body, title):
    response = login(fact_checker).post(
        ADD, {"file": SimpleUploadedFile(name, body), "title": ""}, follow=True
    )
    assert response.status_code == 200
    article = Article.objects.get()
    assert (article.title or "story.txt") == title
    assert Claim.objects.filter(statement__contains=QUOTE).exists()


def test_a_url_alone_is_fetched(login, fact_checker, web):
    response = login(fact_checker).post(ADD, {"url": f"{web}/story"}, follow=True)
    article = Article.objects.get()
    assert response.redirect_chain[-1][0].endswith(f"/{article.pk}/change/")
    assert article.url == f"{web}/story"
    assert article.title.startswith("Jobs report")
    assert Claim.objects.filter(statement__contains="3.1%").exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"url": "{web}/missing"}, "url", "{web}/missing: the server answered HTTP 404 Not Found"),
        ({"url": "{web}/image"}, "url", "is image/png, not an HTML or text page"),
        ({"text": "Advertisement\n\nLoading…"}, None, "nothing is left of the text"),
        ({"text": "   "}, "text", "The pasted text is only whitespace."),
    ],
)
def test_a_bad_input_is_named_on_the_form_and_nothing_is_written(
    login, fact_checker, web, data, field, message
):
    data = {k: v.format(web=web) for k, v in data.items()}
    response = login(fact_checker).post(ADD, data)
    assert response.status_code == 400
    form = response.context["form"]
    assert message.format(web=web) in " ".join(form.errors.get(field or "__all__", []))
    assert stored() == (0, 0, 0)


def test_a_json_file_with_two_articles_is_refused_whole(login, fact_checker):
    body = json.dumps([{"text": SEED}, {"text": "Inflation rose to 9% in May."}]).encode()
    response = login(fact_checker).post(ADD, {"file": SimpleUploadedFile("two.json", body)})
    assert response.status_code == 400
    assert "holds 2 articles" in response.context["form"].errors["file"][0]
    assert stored() == (0, 0, 0)


def test_text_and_a_file_together_are_refused(login, fact_checker):
    response = login(fact_checker).post(
        ADD, {"text": SEED, "file": SimpleUploadedFile("a.txt", b"Some other text.")}
    )
    assert response.status_code == 400
    assert "not both" in response.content.decode()


def test_the_same_text_again_is_reported_unchanged(login, fact_checker):
    client = login(fact_checker)
    client.post(ADD, {"text": SEED})
    before = stored()
    response = client.post(ADD, {"text": SEED}, follow=True)
    assert "is already stored" in response.content.decode()
    assert stored() == before


def test_staff_without_a_desk_role_may_not_add_articles(login, outsider):
    client = login(outsider)
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, {"text": SEED}).status_code == 403
    assert stored() == (0, 0, 0)


def test_a_superuser_saving_a_title_alone_gets_the_form_back_not_a_server_error(login):
    from tests.factories import UserFactory

    root = UserFactory(username="root", is_superuser=True)
    inline = {f"appearances-{k}": v for k, v in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))}
    response = login(root).post(ADD, {"title": "Only a title", "language": "en", **inline})
    assert response.status_code == 400
    assert stored() == (0, 0, 0)
