"""Language-agnostic rules (`cleaning.rules.evidence`): positives and look-alikes."""

from __future__ import annotations

import lxml.html
import pytest

from cleaning.lines import LazyAnchors, Line
from cleaning.rules import evidence
from cleaning.rules.context import CleanContext

PAGE = "https://www.vjesnik.example/vijesti/2025/03/14/osijek-tramvaj"
HTML = """<html><body>
<ul><li><a href="/">Naslovnica portala Vjesnik</a></li><li><a href="/sport/">Sport</a></li></ul>
<p><a href="/?p=48211">Na Dravi obnovljen pješački most</a></p>
<p><a href="/vijesti/2025/03/12/nocna-linija-do-bilja">Gradski prijevoz uvodi noćnu liniju</a></p>
<p><a href="/vijesti/2025/03/14/osijek-tramvaj/">Osijek dobiva nove tramvaje danas</a></p>
<p><a href="https://drugi.example/a/b-c-d">Vijest s drugog portala ovdje</a></p>
</body></html>"""


def _ctx() -> CleanContext:
    return CleanContext(
        titles=("Osijek dobiva nove tramvaje danas",),
        anchors=LazyAnchors(lxml.html.fromstring(HTML)),
        page_urls=frozenset({PAGE}),
    )


@pytest.mark.parametrize(
    "text",
    [
        "Gradski prijevoz uvodi noćnu liniju",
        "Pročitajte i: Gradski prijevoz uvodi noćnu liniju",
        "ВИЖТЕ ОЩЕ | Gradski prijevoz uvodi noćnu liniju",
        "Lexo edhe - Gradski prijevoz uvodi noćnu liniju",
        "Loe ka Gradski prijevoz uvodi noćnu liniju",
        "អានបន្ថែម៖ Gradski prijevoz uvodi noćnu liniju",  # the Khmer colon
        "Na Dravi obnovljen pješački most",  # linked by id ("/?p=48211")
    ],
)
def test_linked_teaser(text: str) -> None:
    assert evidence.is_linked_teaser(Line(text), _ctx())


@pytest.mark.parametrize(
    "text",
    [
        # a paragraph that quotes the headline among other words
        "Tekst pod naslovom „Gradski prijevoz uvodi noćnu liniju” izazvao je mnogo komentara.",
        # the page's own headline, and a link to the page itself
        "Osijek dobiva nove tramvaje danas",
        # a link to another site, and a link to the home page
        "Vijest s drugog portala ovdje",
        "Naslovnica portala Vjesnik",
        # a label and text that is no link
        "Napomena: Gradski prijevoz uvodi noćnu liniju od travnja",
    ],
)
def test_linked_teaser_look_alikes(text: str) -> None:
    assert not evidence.is_linked_teaser(Line(text), _ctx())


def test_linked_teaser_in_a_table_layout_row_of_one_cell() -> None:
    ctx = _ctx()
    cell = Line("| • Gradski prijevoz uvodi noćnu liniju |", "table")
    assert evidence.is_linked_teaser(cell, ctx)
    # a row of a data table: several cells, one of them a link
    row = "| Gradski prijevoz uvodi noćnu liniju | 12.03. | 4 |"
    assert not evidence.is_linked_teaser(Line(row, "table"), ctx)


def test_an_appeal_opening_with_the_page_sign_up_button() -> None:
    ctx = CleanContext(signup_labels=frozenset({"harpidetu", "yi rajista"}))
    assert evidence.is_signup_appeal(Line("Harpidetu zaitez gure asteko buletinera"), ctx)
    assert evidence.is_signup_appeal(Line("Yi rajista don samun wasikar labaranmu"), ctx)
    # a word that only starts like the label, a long paragraph, a page without a form
    assert not evidence.is_signup_appeal(Line("Harpidetuen kopurua hazi egin da"), ctx)
    long = "Harpidetu " + " ".join(["hitz"] * 20)
    assert not evidence.is_signup_appeal(Line(long), ctx)
    assert not evidence.is_signup_appeal(Line("Harpidetu zaitez"), CleanContext())


def test_sign_up_labels_are_the_buttons_beside_an_email_field() -> None:
    from cleaning.structure import signup_labels

    html = (
        "<html><body><div><h3>Buletina</h3><form><input type='email'>"
        "<button>Harpidetu</button></form></div><form><input type='text' name='q'>"
        "<button>Bilatu orain</button></form></body></html>"
    )
    assert signup_labels(lxml.html.fromstring(html)) == frozenset({"harpidetu"})


def test_a_comment_count_in_a_table_row() -> None:
    html = '<html><body><table><tr><td><a href="#comment">Komentāri (2)</a></td></tr></table>'
    ctx = CleanContext(anchors=LazyAnchors(lxml.html.fromstring(html + "</body></html>")))
    assert evidence.is_fragment_count(Line("| Komentāri (2) |", "table"), ctx)


def test_khmer_words_are_counted_without_spaces() -> None:
    # "Tonle Sap water level rises": five words, no space between them
    assert Line("ទន្លេសាបមានកម្រិតទឹកកើនឡើង").words >= 5


def test_linked_teaser_needs_the_page_anchors() -> None:
    ctx = CleanContext(anchors=frozenset({"gradski prijevoz uvodi noćnu liniju"}))
    assert not evidence.is_linked_teaser(Line("Gradski prijevoz uvodi noćnu liniju"), ctx)


@pytest.mark.parametrize(
    "text",
    [
        "Pratite nas na Facebooku, Instagramu i Telegramu",
        "Ikuti kami di Facebook, Instagram dan Telegram",
        "ติดตามเราได้ทาง Facebook และ LINE",
        "Facebook · WhatsApp · Telegram",
        "Abonnez-vous: YouTube, TikTok!",
        "Bashkohu me kanalin tonë në WhatsApp dhe Telegram për lajmet më të fundit nga Tirana",
        # platform names in other scripts (`platform_names.toml`): inflected, with a
        # preposition joined to them, or of two words
        "আমাদের ফেসবুক ও ইউটিউবে অনুসরণ করুন",
        "எங்களை பேஸ்புக் மற்றும் யூடியூபில் பின்தொடருங்கள்",
        "በፌስቡክ፣ በቴሌግራም እና በዩቲዩብ ይከተሉን",
        "ہمیں فیس بک اور یوٹیوب پر فالو کریں",
        "გამოგვყევით ფეისბუქზე და ინსტაგრამზე",
        "Հետևեք մեզ Ֆեյսբուքում և Տելեգրամում",
    ],
)
def test_platform_appeal(text: str) -> None:
    assert evidence.is_platform_appeal(Line(text))


@pytest.mark.parametrize(
    "text",
    [
        "Polis menasihati orang ramai supaya tidak menyebar mesej palsu di Facebook dan WhatsApp.",
        "Rumours spread on Facebook and WhatsApp, police said.",
        "Pratite nas na Facebooku",  # one platform: the share/follow tables' business
        "Read this line by email",  # short names that are also ordinary words
        # Thai prose has no full stop: its length in words tells it from an appeal
        "ตำรวจเตือนว่ามีข้อความปลอมเรื่องตั๋วฟรีแพร่กระจายทาง Facebook และ LINE "
        "ขอให้ประชาชนอย่าส่งต่อข้อความดังกล่าว",
        # a sentence in another script that names two platforms
        "পুলিশ জানিয়েছে, ফেসবুক ও হোয়াটসঅ্যাপে ভুয়া খবর ছড়িয়েছে।",
    ],
)
def test_platform_appeal_look_alikes(text: str) -> None:
    assert not evidence.is_platform_appeal(Line(text))


@pytest.mark.parametrize(
    "text",
    [
        "English | Русский | العربية",
        "Hrvatski | English | Deutsch | Magyar",
        "বাংলা, English, हिन्दी, اردو",
        "English Español Français",
        "Lexo në: Shqip | English",
        "EN | FR | DE | ES",
    ],
)
def test_language_switcher(text: str) -> None:
    assert evidence.is_language_switcher(Line(text))


@pytest.mark.parametrize(
    "text",
    [
        "The report is available in English, French and Spanish.",
        "English | Русский",  # two entries: too little to tell
        "Deutsch, Mathematik, Englisch und Physik",
        "It is no id",  # codes without separators are words
        "EN | FR | Sport",
    ],
)
def test_language_switcher_look_alikes(text: str) -> None:
    assert not evidence.is_language_switcher(Line(text))


def test_label_echoes() -> None:
    lines = [
        Line("Prvi odlomak članka koji govori o tramvajima u gradu i njihovoj nabavi."),
        Line("Reklama"),
        Line("Článok pokračuje pod reklamou"),
        Line("פרסומת"),
        Line("Another paragraph of the story that is long enough to be prose."),
        Line("הכתבה נמשכת אחרי הפרסומת"),
        Line("광고"),
        Line("기사 계속 광고 아래"),
        Line("Isikhangiso"),
        Line("Udaba luyaqhubeka ngemuva kwesikhangiso"),
    ]
    assert evidence.label_echoes(lines) == [1, 2, 3, 5, 6, 7, 8, 9]


def test_label_echoes_look_alikes() -> None:
    lines = [
        Line("Reakcije", kind="head"),
        Line("Reakcije su bile podijeljene."),
        Line("Ceny"),
        Line("Ceny leteniek sa budú meniť podľa obsadenosti lietadla a sezóny, povedal."),
        Line("Ceny porastú."),
        Line("Ad"),
        Line("Ad hoc rules"),
        # a field and its value: a digit, or a name longer than any ad label
        Line("GENAUIGKEIT"),
        Line("0,5s Genauigkeitsklasse"),
        Line("Basisinformation"),
        Line("Keine Basisinformation zu diesem Präparat verfügbar"),
    ]
    assert evidence.label_echoes(lines) == []


MENU_HTML = """<html><body><table><tr><td><a href="/">Gazeta de Transilvania</a></td>
<td><a href="/0">Cluj</a> <a href="/1">Actualitate</a> <a href="/2">Economie</a></td>
<td><a href="/3">Sport</a></td></tr></table><p>Cluj este un oraș mare.</p></body></html>"""


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("| Gazeta de Transilvania | Cluj Actualitate Economie | Sport |", "table"),
        ("| Cluj | Actualitate | Economie | Sport |", "table"),
        ("Cluj Actualitate Economie Sport", "p"),
    ],
)
def test_menu_line(text: str, kind: str) -> None:
    ctx = CleanContext(anchors=LazyAnchors(lxml.html.fromstring(MENU_HTML)))
    assert evidence.is_menu_line(Line(text, kind), ctx)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("| Cluj | 324 000 | 1213 |", "table"),  # a table of data naming a section
        ("Cluj Sport", "p"),  # two entries: a heading, maybe
        ("Sport Cluj Economie Actualitate.", "p"),
        ("Economie in Cluj and Sport", "p"),
    ],
)
def test_menu_line_look_alikes(text: str, kind: str) -> None:
    ctx = CleanContext(anchors=LazyAnchors(lxml.html.fromstring(MENU_HTML)))
    assert not evidence.is_menu_line(Line(text, kind), ctx)
