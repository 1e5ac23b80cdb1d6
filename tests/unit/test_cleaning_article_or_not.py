"""Article or not: home, tag, search and listing pages raise NotAnArticle with a reason."""

from __future__ import annotations

import json

import pytest

from cleaning import NoArticleText, NotAnArticle, extract_article
from cleaning.phrases import REQUIRED_LANGUAGES, by_language

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


# --- listing URLs in other languages (the [pagetype] phrase tables) ---


@pytest.mark.parametrize(
    "path",
    [
        "/thema/klimawandel/",
        "/rubrique/economie",
        "/etiqueta/futbol/",
        "/autore/mario-rossi",
        "/etiket/ekonomi",
        "/%D1%82%D0%B5%D0%B3/%D0%BF%D0%BE%D0%BB%D0%B8%D1%82%D0%B8%D0%BA%D0%B0/",  # /тег/политика/
        "/kategoria/sport/page/3/",
    ],
)
def test_listing_urls_in_other_languages_are_not_articles(path: str) -> None:
    with pytest.raises(NotAnArticle, match="listing URL"):
        extract_article(html(f"<main><ul>{TEASERS}</ul></main>"), "https://news.example.com" + path)


@pytest.mark.parametrize(
    "path",
    ["/tema-del-dia/2024/05/harbour-budget", "/politik/thema-klimawandel-neue-regeln.html"],
)
def test_article_urls_that_contain_a_listing_word_are_articles(path: str) -> None:
    page = html(f"<article><h1>Harbour budget</h1>{ARTICLE_BODY}</article>")
    assert extract_article(page, "https://news.example.com" + path).text


# --- shape: a grid of teaser cards, when neither markup nor URL says so ---


def cards(count: int, summary_words: int = 12) -> str:
    """Teaser cards: a headline link, a summary and a date line (so that links are a third
    of the lines, below the text-only teaser test)."""
    summary = " ".join(["word"] * summary_words)
    return "".join(
        f'<div class="card"><img src="/i{i}.jpg"><h3><a href="/politik/story-{i}">Headline '
        f'number {i} of the day</a></h3><p>{summary} {i}.</p><p class="kicker">Politik, '
        f"vor {i + 2} Stunden aktualisiert</p></div>"
        for i in range(count)
    )


def test_a_grid_of_teaser_cards_is_not_an_article() -> None:
    page = html(f'<main><div class="grid">{cards(12)}</div></main>')
    # told by the grid of cards, or by its share of link lines once the date stamps are gone
    with pytest.raises(NotAnArticle, match=r"teaser (blocks|list)"):
        extract_article(page, "https://zeitung.example/politik/")


def test_an_article_with_a_grid_of_more_stories_under_it_is_an_article() -> None:
    grid = f'<div class="grid">{cards(12)}</div>'
    page = html(f"<article><h1>Harbour budget</h1>{ARTICLE_BODY}</article>{grid}")
    assert "regional parliament" in extract_article(page, "https://zeitung.example/politik/x").text


def test_a_few_cards_do_not_make_a_listing() -> None:
    page = html(f'<main><div class="grid">{cards(4, 30)}</div></main>')
    try:
        extract_article(page, "https://zeitung.example/politik/")
    except NotAnArticle as error:
        assert "teaser blocks" not in str(error)
    except NoArticleText:
        pass


def test_every_required_language_has_listing_segments() -> None:
    tables = by_language("pagetype.listing_segments")
    assert [lang for lang in REQUIRED_LANGUAGES if not tables.get(lang)] == []
