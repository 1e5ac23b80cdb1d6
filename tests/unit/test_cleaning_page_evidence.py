"""Signals that need no phrase of the page's language, met on templates the phrase
tables never saw: a sign-up box around a text field, a linked headline after a list
number, the label over removed teaser links, a labelled tag line, a count linking to a
part of the page, a table row of menu entries with a date or a label. Each with a
look-alike that stays."""

from __future__ import annotations

import lxml.html
import pytest

from cleaning.clean import CleanContext, clean_lines
from cleaning.lines import LazyAnchors, Line
from cleaning.parsing import parse_html
from cleaning.rules import evidence
from cleaning.rules import names as N
from cleaning.structure import widgets

PAGE = "https://www.vjesnik.example/vijesti/2025/03/14/osijek-tramvaj"
HTML = """<html><body>
<table><tr><td><a href="/">Naslovnica</a> <a href="/vijesti/">Vijesti</a>
<a href="/sport/">Sport</a></td></tr></table>
<p><a href="/vijesti/2025/03/12/nocna-linija">Gradski prijevoz uvodi noćnu liniju</a></p>
<p><a href="/vijesti/2025/03/11/most">Na Dravi obnovljen pješački most</a></p>
<p><a href="/vijesti/2025/03/10/parking">Cijene parkiranja u centru rastu</a></p>
<p><a href="#komentari">Komentari (8)</a> <a href="/komentari/">Forum (12)</a>
<a href="javascript:print()">Ispis</a> <a href="#">Facebook</a> <a href="#">Kopiraj link</a></p>
</body></html>"""
LONG = (
    "Grad Osijek potpisao je u ponedjeljak ugovor o nabavi šest novih niskopodnih tramvaja, "
    "vrijednih ukupno 24 milijuna eura, od kojih će većinu platiti europski fondovi."
)


def _ctx(**extra: object) -> CleanContext:
    return CleanContext(
        titles=("Osijek dobiva nove tramvaje",),
        anchors=LazyAnchors(lxml.html.fromstring(HTML)),
        page_urls=frozenset({PAGE}),
        **extra,  # type: ignore[arg-type]
    )


# --- a linked headline after a list number or a bullet ------------------------------------
@pytest.mark.parametrize(
    "text", ["1. Gradski prijevoz uvodi noćnu liniju", "▶ Na Dravi obnovljen pješački most"]
)
def test_linked_headline_after_a_list_marker(text: str) -> None:
    assert evidence.is_linked_teaser(Line(text), _ctx())


@pytest.mark.parametrize(
    "text",
    [
        "1. Prvi tramvaj stiže u rujnu, a ostali do kraja godine",  # no link text
        "„Gradski prijevoz uvodi noćnu liniju” bio je naslov koji je izazvao komentare",
    ],
)
def test_numbered_line_that_is_no_link_stays(text: str) -> None:
    assert not evidence.is_linked_teaser(Line(text), _ctx())


# --- the label over removed teaser links ----------------------------------------------------
def _kept(texts: list[str], **extra: object) -> list[str]:
    kept, _ = clean_lines([Line(t) for t in texts], _ctx(**extra))
    return kept


def test_label_over_teaser_links_goes() -> None:
    kept = _kept(
        [
            LONG,
            "Lestu einnig:",
            "Gradski prijevoz uvodi noćnu liniju",
            LONG + " Drugi odlomak.",
            "Najčitanije",
            "1. Na Dravi obnovljen pješački most",
            "2. Cijene parkiranja u centru rastu",
        ]
    )
    assert kept == [LONG, LONG + " Drugi odlomak."]


def test_subheading_over_the_story_stays() -> None:
    # a subheading over a paragraph, and a subheading over one linked headline (no
    # colon: one link may be the story's own reference)
    texts = [
        LONG,
        "Reakcije",
        LONG + " Udruga putnika.",
        "Izvori",
        "Na Dravi obnovljen pješački most",
    ]
    kept = _kept(texts)
    assert "Reakcije" in kept
    assert "Izvori" in kept


# --- a labelled line of the page's own tags ----------------------------------------------------
TAGS = frozenset({"osijek", "tramvaj", "gradski prijevoz"})


@pytest.mark.parametrize("text", ["Oznake: Osijek, tramvaj", "Teme: #Osijek #tramvaj"])
def test_labelled_tag_line(text: str) -> None:
    _, removed = clean_lines([Line(LONG), Line(text)], _ctx(tags=TAGS))
    assert [(r.text, r.rule) for r in removed] == [(text, N.RULE_TAG_LIST)]


@pytest.mark.parametrize(
    "text",
    [
        "Napomena: Osijek, tramvaj i još mnogo toga",  # other words among the tags
        "Tema: Osijek",  # one item: a label and a word
        "U Osijeku kažu: Osijek, tramvaj",  # a clause before the colon
    ],
)
def test_sentence_naming_tags_after_a_colon_stays(text: str) -> None:
    kept, _ = clean_lines([Line(LONG), Line(text)], _ctx(tags=TAGS))
    assert text in kept


# --- a count that links to a part of the page --------------------------------------------------
def test_count_linking_to_the_page_is_a_widget() -> None:
    assert evidence.is_fragment_count(Line("Komentari (8)"), _ctx())


@pytest.mark.parametrize("text", ["Forum (12)", "Komentari", "Rezultat 2:1 (8)"])
def test_count_linking_elsewhere_or_no_count_stays(text: str) -> None:
    assert not evidence.is_fragment_count(Line(text), _ctx())


# --- a table row of menu entries with a date or a label ----------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "| Vijesti | 14.03.2025 10:30 |",
        "| Ispis | Podijeli: |  | Facebook | Kopiraj link |",
    ],
)
def test_menu_row_with_a_date_or_a_label(text: str) -> None:
    assert evidence.is_menu_line(Line(text, "table"), _ctx())


@pytest.mark.parametrize(
    "text",
    [
        "| Vijesti | 14.03.2025 | 1213 |",  # a table of data
        "| Ispis | Napomena: | Podijeli: | Facebook |",  # two labels: a form's grid
        "| Osijek | 14.03.2025 10:30 |",  # a place that is no link of the page
    ],
)
def test_data_rows_are_no_menu(text: str) -> None:
    assert not evidence.is_menu_line(Line(text, "table"), _ctx())


# --- Cyrillic platform names (ru/uk tables) ---------------------------------------------------
def test_cyrillic_follow_appeal() -> None:
    assert evidence.is_platform_appeal(Line("Пратите нас на Фејсбуку, Инстаграму и Телеграму"))


def test_sentence_about_cyrillic_platforms_stays() -> None:
    line = Line(
        "Полиција каже да се лажне поруке шире на Инстаграму и Телеграму међу пензионерима."
    )
    assert not evidence.is_platform_appeal(line)


# --- a sign-up box around a text field (`cleaning.structure`) ----------------------------------
def _widget_texts(body: str) -> list[str]:
    page = f"<html><head><title>t</title></head><body><div>{body}</div></body></html>"
    tree = parse_html(page)[1]
    assert tree is not None
    return [" ".join(w.element.xpath("string()").split()) for w in widgets(tree)]


P = f"<p>{LONG}</p>"


@pytest.mark.parametrize(
    "box",
    [
        '<div><p>Skráðu þig á póstlistann</p><div><input placeholder="netfang">'
        "<button>Skrá</button></div></div>",
        '<np-newsletter><p>Prijavite se na e-novice</p><input type="email"></np-newsletter>',
    ],
)
def test_sign_up_box_around_a_text_field(box: str) -> None:
    found = _widget_texts(P + box + P)
    assert len(found) == 1
    assert found[0].startswith(("Skráðu þig á póstlistann", "Prijavite se na e-novice"))


def test_field_among_the_paragraphs_takes_none_along() -> None:
    # a field right in the story's block: the wrapper holds the story, so only the
    # field itself is a widget, and a check box is no sign-up field
    found = _widget_texts(P + '<input type="email">' + P + '<p><input type="checkbox"> Da</p>')
    assert all(LONG not in text for text in found)


# --- the section the page declares, and the header between two copies of the headline ------
TITLE = "Kauno oro uostas atidarys naują keleivių terminalą 2027 metais"


def test_declared_section_atop_the_story_goes() -> None:
    ctx = CleanContext(titles=(TITLE,), sections=frozenset({"miestas"}))
    kept, removed = clean_lines([Line("Miestas"), Line(LONG)], ctx)
    assert kept == [LONG]
    assert [(r.text, r.rule) for r in removed] == [("Miestas", N.RULE_SECTION)]


def test_declared_section_word_later_or_in_a_sentence_stays() -> None:
    ctx = CleanContext(titles=(TITLE,), sections=frozenset({"miestas"}))
    lines = [Line("Miestas auga."), Line(LONG), Line("Miestas", kind="head"), Line(LONG + " Du.")]
    kept, _ = clean_lines(lines, ctx)
    assert kept == [line.text for line in lines]


def test_short_lines_between_two_copies_of_the_headline_go() -> None:
    ctx = CleanContext(titles=(TITLE,))
    lines = [Line(TITLE, kind="head"), Line("312"), Line("Miestas"), Line(TITLE), Line(LONG)]
    kept, removed = clean_lines(lines, ctx)
    assert kept == [LONG]
    assert {r.text: r.rule for r in removed}["312"] == N.RULE_SECTION


def test_standfirst_between_two_copies_of_the_headline_stays() -> None:
    ctx = CleanContext(titles=(TITLE,))
    dek = "Terminalas kainuos 38 milijonus eurų ir aptarnaus du milijonus keleivių per metus."
    kept, _ = clean_lines([Line(TITLE, kind="head"), Line(dek), Line(TITLE), Line(LONG)], ctx)
    assert kept == [dek, LONG]


# --- an ad label and its note in <font> (an old table portal) ----------------------------
def test_ad_label_and_note_in_font_tags() -> None:
    box = (
        '<center><font size="1">Reklāma</font><br><a href="/adclick.php?bid=12">'
        '<img src="/b.gif"></a><br><font size="1">Raksts turpinās pēc reklāmas</font></center>'
    )
    assert sorted(_widget_texts(P + box + P)) == ["Raksts turpinās pēc reklāmas", "Reklāma"]


def test_paragraph_about_advertising_in_font_tags_stays() -> None:
    box = (
        "<p><font>Reklāma</font></p>"
        "<p><font>Reklāmas stendi tiks novākti no vēsturiskajām ēkām līdz rudenim.</font></p>"
    )
    assert _widget_texts(P + box + P) == []
