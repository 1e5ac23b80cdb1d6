"""The publisher's time zone: printed in the byline, and learned from a site's other pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cleaning import extract_article
from cleaning.metadata import printed_offset
from cleaning.metadata.zones import CrawlZones, offset_between
from tests.unit.metadata_pages import BODY, NOW


def _page(dateline: str, markup: str, *, lang: str = "en", byline: str = "By Jane Doe") -> str:
    return (
        f'<html lang="{lang}"><head><title>Harbour baths stay open</title>'
        f'<meta property="article:published_time" content="{markup}">'
        "</head><body><article><header><h1>Harbour baths stay open</h1>"
        f'<p class="byline">{byline}</p><p>{dateline}</p></header>'
        f"{BODY}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("lines", "utc", "hours"),
    [
        (["Nov. 18, 2019 7:04 pm ET"], datetime(2019, 11, 19, 0, 4), -5),
        (["November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM"],
         datetime(2019, 11, 19, 0, 26), -10),
        (["15 Juni 2025 | 04:40 WIB"], datetime(2025, 6, 14, 21, 40), 7),
        (["02/04/2025 04:30 (GMT+7)"], datetime(2025, 4, 1, 21, 30), 7),
        (["Posted Nov 18, 8:19 PM"], datetime(2019, 11, 19, 1, 19, 34), -5),
        # summer time: "ET" is the exact difference when the wall clock agrees
        (["June 3, 2025 9:15 p.m. ET"], datetime(2025, 6, 4, 1, 15), -4),
        (["13 नवंबर 2025, 01:40 IST"], datetime(2025, 11, 12, 20, 10), 5.5),
    ],
)  # fmt: skip
def test_offset_from_a_printed_time(lines: list[str], utc: datetime, hours: float) -> None:
    assert printed_offset(lines, utc.replace(tzinfo=UTC)) == timedelta(hours=hours)


@pytest.mark.parametrize(
    ("lines", "utc"),
    [
        (["Updated 9:41 AM"], datetime(2019, 11, 19, 1, 19)),  # an update's time
        (["Posted Nov 18, 8:07 PM"], datetime(2019, 11, 19, 1, 19)),  # minutes disagree
        (["By Jane Doe"], datetime(2019, 11, 19, 1, 19)),  # no time
        # the line's day is not the markup's instant in the offset the clock gives
        (["12 March 2025 20:19"], datetime(2025, 3, 10, 1, 19)),
    ],
)
def test_no_offset_without_a_publication_time(lines: list[str], utc: datetime) -> None:
    assert printed_offset(lines, utc.replace(tzinfo=UTC)) is None


def test_printed_zone_gives_the_day_of_a_utc_markup_time() -> None:
    html = _page("Nov. 18, 2019 7:04 pm ET", "2019-11-19T00:04:00Z")
    article = extract_article(html, "https://www.example.com/a/baths", now=NOW)
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2019-11-18"
    assert article.published_at.utcoffset() == timedelta(hours=-5)
    assert article.zone_evidence == (
        datetime(2019, 11, 19, 0, 4, tzinfo=UTC),
        datetime(2019, 11, 18, 19, 4),
    )


def test_a_day_without_a_time_is_not_moved_to_another_zone() -> None:
    # a .br page: the publisher is UTC-3, but a day is a day
    html = _page("Publicado por: Clarissa Borba", "2018-10-05", lang="pt")
    article = extract_article(html, "https://www.example.com.br/news/a", now=NOW)
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2018-10-05"
    assert article.zone_evidence is None


def test_printed_day_that_is_the_update_day_does_not_replace_the_publication() -> None:
    html = _page("2018-09-16", "2018-09-15").replace(
        "</head>", '<meta property="article:modified_time" content="2018-09-16T08:00:00Z"></head>'
    )
    article = extract_article(html, "https://www.example.com/a/baths", now=NOW)
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2018-09-15"


def test_learned_zone_decides_the_day_of_a_page_that_shows_none() -> None:
    # a .com page in English: neither its TLD nor its language tells the zone
    html = _page("", "2019-11-20T02:07:18Z")
    url = "https://www.example.com/a/baths"
    alone = extract_article(html, url, now=NOW)
    assert alone.published_at is not None and alone.published_at.day == 20
    assert alone.zone_evidence is None
    hinted = extract_article(html, url, now=NOW, zone_hint=timedelta(hours=-5))
    assert hinted.published_at is not None
    assert hinted.published_at.date().isoformat() == "2019-11-19"
    # a page that shows its own offset keeps it, whatever the hint
    own = extract_article(
        _page("Nov. 19, 2019 9:07 pm ET", "2019-11-20T02:07:18Z"),
        url,
        now=NOW,
        zone_hint=timedelta(hours=9),
    )
    assert own.published_at is not None and own.published_at.day == 19


def test_crawl_learns_the_usual_offset_of_each_site() -> None:
    zones = CrawlZones()
    assert zones.offset("a.com") is None
    zones.observe(
        "a.com", datetime(2019, 11, 19, 1, 19, tzinfo=UTC), datetime(2019, 11, 18, 20, 19)
    )
    assert zones.offset("a.com") is None  # one page is not enough
    zones.observe("a.com", datetime(2019, 11, 20, 2, 7, tzinfo=UTC), datetime(2019, 11, 19, 21, 7))
    assert zones.offset("a.com") == timedelta(hours=-5)
    assert zones.offset("b.com") is None  # per site
    # evidence that is not a zone (minutes apart) is ignored
    zones.observe("b.com", datetime(2019, 11, 20, 2, 7, tzinfo=UTC), datetime(2019, 11, 19, 21, 8))
    zones.observe("b.com", datetime(2019, 11, 20, 2, 7, tzinfo=UTC), datetime(2019, 11, 20, 2, 7))
    assert zones.offset("b.com") is None
    assert zones.sites() == {"a.com": timedelta(hours=-5)}


def test_crawl_zones_need_agreement() -> None:
    zones = CrawlZones()
    utc = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    for hours in (1, 2, 9):
        zones.observe("c.de", utc, (utc + timedelta(hours=hours)).replace(tzinfo=None))
    assert zones.offset("c.de") is None  # no offset is at least half of the pages
    zones.observe("c.de", utc, (utc + timedelta(hours=1)).replace(tzinfo=None))
    assert zones.offset("c.de") == timedelta(hours=1)


def test_offset_between() -> None:
    utc = datetime(2025, 3, 1, 12, 0, 41, tzinfo=UTC)
    assert offset_between(utc, datetime(2025, 3, 1, 17, 30)) == timedelta(hours=5.5)
    assert offset_between(utc, datetime(2025, 3, 1, 12, 13)) is None
    assert offset_between(utc, datetime(2025, 3, 3, 12, 0)) is None  # not a zone


def test_time_in_the_byline_box_outside_the_article_dates_it() -> None:
    html = (
        "<html lang='en'><head><title>Baths stay open</title></head><body>"
        "<div class='authortime-info'><div class='authorname-txt'>By Jane Doe</div>"
        "<div class='timeinfo-txt'><time datetime='2019-11-19T11:45:59.000Z'>1 day ago"
        "</time></div></div>"
        f"<div class='body'><h1>Baths stay open</h1>{BODY}</div>"
        "<div class='footer'><time datetime='2019-11-14T19:49:29Z'>Nov 14</time></div>"
        "</body></html>"
    )
    article = extract_article(html, "https://www.example.com/a/baths", now=NOW)
    assert article.published_at == datetime(2019, 11, 19, 11, 45, 59, tzinfo=UTC)


def test_of_several_dates_near_the_headline_the_url_s_day_is_the_publication() -> None:
    html = (
        "<html lang='en'><head><title>What the drugs are worth</title></head><body>"
        "<div><div><p>Claim</p><p>on Sunday, October 13th, 2019 in an article</p>"
        "<h1>What the drugs are worth</h1><p>By Ann Lee</p>"
        "<p>on Monday, November 18th, 2019 at 11:08 a.m.</p></div></div>"
        f"<div>{BODY}</div></body></html>"
    )
    url = "https://www.factcheck.example/statements/2019/nov/18/ann-lee/drugs/"
    article = extract_article(html, url, now=NOW)
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2019-11-18"
    # without a date in the URL, the first dateline stands
    article = extract_article(html, "https://www.factcheck.example/statements/drugs/", now=NOW)
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2019-10-13"


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://a.example/2019/nov/18/x/", "2019-11-18"),
        ("https://a.example/2019/11/19/x.html", "2019-11-19"),
        ("https://a.example/2019/13/40/x", None),
        ("https://a.example/news/2019/x", None),
    ],
)
def test_url_day(url: str, day: str | None) -> None:
    from cleaning.metadata.dates import url_day

    found = url_day(url)
    assert (found.isoformat() if found else None) == day


def test_the_offset_of_a_machine_timestamp_is_no_printed_time() -> None:
    # "+00:00" of an ISO timestamp read as the wall clock "00:00" gave UTC-10
    instant = datetime(2025, 1, 27, 10, 0, tzinfo=UTC)
    lines = ["2025-01-27T10:00:00+00:00", "Dydd Llun 27 Ionawr 2025"]
    assert printed_offset(lines, instant) is None
