"""Article or not: home, tag, search and listing pages raise NotAnArticle with a reason."""

from __future__ import annotations

import json

import pytest

from cleaning import NoArticleText, NotAnArticle, extract_article

ARTICLE_BODY = "\n".join(
    f"<p>Paragraph {i}: the regional parliament debated the harbour budget for hours, and "
    f"members of every party asked for more money for schools, buses and the old docks.</p>"
    for i in range(6)
)
TEASERS = "\n".join(
    f'<li><h3><a href="/news/2024/story-{i}/">Story number {i} about the harbour and the '
    f"city budget</a></h3><p>Short summary {i}.</p></li>"
    for i in range(12)
)


def html(body: str, head: str = "") -> str:
    return (
        f'<html lang="en"><head><title>Daily Planet</title>{head}</head><body>{body}</body></html>'
    )


def ld(kind: str) -> str:
    data = json.dumps({"@type": kind, "name": "Daily Planet"})
    return f'<script type="application/ld+json">{data}</script>'


def test_home_page_with_og_website_is_not_an_article() -> None:
    page = html(f"<main><ul>{TEASERS}</ul></main>", '<meta property="og:type" content="website">')
    with pytest.raises(NotAnArticle) as info:
        extract_article(page, "https://news.example.com/")
    assert "home page" in str(info.value)
    assert info.value.reason == "not_article"


@pytest.mark.parametrize(
    "path", ["/tag/politics/", "/category/economy", "/search?q=harbour", "/author/jane-doe/"]
)
def test_listing_urls_are_not_articles(path: str) -> None:
    with pytest.raises(NotAnArticle, match="listing URL"):
        extract_article(html(f"<main><ul>{TEASERS}</ul></main>"), "https://news.example.com" + path)


def test_collection_page_jsonld_is_not_an_article() -> None:
    with pytest.raises(NotAnArticle, match="collectionpage"):
        extract_article(
            html(f"<main><ul>{TEASERS}</ul></main>", ld("CollectionPage")), "https://x.example/p/1"
        )


def test_teaser_list_without_any_hint_is_not_an_article() -> None:
    with pytest.raises(NotAnArticle, match="teaser list"):
        extract_article(html(f"<main><ul>{TEASERS}</ul></main>"), "https://x.example/overview/")


def test_article_types_win_over_url_shape() -> None:
    page = html(f"<article><h1>Harbour budget</h1>{ARTICLE_BODY}</article>", ld("NewsArticle"))
    assert extract_article(page, "https://news.example.com/tag/harbour-budget-approved")


def test_wordpress_query_article_on_root_is_an_article() -> None:
    page = html(
        f"<article><h1>Harbour budget</h1>{ARTICLE_BODY}</article>",
        '<meta property="og:type" content="website">',
    )
    assert extract_article(page, "https://blog.example.com/?p=2895").text


def test_permalink_with_category_segment_is_an_article() -> None:
    page = html(f"<article><h1>Harbour budget</h1>{ARTICLE_BODY}</article>")
    url = "https://news.example.com/category/politics/2024/05/harbour-budget-approved-after-debate.html"
    assert extract_article(page, url).text


@pytest.mark.parametrize(
    "page", ["", "<html><body></body></html>", html("<script>var x = 1;</script>")]
)
def test_empty_pages_raise_no_article_text(page: str) -> None:
    with pytest.raises(NoArticleText) as info:
        extract_article(page, "https://news.example.com/2024/empty/")
    assert info.value.reason == "no_text"
