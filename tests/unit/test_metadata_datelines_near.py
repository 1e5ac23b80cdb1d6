"""Datelines printed away from the headline's container, headlines that are not the first
``<h1>``, event spans, modification stamps, day-first dates in the URL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import lxml.html
import pytest

from cleaning import extract_article
from cleaning.metadata import reconcile_dates
from cleaning.metadata.dates import (
    dateline_date,
    find_headline,
    headline_context,
    headline_date,
    url_day,
)

NOW = datetime(2025, 12, 31, 12, 0, tzinfo=UTC)
BODY = " ".join(["Der Verband begrüßt die Entscheidung der Regierung ausdrücklich."] * 12)


def _page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("label", "lang"),
    [
        ("Pressemitteilung vom 20.01.2022", "de"),
        ("Communiqué de presse du 20 janvier 2022", "fr"),
        ("Press release, 20 January 2022", "en"),
    ],
)
def test_dateline_a_few_blocks_above_the_headline(label: str, lang: str) -> None:
    html = _page(
        "<title>Erste Zusagen für Aufnahmen</title>",
        f"""<div class="page"><div class="row"><div class="col"><div>{label}</div></div>
        <div class="col"><article><header><div><h1>Erste Zusagen für Aufnahmen</h1></div>
        <p>Aber: ein Programm mit engen Grenzen</p></header></article></div></div></div>""",
    )
    tree = lxml.html.fromstring(html)
    assert dateline_date(headline_context(tree), now=NOW) is None  # not in the container
    assert headline_date(tree, now=NOW) == datetime(2022, 1, 20, tzinfo=UTC), lang


def test_dates_in_links_and_sidebars_near_the_headline_are_not_its_dateline() -> None:
    html = _page(
        "<title>Erste Zusagen</title>",
        """<div class="page"><div class="row"><aside><p>11.03.2021</p></aside>
        <ul><li><a href="/other">12.03.2021 Andere Meldung</a></li></ul>
        <div><article><div><h1>Erste Zusagen</h1></div><p>Aber: eng</p></article></div>
        </div></div>""",
    )
    assert headline_date(lxml.html.fromstring(html), now=NOW) is None


def test_headline_in_h2_when_the_only_h1_is_navigation() -> None:
    html = _page(
        "<title>Levelpässe können bestellt werden | Schwimm-Verband</title>",
        """<div><div><h1>Quicklinks</h1><p>Termine 2022</p></div></div>
        <div class="news"><div><h2>Levelpässe können bestellt werden</h2>
        <span>01.02.2022</span></div></div>""",
    )
    tree = lxml.html.fromstring(html)
    headline = find_headline(tree)
    assert headline is not None and headline.tag == "h2"
    assert headline_date(tree, now=NOW) == datetime(2022, 2, 1, tzinfo=UTC)
    # an <h1> the title repeats stays the headline, whatever the <h2>s say
    kept = html.replace("<h1>Quicklinks</h1>", "<h1>Levelpässe können bestellt werden</h1>")
    found = find_headline(lxml.html.fromstring(kept))
    assert found is not None and found.tag == "h1"


def test_empty_h1_of_a_logo_is_not_the_headline() -> None:
    html = _page(
        "<title>Faire Lieferketten - Jugendwerk</title>",
        """<div><h1><img src="logo.png"></h1><ul><li>Termine</li></ul></div>
        <div><div><h1>Faire Lieferketten</h1><div>05.02.2020 - Redaktion</div></div></div>""",
    )
    tree = lxml.html.fromstring(html)
    headline = find_headline(tree)
    assert headline is not None and headline.text == "Faire Lieferketten"
    assert headline_date(tree, now=NOW) == datetime(2020, 2, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    "line",
    ["9-23 Feb 2017 | Mo-Fr 9–16", "6. – 7. März 2020", "12-14 juin 2021", "3 - 5 de mayo de 2022"],
)
def test_an_event_span_is_not_a_dateline(line: str) -> None:
    assert dateline_date([line], now=NOW) is None


@pytest.mark.parametrize(
    ("line", "day"),
    [("23 Feb 2017", date(2017, 2, 23)), ("05.02.2020 - Redaktion", date(2020, 2, 5))],
)
def test_a_single_day_is_still_a_dateline(line: str, day: date) -> None:
    found = dateline_date([line], now=NOW)
    assert found is not None and found.date() == day


def test_the_modification_stamp_beside_the_headline_is_not_the_dateline() -> None:
    html = _page(
        "<title>Fünf Trends</title>",
        """<article><header><h1>Fünf Trends</h1><div>
        <time class="updated" datetime="2022-12-29">29. Dezember 2022</time>
        <time class="entry-date published" datetime="2022-12-30">30. Dezember 2022</time>
        </div></header></article>""",
    )
    assert headline_date(lxml.html.fromstring(html), now=NOW) == datetime(2022, 12, 30, tzinfo=UTC)
    itemprop = html.replace('class="updated"', 'itemprop="dateModified"')
    assert headline_date(lxml.html.fromstring(itemprop), now=NOW) == datetime(
        2022, 12, 30, tzinfo=UTC
    )


def test_a_printed_dateline_days_from_the_markup_wins_unless_it_is_the_update() -> None:
    markup = datetime(2021, 12, 20, 9, 0, tzinfo=UTC)
    visible = datetime(2022, 1, 27, tzinfo=UTC)
    published, _ = reconcile_dates(
        markup, None, visible_day=visible, zone_known=True, fallback_offset=None, now=NOW
    )
    assert published is not None and published.date() == date(2022, 1, 27)
    # the printed day is the markup's modification day: the page shows its update
    published, _ = reconcile_dates(
        markup,
        datetime(2022, 1, 27, 8, 0, tzinfo=UTC),
        visible_day=visible,
        zone_known=True,
        fallback_offset=None,
        now=NOW,
    )
    assert published is not None and published.date() == date(2021, 12, 20)


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://verband.de/media-news/meldungen/29-10-2021", date(2021, 10, 29)),
        ("https://example.org/news/29.10.2021.html", date(2021, 10, 29)),
        ("https://example.com/2019/nov/18/story", date(2019, 11, 18)),
        ("https://example.com/shop/item-29-10-2021-offer", None),  # inside a slug
        ("https://example.com/a?d=29-10-2021", None),  # in the query
        ("https://example.com/reports/31-02-2021", None),  # no such day
    ],
)
def test_day_in_the_url(url: str, day: date | None) -> None:
    assert url_day(url) == day


def test_a_day_first_url_date_when_the_page_prints_none() -> None:
    html = _page(
        "<title>Zehn Jahre Aktionstag</title>",
        f"<article><h1>Zehn Jahre Aktionstag</h1><p>{BODY}</p><p>{BODY}</p></article>",
    )
    article = extract_article(html, "https://verband.de/meldungen/29-10-2021", now=NOW)
    assert article.published_at is not None
    assert article.published_at.date() == date(2021, 10, 29)
