"""Signature lines at the ends of the text and the outlet's name as the meta author."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cleaning import extract_article
from cleaning.metadata import signature_people

NOW = datetime(2025, 12, 31, 12, 0, tzinfo=UTC)
SENTENCE = {
    "de": "Der Verband begrüßt die Entscheidung der Regierung ausdrücklich und fordert mehr.",
    "fr": "La fédération salue la décision du gouvernement et demande davantage de moyens.",
    "en": "The association welcomes the government's decision and asks for more funding.",
    "es": "La federación celebra la decisión del gobierno y pide más recursos para todos.",
}


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("Autor: Klausmartin Friedrich", ["Klausmartin Friedrich"]),
        ("Text von Christian Seiler Illustration von Markus Roost", ["Christian Seiler"]),
        ("Redaktion: Eberhard Fuhr (Pressesprecher des EJW)", ["Eberhard Fuhr"]),
        ("- Redaktion: Eberhard Fuhr", ["Eberhard Fuhr"]),
        ("Auteur : Kossivi Tiassou Edition : M-A. Pioerron", ["Kossivi Tiassou"]),
        ("Author: Julia Hitz (eg)", ["Julia Hitz"]),
        ("Texto: María Pérez y Juan López", ["María Pérez", "Juan López"]),
        ("Text: Konstantin von Notz", ["Konstantin von Notz"]),
        ("von Evan Tepest und Selma Kay Matter", ["Evan Tepest", "Selma Kay Matter"]),
    ],
)
def test_signature_lines(line: str, people: list[str]) -> None:
    assert signature_people([line], None) == people


@pytest.mark.parametrize(
    "line",
    [
        "Autor: Redaktion",  # a desk
        "Redaktion: dpa",  # an agency
        "Text: Foto",
        "Von Preisbremsen im Energiemarkt bis hin zur Verbandsklage",  # a sentence
        "Redaktion der Zeitung",  # no label and colon
        "Rédaction : Service politique",
        "Klausmartin Friedrich",  # a name without a label
        "Quelle: Statistisches Bundesamt, Wiesbaden 2021",
        "Autor: Jane Doe, John Roe, Max Muster, Erika Muster, Hans Meier, Eva Lang, Tom Berg",
    ],
)
def test_look_alikes_are_not_signatures(line: str) -> None:
    assert signature_people([line], None) == []


def _paragraph(lang: str, i: int) -> str:
    return f"<p>{' '.join([SENTENCE[lang]] * 3)} {i}</p>"


def _page(body: str, head: str = "") -> str:
    return f"<html><head><title>Eine Meldung</title>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("lang", "signature", "person"),
    [
        ("de", "Autor: Klausmartin Friedrich", "Klausmartin Friedrich"),
        ("fr", "Auteur : Kossivi Tiassou", "Kossivi Tiassou"),
        ("en", "Words: Jane Doe", "Jane Doe"),
        ("es", "Redacción: María Pérez", "María Pérez"),
    ],
)
def test_a_signature_at_the_end_of_the_text(lang: str, signature: str, person: str) -> None:
    paragraphs = "".join(_paragraph(lang, i) for i in range(8))
    html = _page(f"<article><h1>Eine Meldung</h1>{paragraphs}<p>{signature}</p></article>")
    article = extract_article(html, "https://verband.example/meldung", now=NOW)
    assert article.authors == [person]
    # the same line in the middle of the text signs nothing
    middle = "".join(
        _paragraph(lang, i) + (f"<p>{signature}</p>" if i == 4 else "") for i in range(8)
    )
    html = _page(f"<article><h1>Eine Meldung</h1>{middle}</article>")
    assert extract_article(html, "https://verband.example/meldung", now=NOW).authors == []


def test_the_outlets_name_as_meta_author_yields_to_the_printed_byline() -> None:
    paragraphs = "".join(_paragraph("en", i) for i in range(8))
    html = _page(
        f"""<article><h1>Eine Meldung</h1>{paragraphs}
        <p class="author">Author: Julia Hitz (eg)</p></article>""",
        '<meta name="author" content="Deutsche Welle">',
    )
    article = extract_article(html, "https://www.dw.com/en/story/a-1", now=NOW)
    assert article.authors == ["Julia Hitz"]
    assert "Deutsche Welle" not in article.authors


@pytest.mark.parametrize(
    ("bylines", "people", "organizations"),
    [
        (["半月谈记者 史卫燕"], ["史卫燕"], []),  # the outlet joined to the role
        (["新华社记者 张伟"], ["张伟"], ["Xinhua"]),  # an agency stays an organisation
        (["记者 王磊 通讯员 李强"], ["王磊", "李强"], []),  # two roles, two people
        (["责任编辑：孔德明"], [], []),  # the editor is not an author
        (["編輯：陳大文"], [], []),
        (["来源：半月谈网"], [], ["半月谈网"]),  # a source is an outlet
    ],
)
def test_chinese_reporters_editors_and_sources(
    bylines: list[str], people: list[str], organizations: list[str]
) -> None:
    from cleaning.metadata import credits

    found = credits(bylines, None)
    assert found.people == people
    assert found.organizations == organizations


def test_the_editor_named_in_meta_tags_yields_to_the_reporter() -> None:
    sentence = "益水之阳，是名益阳。这个洞庭湖区的重要城市。"
    text = "".join(f"<p>{sentence * 8}{i}</p>" for i in range(6))
    html = f"""<html><head><title>数字农业</title><meta name="author" content="孔德明"></head>
    <body><div><div><h1>数字农业</h1><p>2020-01-02 17:11</p><p>来源：半月谈网</p>
    <p>半月谈记者 史卫燕</p></div></div>
    <article>{text}</article><div class="author">责任编辑：孔德明</div></body></html>"""
    article = extract_article(html, "https://news.example.cn/a/1.html", now=NOW)
    assert article.authors == ["史卫燕"]
    # without the editor's credit on the page, the meta author stands
    plain = html.replace('<div class="author">责任编辑：孔德明</div>', "")
    assert extract_article(plain, "https://news.example.cn/a/1.html", now=NOW).authors == ["孔德明"]


@pytest.mark.parametrize(
    ("itemtype", "authors"),
    [
        ("https://schema.org/Person", ["Cornel van Bebber"]),
        ("http://schema.org/Person", ["Cornel van Bebber"]),
        ("https://schema.org/Organization", []),  # an organisation is no author
    ],
)
def test_schema_person_markup_without_author_itemprop(itemtype: str, authors: list[str]) -> None:
    paragraphs = "".join(_paragraph("de", i) for i in range(8))
    html = _page(
        f"""<article><h1>Eine Meldung</h1>{paragraphs}<p><a href="/ueber">
        <span itemscope itemtype="{itemtype}"><span itemprop="name">
        <span itemprop="givenname">Cornel</span> <span itemprop="familyname">van Bebber</span>
        </span></span></a></p></article>"""
    )
    assert extract_article(html, "https://verband.example/m", now=NOW).authors == authors
