"""Dates: datelines in many languages, UTC markup against the local day, no future, order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from cleaning import extract_article
from cleaning.metadata import publisher_offset, reconcile_dates, text_date

NOW = datetime(2025, 12, 31, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Publié le 19 mars 2025 à 06h30", "2025-03-19"),
        ("12. März 2025, 00:40 Uhr", "2025-03-12"),
        ("25 июля 2025, 13:30", "2025-07-25"),
        ("24 липня 2025, 14:00", "2025-07-24"),
        ("31 października 2025, 10:00", "2025-10-31"),
        ("2025. október 11. 20:10", "2025-10-11"),
        ("2025年2月14日 05:30", "2025-02-14"),
        ("2025년 8월 14일 입력", "2025-08-14"),
        ("2025.07.10 10:20", "2025-07-10"),
        ("2.3.2025 06:30", "2025-03-02"),
        ("16 مايو 2025 - 22:50", "2025-05-16"),
        ("15 अप्रैल 2025, 16:20 IST", "2025-04-15"),
        ("November 19, 2019 9:02 AM", "2019-11-19"),
        ("19 de novembro de 2019", "2019-11-19"),
    ],
)
def test_datelines_in_many_languages(line: str, day: str) -> None:
    found = text_date(line, now=NOW)
    assert found is not None and found.date().isoformat() == day


def test_no_dateline_in_the_future_or_without_a_year() -> None:
    assert text_date("3 January 2026", now=NOW) is None
    assert text_date("19 mars à 06h30", now=NOW) is None


def test_utc_markup_shown_on_the_visible_local_day() -> None:
    utc = datetime(2025, 2, 13, 20, 30, tzinfo=UTC)  # 05:30 on the 14th in Tokyo
    published, _ = reconcile_dates(
        utc,
        None,
        visible_day=datetime(2025, 2, 14, tzinfo=UTC),
        zone_known=False,
        fallback_offset=None,
        now=NOW,
    )
    assert published is not None
    assert published.date().isoformat() == "2025-02-14"
    assert published == utc  # the same instant, in another offset
    # no visible day: the publisher's usual offset (from the TLD) decides
    published, _ = reconcile_dates(
        utc,
        None,
        visible_day=None,
        zone_known=False,
        fallback_offset=publisher_offset("www.hokuriku.jp", "ja"),
        now=NOW,
    )
    assert published is not None and published.utcoffset() == timedelta(hours=9)
    assert publisher_offset("example.com", None) is None
    assert publisher_offset("example.com", "ko") == timedelta(hours=9)


def test_modified_never_before_published_and_never_in_the_future() -> None:
    published = datetime(2025, 5, 2, 10, 0, tzinfo=timezone(timedelta(hours=2)))
    _, modified = reconcile_dates(
        published,
        published - timedelta(hours=3),
        visible_day=None,
        zone_known=True,
        fallback_offset=None,
        now=NOW,
    )
    assert modified is None
    later, modified = reconcile_dates(
        NOW + timedelta(days=2),
        NOW + timedelta(days=3),
        visible_day=None,
        zone_known=True,
        fallback_offset=None,
        now=NOW,
    )
    assert later is None and modified is None


BODY = "".join(
    f"<p>Absatz {i}: Der Landtag hat am Dienstag den Haushalt für den Hafen beschlossen, "
    "und die Abgeordneten aller Parteien haben mehr Geld für die Schulen gefordert.</p>"
    for i in range(6)
)


def test_utc_time_in_markup_and_local_dateline_day_on_a_page() -> None:
    html = (
        '<html lang="de"><head><title>Rheinbrücke: Sanierung verzögert</title>'
        '<meta property="article:published_time" content="2025-03-11T23:40:00Z">'
        '<meta property="article:modified_time" content="2025-03-11T20:00:00Z">'
        "</head><body><article><header><h1>Rheinbrücke: Sanierung verzögert</h1>"
        '<p class="byline">Von Katrin Hollmann und Jens Ebert</p>'
        "<p>12. März 2025, 00:40 Uhr</p></header>"
        f"{BODY}</article></body></html>"
    )
    article = extract_article(html, "https://www.rhein-kurier.de/a/", now=NOW)
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2025-03-12"
    assert article.published_at == datetime(2025, 3, 11, 23, 40, tzinfo=UTC)
    assert article.modified_at is None  # before the publication: dropped
    assert article.authors == ["Katrin Hollmann", "Jens Ebert"]


def test_dateline_under_the_headline_of_several_h1() -> None:
    import lxml.html

    from cleaning.metadata.dates import find_headline, headline_date

    # a government template: the logo and the section are <h1> before the headline
    html = """<html><head><title>Zoll online - Fachmeldungen - Neues Gesetz zur
    Tabaksteuer verkündet</title></head><body>
    <header><div><h1>Zoll</h1></div><p>Hauptmenü 2021</p></header>
    <nav><div><h1>Fachmeldungen</h1></div><p>Suche</p></nav>
    <main><div class="content"><div><h1>Neues Gesetz zur Tabaksteuer verkündet</h1></div>
    <p>Datum: 18.10.2021</p></div><p>Das Gesetz tritt in Kraft.</p></main>
    </body></html>"""
    tree = lxml.html.fromstring(html)
    headline = find_headline(tree)
    assert headline is not None and headline.text == "Neues Gesetz zur Tabaksteuer verkündet"
    assert headline_date(tree, now=datetime(2026, 1, 1, tzinfo=UTC)) == datetime(
        2021, 10, 18, tzinfo=UTC
    )
    # one <h1> is the headline whatever the title says; none that the title repeats: the first
    one = html.replace("<h1>Zoll</h1>", "Zoll").replace("<h1>Fachmeldungen</h1>", "Fach")
    assert find_headline(lxml.html.fromstring(one)).text.startswith("Neues")  # type: ignore[union-attr]
    other = html.replace("Tabaksteuer verkündet</title>", "</title>")
    assert find_headline(lxml.html.fromstring(other)).text == "Zoll"  # type: ignore[union-attr]
