import pytest

from articles.html import Page, html_to_page

PAGE = """<html><head><title>Armenia cancels drills | Example News</title>
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2023-01-10"></head>
<body><nav>Home &gt; World</nav><article><h1>Armenia cancels drills</h1>
<p>Armenia has canceled planned military drills with Russia which were to be held under the
CSTO, straining relations further between the uneasy regional allies.</p>
<p>“These exercises will not take place,” Armenian Prime Minister Nikol Pashinyan told a
Tuesday press briefing.</p></article><footer>Copyright 2023</footer></body></html>"""


def test_it_extracts_main_text_and_metadata():
    document = html_to_page(PAGE, url="https://example.com/armenia")
    assert isinstance(document, Page)
    assert "These exercises will not take place" in document.text
    assert "Copyright" not in document.text
    assert document.title == "Armenia cancels drills"
    assert document.author == "Jane Doe"
    assert document.date == "2023-01-10"
    assert document.url == "https://example.com/armenia"


def test_it_names_the_input_when_there_is_no_text():
    with pytest.raises(ValueError, match=r"example\.com/empty"):
        html_to_page("<html><body></body></html>", url="https://example.com/empty")
