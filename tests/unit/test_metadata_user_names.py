"""Bylines of blog templates: user names after a prefix, prefixes printed alone, posters."""

from __future__ import annotations

import pytest

from cleaning import extract_article
from cleaning.metadata import credits, prefixed_bylines
from cleaning.metadata.jsonld import jsonld_credits
from cleaning.metadata.people import names_host
from tests.unit.metadata_pages import BODY, NOW


@pytest.mark.parametrize(
    ("byline", "people"),
    [
        ("Geschrieben von Cooper am 25.08.2015 22:30", ["Cooper"]),
        ("by ; Catherine", ["Catherine"]),
        ("By Louis Jacobson on Monday, November 18th, 2019", ["Louis Jacobson"]),
        ("1. Januar 2016 von KleineGrüneMonster", []),  # a handle, not a name
        ("By Admin", []),
        ("By Staff", []),
        ("Catherine", []),  # one word without a prefix names nobody
    ],
)
def test_user_names(byline: str, people: list[str]) -> None:
    assert credits([byline], "Site").people == people


def test_prefix_printed_alone_joins_the_names_after_it() -> None:
    pieces = ["David McKinley", "on Sunday", "By", "Matthew Digby", ",", "Minh Do", "on Monday"]
    found = prefixed_bylines(pieces, now=NOW)
    assert credits(found, None).people == ["Matthew Digby", "Minh Do"]


def test_a_one_word_handle_the_host_opens_with_is_the_site() -> None:
    assert names_host("Vortex", "vortexcannon.org")
    assert not names_host("Julia", "crazy-julia.de")


def test_person_typed_also_as_organisation_is_a_person() -> None:
    node = {"@id": "p1", "@type": ["Person", "Organization"], "name": "Julia"}
    assert jsonld_credits({"author": {"@id": "p1"}}, {"p1": node}) == (["Julia"], [])


def test_printed_byline_confirmed_by_meta_beats_jsonld_poster() -> None:
    page = (
        "<html><head><title>Harbour baths stay open</title>"
        '<meta name="author" content="Kevin Rebong"><meta name="author" content="By David Jeans">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
        '"Harbour baths stay open", "author": {"@type": "Person", "name": "Kevin Rebong"}}'
        "</script></head><body><article><h1>Harbour baths stay open</h1>"
        f'<div class="byline">By <a>David Jeans</a></div>{BODY}</article></body></html>'
    )
    article = extract_article(page.encode(), "https://example.com/news/baths", now=NOW)
    assert article.authors == ["David Jeans"]


def test_first_plain_time_dates_a_page_without_markup() -> None:
    page = (
        "<html><head><title>Harbour baths stay open</title></head><body>"
        '<div class="banner"><time datetime="2022-12-12 12:22">12.12.2022 12:22</time></div>'
        f"<main><h1>Harbour baths stay open</h1>{BODY}</main>"
        '<ul><li><time datetime="2022-08-10 11:05">10.08.2022</time></li></ul></body></html>'
    )
    article = extract_article(page.encode(), "https://example.com/news/baths", now=NOW)
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2022-12-12"


def _page(head: str, body: str, after: str = "") -> bytes:
    return (
        f"<html><head><title>Harbour baths stay open</title>{head}</head><body>"
        f"<article><h1>Harbour baths stay open</h1>{body}{BODY}</article>{after}</body></html>"
    ).encode()


def test_comment_and_sidebar_bylines_are_not_the_article_s() -> None:
    page = _page(
        "",
        "",
        '<div><aside><div class="byline">By <a>Mary Major</a></div></aside></div>'
        '<ol class="commentlist"><li><span class="comment-author">John Roe</span></li></ol>',
    )
    article = extract_article(page, "https://example.com/news/baths", now=NOW)
    assert article.authors == []


def test_hcard_names_a_one_word_user() -> None:
    page = _page(
        "",
        '<p class="post-footer"><span class="author vcard">'
        '<a class="url fn n" href="/profile/1">Sandra</a></span></p>',
    )
    article = extract_article(page, "https://example.com/news/baths", now=NOW)
    assert article.authors == ["Sandra"]


def test_one_word_byline_takes_the_author_box_full_name() -> None:
    page = _page(
        '<script type="application/ld+json">{"@type": "Article", "headline": '
        '"Harbour baths stay open", "author": {"@type": "Person", "name": "Stefanus"}}'
        "</script>",
        "<p>Stefanus Stahl - Maschinenbauer, seit 2002 auf dem Mountainbike.</p>",
    )
    article = extract_article(page, "https://example.com/news/baths", now=NOW)
    assert article.authors == ["Stefanus Stahl"]


def test_reference_authors_in_microdata_are_not_the_page_s() -> None:
    page = _page(
        '<meta name="dc.creator" content="Marwan H. Adwan">',
        '<ol><li itemprop="citation" itemscope itemtype="http://schema.org/ScholarlyArticle">'
        '<meta itemprop="author" content="H. Peyriere, "></li></ol>',
    )
    article = extract_article(page, "https://example.com/news/baths", now=NOW)
    assert article.authors == ["Marwan H. Adwan"]
