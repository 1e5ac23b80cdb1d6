"""Bylines: outlets kept out of the people, names after printed dates, joined prefixes."""

from __future__ import annotations

import pytest

from cleaning import extract_article
from cleaning.metadata import choose_people, credits, dateline_date
from cleaning.metadata.people import names_host
from tests.unit.metadata_pages import BODY, NOW


@pytest.mark.parametrize(
    ("byline", "people"),
    [
        ("November 18, 2019 12:02 PM By David Jeans", ["David Jeans"]),
        ("Freitag | 14. Juni 2019 | 15:49 VON Sina Giebel", ["Sina Giebel"]),
        ("By J.R. Stone Thursday, November 9, 2023 7:35AM", ["J.R. Stone"]),
        ("Par Nicolas Gutierrez C. le 14.09.2020 à 11h46", ["Nicolas Gutierrez C."]),
        ("Juan Carlos Muñoz C. miércoles, 4 de mayo de 2022", ["Juan Carlos Muñoz C."]),
        ("NguSipho Ndlovu noThandiwe Mkhize", ["Sipho Ndlovu", "Thandiwe Mkhize"]),
        ("NguBongani Zulu", ["Bongani Zulu"]),
        ("Na Juma Bakari", ["Juma Bakari"]),
        ("Na Fatma Ali, Peter Mushi", ["Fatma Ali", "Peter Mushi"]),
        ("מאת נועה שפירא", ["נועה שפירא"]),
        ("گزارش: علی رضایی و مریم احمدی", ["علی رضایی", "مریم احمدی"]),
        ("رضا نوری، سارا حسینی", ["رضا نوری", "سارا حسینی"]),
        ("สมชาย ใจดี และ วิภาวรรณ ศรีสุข", ["สมชาย ใจดี", "วิภาวรรณ ศรีสุข"]),
        ("Steve Peoples, AP National Political Writer", ["Steve Peoples"]),
    ],
)
def test_people_of_a_byline(byline: str, people: list[str]) -> None:
    assert credits([byline], None).people == people


@pytest.mark.parametrize(
    "byline",
    [
        "Ilanga D",  # a cut-off name stays out
        "Na Mwandishi Wetu",  # "our correspondent"
        "Ngabe-SAnews",
        "Noah",  # one Latin word is not a printed name
    ],
)
def test_no_person_in_a_byline(byline: str) -> None:
    assert credits([byline], None).people == []


def test_agency_desk_before_a_role_is_an_organisation() -> None:
    found = credits(["Steve Peoples, Ap National Political Writer"], None)
    assert found.people == ["Steve Peoples"]
    assert found.organizations == ["AP"]


@pytest.mark.parametrize(
    ("name", "host", "outlet"),
    [
        ("LinkNaija", "www.linknaija.com", True),
        ("Hildesheimer Presse", "hildesheimer-presse.de", True),
        ("Deutsche Welle", "www.dw.com", True),
        ("Telegraph Sport", "www.telegraph.co.uk", True),
        ("Anna Schmidt", "www.dw.com", False),
        ("Maria Link", "www.linknaija.com", False),
        ("Sun Li", "www.sun.co.uk", False),  # the host's word must be long enough
    ],
)
def test_outlet_named_by_its_host(name: str, host: str, outlet: bool) -> None:
    assert names_host(name, host) is outlet


def test_a_desk_first_keeps_related_bylines_out() -> None:
    printed = [[], ["Lisa Kubota"], ["Ben Gutierrez"]]
    assert choose_people([], [], printed, credited_only=0) == []
    assert choose_people([], [], printed) == ["Lisa Kubota"]


def test_the_same_byline_again_with_more_people_wins() -> None:
    printed = [
        ["Lisa Mascaro", "Mary Clare Jalonick"],
        ["Lisa Mascaro", "Mary Clare Jalonick", "Eric Tucker"],
    ]
    assert choose_people([], [], printed) == printed[1]
    # a later byline with other people is another article's
    assert choose_people([], [], [["Ann Lee"], ["Bo Chen", "Cy Dee"]]) == ["Ann Lee"]


def test_site_name_is_never_an_author_on_a_page() -> None:
    html = (
        "<html lang='en'><head><title>Baths stay open</title></head><body><article>"
        "<h1>Baths stay open</h1><p class='byline'>LinkNaija</p><p>October 06, 2018</p>"
        f"{BODY}</article></body></html>"
    )
    article = extract_article(html, "https://www.linknaija.com/baths", now=NOW)
    assert article.authors == []
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2018-10-06"


@pytest.mark.parametrize(
    ("lines", "day"),
    [
        (
            ["8 de abril de 2025 - 00:50 | Por Lucía Romero, Javier Ortega y otros de la sección"],
            "2025-04-08",
        ),
        (["Managua, Nicaragua 26, Abril, 2022"], "2022-04-26"),
        (["20 Septemba 2025, 19:40"], "2025-09-20"),
        (["9 พฤศจิกายน 2025 21:00 น."], "2025-11-09"),
        (["14 دسامبر 2025 - 08:20"], "2025-12-14"),
        (
            ["By HNN Staff | November 18, 2019 at 2:26 PM HST - Updated November 19 at 4:46 PM"],
            "2019-11-18",
        ),
    ],
)  # fmt: skip
def test_dateline_days(lines: list[str], day: str) -> None:
    found = dateline_date(lines, now=NOW)
    assert found is not None and found.date().isoformat() == day


def test_only_an_update_is_no_dateline() -> None:
    assert dateline_date(["Updated November 19, 2019"], now=NOW) is None


@pytest.mark.parametrize(
    "byline",
    [
        "By European Space Agency",
        "Deutsches Weininstitut GmbH",
        "Sekretariat Partei Mensch Umwelt Tierschutz",
        "江南晨报",
    ],
)
def test_organisations_are_not_people(byline: str) -> None:
    found = credits([byline], None)
    assert found.people == []
    assert found.organizations


def _linked_page(byline: str, nav: str = "") -> str:
    return (
        "<html lang='de'><head><title>Duschkopf auf Reisen</title></head><body>"
        f"<nav>{nav}</nav><article><h1>Duschkopf auf Reisen</h1><ul><li>{byline}</li>"
        "<li>21.05.2019</li></ul>"
        + "".join(
            "<p>Der Stadtrat hat am Dienstag über das neue Hallenbad beraten und nach langer "
            "Debatte einen Beschluss gefasst, der viele Millionen Euro kosten soll.</p>"
            for _ in range(6)
        )
        + "</article></body></html>"
    )


def test_a_link_to_the_author_s_page_is_a_byline_when_nothing_else_names_one() -> None:
    html = _linked_page("<a href='/autor/kathrin-bierling/'>Kathrin Bierling</a>")
    article = extract_article(html, "https://www.modeblog.de/duschkopf", now=NOW)
    assert article.authors == ["Kathrin Bierling"]
    # a byline element wins over author links in the menu
    html = _linked_page(
        "<span class='byline'>Von Anna Berg</span>",
        nav="<a href='/author/hans-meier/'>Hans Meier</a>",
    )
    article = extract_article(html, "https://www.modeblog.de/duschkopf", now=NOW)
    assert article.authors == ["Anna Berg"]
    # a link to a tag or category page is no byline
    html = _linked_page("<a href='/thema/reisen/'>Kathrin Bierling</a>")
    assert extract_article(html, "https://www.modeblog.de/duschkopf", now=NOW).authors == []
