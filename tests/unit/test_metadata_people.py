"""Bylines in every script: people and organisations apart, widget words and sites refused."""

from __future__ import annotations

import pytest

from cleaning.metadata import credits, is_person_name, organization_name, split_names


@pytest.mark.parametrize(
    ("byline", "people"),
    [
        ("홍길동 기자", ["홍길동"]),
        ("이지은·박준호 기자", ["이지은", "박준호"]),
        ("김철수 기자 외 1명", ["김철수"]),
        ("中村健一記者", ["中村健一"]),
        ("佐藤美咲、田中翔太記者", ["佐藤美咲", "田中翔太"]),
        ("记者 赵磊、孙悦", ["赵磊", "孙悦"]),
        ("Von Katrin Hollmann und Jens Ebert", ["Katrin Hollmann", "Jens Ebert"]),
        ("Par Claire Mercier et Antoine Roux", ["Claire Mercier", "Antoine Roux"]),
        ("Por Fernanda Lima e Rodrigo Alves", ["Fernanda Lima", "Rodrigo Alves"]),
        ("Anna Nowak i Piotr Wiśniewski", ["Anna Nowak", "Piotr Wiśniewski"]),
        ("Автор: Иван Петров", ["Иван Петров"]),
        ("كتب: عمر خالد", ["عمر خالد"]),
        ("Yazan: Ayşe Yılmaz", ["Ayşe Yılmaz"]),
        ("By Priya Nair, Health Correspondent", ["Priya Nair"]),
        ("Door Tim Bakker", ["Tim Bakker"]),
        ("María de la Fuente y José García", ["María de la Fuente", "José García"]),
        ("Frenkie de Jong", ["Frenkie de Jong"]),
        # a one-word label the tables do not know, before the names
        ("Egilea: Miren Etxeberria · Europa Press", ["Miren Etxeberria"]),
        ("Awdur: Elin Jones", ["Elin Jones"]),
        ("Foto: Jane Doe", []),  # a photo credit names no author
    ],
)
def test_bylines_in_several_scripts(byline: str, people: list[str]) -> None:
    assert credits([byline], None).people == people


@pytest.mark.parametrize(
    ("byline", "people", "organizations"),
    [
        ("Von Sabine Krüger, dpa", ["Sabine Krüger"], ["dpa"]),
        ("By Tom Krisher, AP Auto Writer", ["Tom Krisher"], ["AP"]),
        ("Associated Press", [], ["AP"]),
        ("The Associated Press", [], ["AP"]),
        ("REUTERS", [], ["Reuters"]),
        ("ТАСС", [], ["TASS"]),
        ("연합뉴스", [], ["Yonhap"]),
        ("共同通信", [], ["Kyodo"]),
        ("पीटीआई", [], ["PTI"]),
        ("新华社记者 张伟", ["张伟"], ["Xinhua"]),
    ],
)
def test_agencies_are_organisations_with_one_spelling(
    byline: str, people: list[str], organizations: list[str]
) -> None:
    found = credits([byline], None)
    assert (found.people, found.organizations) == (people, organizations)


def test_a_desk_credits_the_site_itself() -> None:
    for desk in ("Redaktion", "La rédaction", "Redakcja", "Toimitus", "편집국"):
        assert organization_name(desk, "Der Anzeiger") == "Der Anzeiger", desk
        assert credits([desk], "Der Anzeiger").people == []
    assert organization_name("Redaktion", None) == "Redaktion"
    # the site's own name as the byline
    assert credits(["Fjordabladet"], "Fjordabladet").organizations == ["Fjordabladet"]


@pytest.mark.parametrize(
    "name",
    [
        "Twitter Facebook",
        "Share Tweet",
        "WhatsApp Telegram",
        "Ilanga D",
        "Monday November",
        "Staff Writer",
        "BBC News",
        "Der Spiegel",
        "News Example",
        # institutions credited in capitals, split at their "and"
        "U.S. Customs",
        "Border Protection",
        "Polizei Berlin",
        "Ministerio de Salud",
    ],
)
def test_widget_words_sites_and_fragments_are_no_person(name: str) -> None:
    assert not is_person_name(name, "News Example")
    assert credits([name], "News Example").people == []


def test_run_together_names_are_split_by_the_printed_byline() -> None:
    from cleaning.metadata import choose_people

    printed = [["Birgit Baumann", "Anna Giulia Fink"]]
    assert choose_people(["Birgit Baumann Anna Giulia Fink"], [], printed) == printed[0]
    # a byline with more people, all of the JSON-LD's among them, wins too
    assert choose_people(["Birgit Baumann"], [], printed) == printed[0]
    # an unrelated byline elsewhere on the page (a related article's) does not
    assert choose_people(["Jane Doe"], [], [["John Roe", "Mary Major"]]) == ["Jane Doe"]


def test_and_n_others_forms_are_dropped() -> None:
    assert split_names("Jane Doe and 2 others") == ["Jane Doe"]
    assert split_names("홍길동 기자 외 2명") == ["홍길동"]


def test_bylines_in_a_dateline_line_without_byline_markup() -> None:
    from datetime import UTC, datetime

    from cleaning.metadata import prefixed_bylines

    now = datetime(2026, 1, 1, tzinfo=UTC)
    pieces = [
        "Urheilu",
        "KalPa kaatoi Kärpät jatkoajalla",
        "15.11.2025 20:45 | Jussi Heikkinen",
        "2 december 2025 kl. 14.20 | Av Anders Ek, Maria Sundberg",
        "Käännä uutinen kielelle:",
    ]
    found = prefixed_bylines(pieces, now=now)
    assert found == ["Jussi Heikkinen", "Av Anders Ek, Maria Sundberg"]
    assert credits(found, None).people == ["Jussi Heikkinen", "Anders Ek", "Maria Sundberg"]


def test_a_month_ends_a_name_only_beside_a_number() -> None:
    assert credits(["Nguyễn Văn Hùng - Trần Thị Mai"], None).people == [
        "Nguyễn Văn Hùng",
        "Trần Thị Mai",
    ]
    assert credits(["By Jane Doe May 12, 2024"], None).people == ["Jane Doe"]


def test_an_organisation_typed_in_json_ld_and_printed_in_the_byline_is_credited() -> None:
    from cleaning import extract_article
    from tests.unit.metadata_pages import BODY, NOW

    ld = (
        '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Sabbin rijiyoyi",'
        ' "author": [{"@type": "Person", "name": "Aminu Bello"},'
        ' {"@type": "Organization", "name": "NAN"}, {"@type": "Organization", "name": "Desk"}]}'
    )
    html = (
        f'<html><head><title>Sabbin rijiyoyi</title><script type="application/ld+json">{ld}'
        "</script></head><body><article><h1>Sabbin rijiyoyi</h1>"
        f'<p class="byline">Daga Aminu Bello (NAN)</p>{BODY}</article></body></html>'
    )
    article = extract_article(html, "https://example.org/labarai/rijiyoyi", now=NOW)
    assert article.authors == ["Aminu Bello"]
    # the byline prints NAN, not the other organisation of the JSON-LD
    assert article.organizations == ["NAN"]
