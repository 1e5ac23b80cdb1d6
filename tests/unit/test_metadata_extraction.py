"""Metadata: JSON-LD first when sane, meta tags next, people only as authors, no future dates."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import lxml.html
import pytest

from cleaning import extract_article
from cleaning.metadata import (
    build_metadata,
    headline_date,
    in_local_time,
    is_person_name,
    parse_datetime,
    people,
    read_page_meta,
    split_names,
)

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)

BODY = "\n".join(
    f"<p>Paragraph {i}: the regional parliament debated the harbour budget for hours, and "
    f"members of every party asked for more money for schools, buses and the old docks.</p>"
    for i in range(6)
)


def page(head: str = "", *, jsonld: Any = None, lang: str = "en", byline: str = "") -> str:
    script = (
        f'<script type="application/ld+json">{json.dumps(jsonld)}</script>'
        if jsonld is not None
        else ""
    )
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>Harbour budget approved - Daily Planet</title>{head}{script}</head>"
        f"<body><article><h1>Harbour budget approved</h1>{byline}{BODY}</article></body></html>"
    )


URL = "https://news.example.com/politics/2024/05/harbour-budget/"


def test_jsonld_news_article_in_graph_wins() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Daily Planet"},
            {
                "@type": "NewsArticle",
                "headline": "Harbour budget approved",
                "datePublished": "2024-05-03T08:30:00+02:00",
                "dateModified": "2024-05-03T10:00:00+02:00",
                "author": [
                    {"@type": "Person", "name": "Jane Doe"},
                    {"@type": "Organization", "name": "Daily Planet"},
                ],
                "publisher": {"@type": "Organization", "name": "Daily Planet"},
                "keywords": "harbour, budget",
                "image": {"@type": "ImageObject", "url": "/img/harbour.jpg"},
                "inLanguage": "en-GB",
            },
        ],
    }
    head = '<meta property="article:published_time" content="2020-01-01T00:00:00Z">'
    article = extract_article(page(head, jsonld=graph), URL, now=NOW)
    assert article.title == "Harbour budget approved"
    assert article.authors == ["Jane Doe"]
    assert article.published_at == datetime(2024, 5, 3, 6, 30, tzinfo=UTC)
    assert article.published_at is not None and article.published_at.utcoffset() == timedelta(
        hours=2
    )
    assert article.modified_at == datetime(2024, 5, 3, 8, 0, tzinfo=UTC)
    assert article.site_name == "Daily Planet"
    assert article.tags == ["harbour", "budget"]
    assert article.image_url == "https://news.example.com/img/harbour.jpg"
    assert article.language == "en"


def test_meta_tags_when_no_jsonld() -> None:
    head = (
        '<meta property="og:title" content="Harbour budget approved | Daily Planet">'
        '<meta property="og:site_name" content="Daily Planet">'
        '<meta name="author" content="By John Smith and Ana Lopez">'
        '<meta property="article:published_time" content="2024-05-03T08:30:00Z">'
        '<meta property="article:tag" content="Harbour">'
        '<meta property="og:description" content="The budget passed.">'
        '<link rel="canonical" href="/politics/harbour-budget/">'
    )
    article = extract_article(page(head), URL + "?utm_source=x", now=NOW)
    assert article.title == "Harbour budget approved"
    assert article.authors == ["John Smith", "Ana Lopez"]
    assert article.published_at == datetime(2024, 5, 3, 8, 30, tzinfo=UTC)
    assert article.canonical_url == "https://news.example.com/politics/harbour-budget/"
    assert article.description == "The budget passed."
    assert article.tags == ["Harbour"]


@pytest.mark.parametrize(
    "author", ["Staff Reporter", "Daily Planet", "Reuters", "AFP", "Web Desk", "admin", "Redaktion"]
)
def test_organisations_and_roles_are_not_authors(author: str) -> None:
    head = f'<meta name="author" content="{author}">'
    head += '<meta property="og:site_name" content="Daily Planet">'
    assert extract_article(page(head), URL, now=NOW).authors == []


def test_byline_element_is_a_fallback() -> None:
    byline = '<p class="byline">By <a rel="author" href="/people/jane">Jane Doe</a></p>'
    article = extract_article(page(byline=byline), URL, now=NOW)
    assert article.authors == ["Jane Doe"]
    assert "By Jane Doe" not in article.text


def test_future_dates_are_rejected() -> None:
    head = '<meta property="article:published_time" content="2030-01-01T00:00:00Z">'
    article = extract_article(page(head), "https://news.example.com/x/harbour-budget/", now=NOW)
    assert article.published_at is None or article.published_at <= NOW


def test_modified_before_published_is_dropped() -> None:
    ld = {"@type": "Article", "datePublished": "2024-05-03", "dateModified": "2024-05-01"}
    article = extract_article(page(jsonld=ld), URL, now=NOW)
    assert article.published_at == datetime(2024, 5, 3, tzinfo=UTC)
    assert article.modified_at is None


def test_published_time_from_article_time_element() -> None:
    byline = '<p><time datetime="2024-05-03T09:00:00+00:00">3 May 2024</time></p>'
    article = extract_article(page(byline=byline), "https://news.example.com/x/harbour/", now=NOW)
    assert article.published_at == datetime(2024, 5, 3, 9, 0, tzinfo=UTC)


def test_language_declared_guessed_and_overruled() -> None:
    german = "".join(
        f"<p>Absatz {i}: Der Landtag hat am Dienstag den Haushalt für den Hafen beschlossen, "
        "und die Abgeordneten aller Parteien haben mehr Geld für die Schulen gefordert.</p>"
        for i in range(6)
    )
    html = f'<html lang="de-DE"><body><article>{german}</article></body></html>'
    assert extract_article(html, URL, now=NOW).language == "de"
    assert extract_article(html.replace(' lang="de-DE"', ""), URL, now=NOW).language == "de"
    # an English theme's lang="en" does not make German text English
    assert extract_article(html.replace("de-DE", "en"), URL, now=NOW).language == "de"
    assert extract_article(page(lang="en-GB"), URL, now=NOW).language == "en"
    # English text declared Finnish is English; Danish declared Norwegian stays Norwegian
    assert extract_article(page(lang="fi"), URL, now=NOW).language == "en"
    danish = "".join(
        f"<p>Afsnit {i}: Folketinget vedtog tirsdag budgettet for havnen, og medlemmer af "
        "alle partier krævede flere penge til skolerne og busserne i byen.</p>"
        for i in range(6)
    )
    html = f'<html lang="nb-NO"><body><article>{danish}</article></body></html>'
    assert extract_article(html, URL, now=NOW).language == "nb"


def test_parse_datetime_forms() -> None:
    assert parse_datetime("2024-05-03T08:30:00Z", now=NOW) == datetime(
        2024, 5, 3, 8, 30, tzinfo=UTC
    )
    assert parse_datetime("2024-05-03 08:30:00+0200", now=NOW) == datetime(
        2024, 5, 3, 6, 30, tzinfo=UTC
    )
    assert parse_datetime("2024-05-03", now=NOW) == datetime(2024, 5, 3, tzinfo=UTC)
    assert parse_datetime("not a date", now=NOW) is None
    assert parse_datetime("1970-01-01", now=NOW) is None
    assert parse_datetime("2026-01-01", now=NOW) is None


def test_names() -> None:
    assert split_names("By Jane Doe, John Smith and Ana Lopez") == [
        "Jane Doe",
        "John Smith",
        "Ana Lopez",
    ]
    assert is_person_name("Jean-Luc Picard")
    assert is_person_name("Ursula von der Leyen")
    assert not is_person_name("Staff Reporter")
    assert not is_person_name("https://example.com/jane")
    assert not is_person_name("Madonna")
    assert people(["JANE DOE", "Jane Doe"], None) == ["Jane Doe"]


LANGUAGE_SAMPLES = {
    "en": "The mayor said that the budget for the harbour was approved by the council "
    "and is now in force for this year and the next.",
    "de": "Der Bürgermeister sagte, dass der Haushalt für den Hafen vom Rat beschlossen "
    "wurde und nun auch für die Schulen gilt, die nicht mehr warten wollen.",
    "fr": "Le maire a dit que le budget pour le port est adopté par le conseil et que les "
    "écoles sont dans une situation qui ne peut pas durer avec les coupes.",
    "es": "El alcalde dijo que el presupuesto para el puerto fue aprobado por el consejo y "
    "que las escuelas de la ciudad lo esperan con más fondos para los niños.",
    "it": "Il sindaco ha detto che il bilancio per il porto è stato approvato dal consiglio "
    "e che le scuole della città non sono più in attesa con gli studenti e anche.",
    "nl": "De burgemeester zei dat het budget voor de haven door de raad is goedgekeurd en "
    "dat de scholen van de stad niet meer hoeven te wachten op het geld.",
}


@pytest.mark.parametrize("code", sorted(LANGUAGE_SAMPLES))
def test_guess_language(code: str) -> None:
    from cleaning.language import guess_language

    text = LANGUAGE_SAMPLES[code]
    assert guess_language(f"{text}\n{text}") == code


def test_guess_language_needs_enough_text() -> None:
    from cleaning.language import guess_language

    assert guess_language("The harbour.") is None


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        (
            "By Mike Wuerthele and Malcolm Owen Monday, November 18, 2019",
            ["Mike Wuerthele", "Malcolm Owen"],
        ),
        ("by Roger Gonzalez @rgonzalezcbs Nov 19, 2019 at 6:46 pm ET", ["Roger Gonzalez"]),
        ("Roger Gonzalez CBS Sports Writer", ["Roger Gonzalez"]),
        ("Tom Gillespie News reporter", ["Tom Gillespie"]),
        ("by Finian Cunningham. Sputnik International", ["Finian Cunningham"]),
        ("Veröffentlicht von Chris Jung", ["Chris Jung"]),
        ("Текст: Лида Буслаева", ["Лида Буслаева"]),
        ("Author: Julia Hitz (eg)", ["Julia Hitz"]),
        ("By Trevor J. Mitchell", ["Trevor J. Mitchell"]),
        ("Ursula von der Leyen", ["Ursula von der Leyen"]),
        ("Jean DUPONT", ["Jean DUPONT"]),
    ],
)
def test_bylines_give_the_names_only(byline: str, names: list[str]) -> None:
    assert people([byline], None) == names


@pytest.mark.parametrize(
    "name", ["CNN Business", "The Water Coolest", "Telegraph Sport", "Business Insider"]
)
def test_outlets_are_not_people(name: str) -> None:
    assert not is_person_name(name)


def test_jsonld_author_given_by_reference_is_resolved() -> None:
    html = """<html><head><script type="application/ld+json">{"@context": "https://schema.org",
    "@graph": [{"@type": "NewsArticle", "headline": "Ferry timetable changes",
    "author": {"@id": "https://example.org/#/schema/person/1"}},
    {"@type": "Person", "@id": "https://example.org/#/schema/person/1", "name": "Anna Berg"}]}
    </script></head><body><article><h1>Ferry timetable changes</h1>
    <p>The harbour authority announced on Monday that the ferry timetable will change.</p>
    <p>Morning crossings will start half an hour earlier to serve commuters and students.</p>
    </article></body></html>"""
    tree = lxml.html.fromstring(html)
    meta = build_metadata(tree, read_page_meta(tree), "https://example.org/a", now=NOW)
    assert meta.authors == ["Anna Berg"]


@pytest.mark.parametrize(
    ("stamps", "expected"),
    [
        # the same moment in local time (seconds dropped) gives the offset
        (["2019-11-19 21:57:00 -0800"], "2019-11-19T21:57:50-08:00"),
        # a naive local wall-clock time of the same moment
        (["2019-11-19 21:57:50"], "2019-11-19T21:57:50-08:00"),
        # another moment (an update) says nothing about the offset
        (["2019-11-20 09:12:00"], "2019-11-20T05:57:50+00:00"),
    ],
)
def test_utc_time_is_shown_in_the_publishers_offset(stamps: list[str], expected: str) -> None:
    instant = datetime(2019, 11, 20, 5, 57, 50, tzinfo=UTC)
    assert in_local_time(instant, stamps).isoformat() == expected


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        (
            "By LISA MASCARO, MARY CLARE JALONICK and ERIC TUCKER",
            ["Lisa Mascaro", "Mary Clare Jalonick", "Eric Tucker"],
        ),
        ("By JERUSALEM POST STAFF", []),
        ("05/10/2018 - Publicado por: Clarissa Borba", ["Clarissa Borba"]),
        ("By Louis Jacobson on Monday, November 18th, 2019", ["Louis Jacobson"]),
    ],
)
def test_more_bylines(byline: str, names: list[str]) -> None:
    assert people([byline], None) == names


def test_a_name_extended_by_a_widget_label_is_not_a_second_person() -> None:
    assert people(["Anna Menin", "Anna Menin Share"], None) == ["Anna Menin"]


def test_dateline_gives_the_day_when_the_markup_has_none() -> None:
    html = page(byline="<p>Hamburg, 2. November 2021</p>")
    article = extract_article(html, "https://example.org/presse/feuer", now=NOW)
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2021-11-02"


def test_date_next_to_the_headline_when_the_markup_has_none() -> None:
    html = (
        "<html><head><title>Neue Löschtechnik</title></head><body><div class='header'>"
        "<div class='meta'><span>Pressemitteilung vom 20.01.2022</span></div>"
        "<div><h1>Neue Löschtechnik ausgezeichnet</h1></div></div>"
        f"<article>{BODY}</article><aside><p>Archiv: 03.03.2015</p></aside></body></html>"
    )
    tree = lxml.html.fromstring(html)
    found = headline_date(tree, now=NOW)
    assert found is not None and found.date().isoformat() == "2022-01-20"


def test_no_headline_no_headline_date() -> None:
    tree = lxml.html.fromstring(f"<html><body>{BODY}<p>20.01.2022</p></body></html>")
    assert headline_date(tree, now=NOW) is None


def test_language_detector_spared_on_text_too_short_to_overrule(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import cleaning.language as language

    if language._identifier() is None:
        pytest.skip("py3langid is not installed")
    calls: list[str] = []
    detect = language.detect_language

    def counting(text: str) -> Any:
        calls.append(text)
        return detect(text)

    monkeypatch.setattr(language, "detect_language", counting)
    short = "Umongameli uthe uhulumeni uzoqhubeka nokwakha izindlu ezintsha."
    assert language.decide_language("en", short) == "en"
    assert calls == []
    # long enough (and no English stop words): the detector reads it and overrules
    long = " ".join([short] * 5)
    assert language.decide_language("en", long) == "zu"
    assert calls == [long]
