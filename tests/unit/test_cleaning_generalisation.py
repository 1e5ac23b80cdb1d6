"""Signals that hold on pages and languages the phrase tables never saw: positives and
look-alikes."""

from __future__ import annotations

import lxml.html
import pytest

from cleaning.clean import CleanContext
from cleaning.lines import Line, split_rescued_article
from cleaning.rules import chrome, teasers
from cleaning.rules.context import Page

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
