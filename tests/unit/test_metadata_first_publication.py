"""Publication days from the article's own text: a note that a republished article first
appeared earlier, and a dateline above the first paragraph of a page whose headline is
not found; hAtom dates of blog themes."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html
import pytest

from cleaning import extract_article
from cleaning.metadata.dates import body_start_date, first_publication
from tests.unit.metadata_pages import BODY, NOW


@pytest.mark.parametrize(
    ("note", "lang"),
    [
        ("This article was originally published on 27 February 2017.", "en"),
        ("Dieser Artikel ist ursprünglich am 27. Februar 2017 erschienen.", "de"),
        ("Cet article a été initialement publié le 27 février 2017.", "fr"),
        ("Este artículo fue publicado originalmente el 27 de febrero de 2017.", "es"),
        ("Dit artikel verscheen eerder op 27 februari 2017.", "nl"),
    ],
)
def test_a_note_of_the_first_publication_gives_the_day(note: str, lang: str) -> None:
    assert first_publication(["Intro", note], now=NOW) == datetime(2017, 2, 27, tzinfo=UTC), lang


@pytest.mark.parametrize(
    "line",
    [
        # a sentence of the story that mentions a first publication: not a note
        "The report, which was originally published on 27 February 2017 by the ministry, "
        "was withdrawn after the auditors found that its figures had been copied.",
        # a date without the note, and the note without a date
        "Published 27 February 2017",
        "This article was originally published by our partner site.",
        # a first appearance of something else than the article
        "The band first appeared on 12 March 2019 at the Roundhouse.",
        "The novel was first published on 3 May 1951.",
    ],
)
def test_lines_that_only_look_like_the_note_give_no_day(line: str) -> None:
    assert first_publication([line], now=NOW) is None


def _article(note: str) -> str:
    return (
        "<html><head><title>Tubeless tyres step by step</title>"
        '<meta property="article:published_time" content="2022-01-26T08:00:50+00:00">'
        f"</head><body><article><h1>Tubeless tyres step by step</h1>{BODY}"
        f"<p><em>{note}</em></p></article></body></html>"
    )


def test_the_first_publication_wins_over_a_later_markup_date() -> None:
    note = "This article was originally published on 27 February 2017."
    article = extract_article(_article(note), "https://example.org/news/tubeless", now=NOW)
    assert article.published_at == datetime(2017, 2, 27, tzinfo=UTC)


def test_a_note_of_a_later_day_changes_nothing() -> None:
    # "first appeared" in print a week after the web version: the web date stays
    note = "This article first appeared in print on 2 February 2022."
    article = extract_article(_article(note), "https://example.org/news/tubeless", now=NOW)
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2022-01-26"


_SIDEBAR_H1 = """<html><head><title>Synchronised swimming - News - Synchronised swimming</title>
</head><body><div id="col1"><h1>Quicklinks</h1><ul><li><a href="/a">Results</a></li>
<li><a href="/b">12.01.2022 Older news</a></li></ul></div>
<div id="col2"><h2>Level passes can be ordered now</h2><div class="head"><b>Swimming</b><br>
<span class="blue">01.02.2022</span> Category: Swimming</div>
<div class="text"><p>Starfish are not only beautiful to look at: with their small feet they
move with great skill, and so they name the first six levels of the new system.</p>{body}
</div></div><div id="col3"><h1>Our partners</h1></div></body></html>"""


def test_the_date_above_the_first_paragraph_when_no_headline_is_found() -> None:
    html = _SIDEBAR_H1.format(body=BODY).replace("12.01.2022 ", "")
    article = extract_article(html, "https://example.org/news/level-passes", now=NOW)
    assert article.published_at == datetime(2022, 2, 1, tzinfo=UTC)


def test_dates_in_links_above_the_first_paragraph_are_not_its_dateline() -> None:
    html = _SIDEBAR_H1.format(body=BODY).replace('<span class="blue">01.02.2022</span>', "")
    tree = lxml.html.fromstring(html)
    first = "Starfish are not only beautiful to look at: with their small feet they move"
    assert body_start_date(tree, first, now=NOW) is None


def test_hatom_value_title_dates_of_blogger_themes() -> None:
    html = (
        "<html><head><title>New bus route</title></head><body><article><h1>New bus route</h1>"
        f"{BODY}<div class='post-footer'><span class='post-timestamp'><a href='/x'>"
        "<abbr class='published' title='2025-03-12T08:30:00+05:30'>8:30 AM</abbr>"
        "</a></span></div></article></body></html>"
    )
    article = extract_article(html, "https://example.org/2025/03/new-bus-route.html", now=NOW)
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2025-03-12T08:30:00+05:30"
