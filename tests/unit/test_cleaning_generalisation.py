"""Signals that hold on pages and languages the phrase tables never saw: positives and
look-alikes."""

from __future__ import annotations

import lxml.html
import pytest

from cleaning.clean import CleanContext
from cleaning.lines import Line, split_rescued_article
from cleaning.parsing import parse_html
from cleaning.rules import bylines, chrome, evidence, teasers
from cleaning.rules.context import Page
from cleaning.structure import widgets

# --- an <article> that trafilatura gave back as one line ---------------------------------
ARTICLE = """<html><body><article>
<div class="tag"><a href="/tag/s/">スポーツ</a></div>
<h1>ツエーゲン金沢、3連勝</h1>
<section>
<p>サッカーJ3のツエーゲン金沢は21日、2－1で勝った。</p>
<p>観衆は約6千人。</p>
<div><small>広告</small></div>
<p><i>記事の続きは広告の後で</i></p>
<div>この記事をシェアする <a href="#">Facebook</a> <a href="#">X</a></div>
</section>
</article></body></html>"""


def _blob(html: str) -> str:
    article = lxml.html.fromstring(html).find(".//article")
    return " ".join(article.text_content().split())


def test_rescued_article_is_split_into_its_blocks() -> None:
    tree = lxml.html.fromstring(ARTICLE)
    lines = split_rescued_article([Line(_blob(ARTICLE))], tree)
    assert [line.text for line in lines] == [
        "スポーツ",
        "ツエーゲン金沢、3連勝",
        "サッカーJ3のツエーゲン金沢は21日、2－1で勝った。",
        "観衆は約6千人。",
        "広告",
        "記事の続きは広告の後で",
        "この記事をシェアする Facebook X",
    ]
    assert lines[1].kind == "head"


def test_lines_that_are_no_article_blob_stay_as_they_are() -> None:
    tree = lxml.html.fromstring(ARTICLE)
    # several lines: trafilatura's main extractor worked
    several = [Line("サッカーJ3のツエーゲン金沢は21日、2－1で勝った。"), Line("観衆は約6千人。")]
    assert split_rescued_article(several, tree) == several
    # one line that is some other text (a JSON articleBody, one paragraph)
    other = [Line("A single paragraph that no article element of the page holds in full.")]
    assert split_rescued_article(other, tree) == other


# --- lines in capitals ------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "CO-FOUNDER 'PROUD' OF HOME DEPOT EMPLOYEES AFTER STORE SHOOTING IN ATLANTA",
        "ΕΚΤΑΚΤΟ ΣΤΗΝ ΑΘΗΝΑ ΜΕΓΑΛΗ ΦΩΤΙΑ ΣΤΑ ΒΟΡΕΙΑ ΠΡΟΑΣΤΙΑ ΤΗΣ ΠΟΛΗΣ ΣΗΜΕΡΑ",
    ],
)
def test_headlines_in_capitals_are_teasers(text: str) -> None:
    assert teasers.is_teaser_headline(Line(text), CleanContext())


@pytest.mark.parametrize(
    "text",
    [
        # str.isupper() holds for these: one Latin capital and no cased letter besides
        "サッカーJ3のツエーゲン金沢は21日、ホームで奈良クラブと対戦し、2－1で勝って3連勝とした。",
        "1－1で迎えた後半アディショナルタイム、途中出場のFW山本がゴール前のこぼれ球を押し込んだ。",
        "北京时间周日，CBA联赛第十轮比赛中，广东队以一百零五比九十八战胜辽宁队。",
    ],
)
def test_cjk_sentences_with_a_latin_capital_are_no_headline_in_capitals(text: str) -> None:
    assert not teasers.in_capitals(text)
    assert not teasers.is_teaser_headline(Line(text), CleanContext())


# --- a subscriber sentence that names a TV channel -------------------------------------
def test_sentence_about_subscribers_and_a_tv_channel_stays() -> None:
    line = Line("Se kampen igen kan abonnenter gøre på tv-kanalens streamingtjeneste.")
    assert not chrome.is_chrome(line, CleanContext(), Page([line]))


def test_turkish_channel_appeal_is_still_chrome() -> None:
    line = Line("Son dakika haberleri için WhatsApp kanalımıza katılın")
    assert chrome.is_chrome(line, CleanContext(), Page([line]))


# --- widgets told by their neighbour (`cleaning.structure`) ------------------------------
def _widget_texts(body: str) -> list[tuple[str, str]]:
    page = f"<html><head><title>t</title></head><body><div>{body}</div></body></html>"
    tree = parse_html(page)[1]
    assert tree is not None
    return [(w.reason, " ".join(w.element.xpath("string()").split())) for w in widgets(tree)]


LONG = (
    "<p>Halmashauri ya jiji imeidhinisha mradi mpya wa barabara baada ya mjadala mrefu "
    "uliodumu zaidi ya saa tatu, na ujenzi utaanza mwezi ujao kwa mujibu wa mpango.</p>"
)


@pytest.mark.parametrize(
    ("markup", "texts"),
    [
        # an ad label and the note that repeats its word, in any language
        (
            "<div><small>Tangazo</small></div><p><i>Habari inaendelea baada ya tangazo</i></p>",
            ["Tangazo", "Habari inaendelea baada ya tangazo"],
        ),
        (
            "<div><small>Isikhangiso</small></div><div id='slot-7'></div>"
            "<p><i>Udaba luyaqhubeka ngemuva kwesikhangiso</i></p>",
            ["Isikhangiso", "Udaba luyaqhubeka ngemuva kwesikhangiso"],
        ),
        (
            "<div><small>โฆษณา</small></div><p><i>อ่านต่อหลังโฆษณา</i></p>",
            ["โฆษณา", "อ่านต่อหลังโฆษณา"],
        ),
        (
            "<div><small>광고</small></div><p><i>광고 이후 기사가 이어집니다</i></p>",
            ["광고", "광고 이후 기사가 이어집니다"],
        ),
        # a prompt above a language menu
        (
            "<p><strong>Tafsiri habari hii kwa:</strong></p><div><a href='/en'>English</a> | "
            "<a href='/fr'>Français</a> | <a href='/ar'>العربية</a> | "
            "<a href='/rw'>Kinyarwanda</a></div>",
            ["English | Français | العربية | Kinyarwanda", "Tafsiri habari hii kwa:"],
        ),
        # an appeal above a button that links to the sign-up page
        (
            "<p>Jiunge na jarida letu upate habari muhimu kila asubuhi.</p>"
            "<p><a href='/newsletter'>Jiunge sasa</a></p>",
            ["Jiunge sasa", "Jiunge na jarida letu upate habari muhimu kila asubuhi."],
        ),
    ],
)
def test_widgets_told_by_their_neighbour(markup: str, texts: list[str]) -> None:
    found = [text for _reason, text in _widget_texts(LONG + markup + LONG)]
    assert sorted(found) == sorted(texts)


@pytest.mark.parametrize(
    "markup",
    [
        # a one-word line next to a sentence that uses the word (no echo: a sentence)
        "<div><small>Tangazo</small></div><p>Tangazo la serikali lilitolewa jana jioni.</p>",
        # a paragraph about advertising right after the label: too long for a note
        "<p><b>โฆษณา</b></p><p>การโฆษณาเครื่องฟอกอากาศบนโซเชียลมีเดียเพิ่มขึ้นอย่างมากในช่วงนี้</p>",
        # a sentence about translating above a list of languages is no prompt
        "<p>Kutafsiri nyimbo za taarab kwa Kiingereza kulisaidia wageni kuelewa maana yake.</p>"
        "<ul><li>Kiingereza</li><li>Kifaransa</li></ul>",
        # a link to the newsletter inside a sentence
        "<p>Wasomaji wanaweza <a href='/newsletter'>kujiunga</a> na jarida letu bure.</p>",
    ],
)
def test_look_alikes_of_neighbour_widgets_stay(markup: str) -> None:
    assert _widget_texts(LONG + markup + LONG) == []


# --- the same in the lines: a label and its echo, platforms behind a prefix -------------
def test_label_echo_in_a_script_without_spaces() -> None:
    lines = [Line("บุรีรัมย์ยังคงรั้งตำแหน่งจ่าฝูง"), Line("โฆษณา"), Line("อ่านต่อหลังโฆษณา")]
    assert evidence.label_echoes(lines) == [1, 2]


def test_paragraph_about_advertising_is_no_echo() -> None:
    lines = [Line("โฆษณา"), Line("การโฆษณาเครื่องฟอกอากาศบนโซเชียลมีเดียเพิ่มขึ้นอย่างมากในช่วงนี้")]
    assert evidence.label_echoes(lines) == []


def test_platform_names_behind_a_hyphenated_prefix() -> None:
    line = Line("Silandele ku-Facebook naku-WhatsApp ukuze ungaphuthelwa yizindaba")
    assert evidence.is_platform_appeal(line)


def test_sentence_naming_platforms_behind_prefixes_stays() -> None:
    line = Line(
        "Amaphoyisa athi amanga asakazwe ku-Facebook naku-WhatsApp ngesonto eledlule, "
        "futhi abantu abaningi bakholwe yiwona ngaphambi kokuthi kuphume iqiniso."
    )
    assert not evidence.is_platform_appeal(line)


# --- a line of the page's authors --------------------------------------------------------
def test_line_of_every_author_is_a_byline() -> None:
    ctx = CleanContext(authors=("赵磊", "孙悦"))
    assert bylines.is_byline(Line("记者 赵磊、孙悦"), ctx)
    assert bylines.is_byline(
        Line("Ripoti ya Amina Juma na Peter Otieno"),
        CleanContext(authors=("Amina Juma", "Peter Otieno")),
    )


def test_sentence_about_the_authors_stays() -> None:
    ctx = CleanContext(authors=("赵磊", "孙悦"))
    assert not bylines.names_every_author(Line("赵磊和孙悦在现场采访了多位购房者。"), ctx.authors)
    assert not bylines.names_every_author(Line("记者 赵磊"), ctx.authors)  # one of two
