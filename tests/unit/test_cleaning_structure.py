"""Widgets found by their markup (`cleaning.structure`): positives and look-alike negatives."""

from __future__ import annotations

import pytest
from lxml import etree
from lxml.html import HtmlElement

from cleaning import extract_article
from cleaning.parsing import parse_html
from cleaning.phrases import REQUIRED_LANGUAGES, by_language
from cleaning.structure import detached, widgets

STORY = (
    "The regional council approved the new tram line on Thursday evening after a debate "
    "that lasted well over three hours and ended with a narrow majority of four votes. "
)
SECOND = (
    "Construction is due to start next spring, and the first trams should run between the "
    "station and the university hospital before the end of the following year, officials said. "
)


def tree_of(body: str) -> HtmlElement:
    page = f"<html><head><title>t</title></head><body>{body}</body></html>"
    tree = parse_html(page)[1]
    assert tree is not None
    return tree


def reasons(body: str) -> list[tuple[str, str]]:
    """(reason, text) of each widget found."""
    return [
        (w.reason, " ".join(w.element.xpath("string()").split())) for w in widgets(tree_of(body))
    ]


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        ('<div class="share-buttons"><a href="#">Teilen</a><a href="#">Mail</a></div>', "share"),
        ('<div class="c-sharing__bar"><span>Partager</span></div>', "share"),
        ('<div id="google_translate_element"><span>Übersetzen</span></div>', "translate"),
        ('<div class="gtranslate_wrapper"><a>Traducir esta noticia</a></div>', "translate"),
        ('<section class="newsletter-box"><p>Abonnez-vous</p></section>', "newsletter"),
        ('<div class="related-posts"><a href="/a">Otra noticia</a></div>', "related"),
        ('<div class="most-read"><a href="/b">Самое читаемое</a></div>', "related"),
        ('<div class="ad-slot"><span>Anzeige</span></div>', "ad"),
        ('<div class="ads top"><span>Publicité</span></div>', "ad"),
        ('<div class="sponsored-content"><span>Sponsorlu içerik</span></div>', "ad"),
        ('<ol class="breadcrumb"><li>Home</li><li>Mondo</li></ol>', "breadcrumb"),
        ('<span class="sr-only">Opens in a new window</span>', "screen_reader"),
        ('<div class="video-player"><span>Guarda</span></div>', "player"),
        ('<div role="dialog"><p>Popup text</p></div>', "role"),
        ('<div role="button">Link kopieren</div>', "role"),
        ('<div aria-label="Auf Facebook teilen"><span>f</span></div>', "aria_label"),
        ('<div aria-label="分享到微博"><span>微博</span></div>', "aria_label"),
        ('<div data-component="ShareBar"><span>Dela</span></div>', "share"),
        ("<select><option>Deutsch</option><option>Français</option></select>", "form"),
        (
            "<ul><li><a href='/1'>Erste Meldung des Tages</a></li><li><a href='/2'>Zweite "
            "Meldung</a></li><li><a href='/3'>Dritte Meldung</a></li><li><a href='/4'>Vierte "
            "Meldung</a></li></ul>",
            "link_list",
        ),
        ('<div class="c-byline">Von Anna Berg</div>', "meta"),
        ('<span class="entry-date">12. März 2025</span>', "meta"),
        ("<div><time datetime='2025-03-12'>12.03.2025 10:30</time></div>", "stamp"),
        ('<p class="licensing"><a href="/l">Purchase licensing rights</a></p>', "chrome"),
        ('<span class="cat-links"><a href="/s/">Région</a></span>', "section_label"),
        ('<div class="article-kicker">Sport</div>', "section_label"),
        ('<div><a href="/tag/nato" rel="tag">NATO</a></div>', "tag_link"),
        ('<span class="reading-time">Lesetid: 1 min</span>', "meta"),
        (
            '<div class="saboxplugin-wrap"><p>Fotograf aus Hamburg. Ich mag jede Art von '
            "Fotografie.</p></div>",
            "author_bio",
        ),
        ('<p class="author-bio">Life is not digital. Alle Beiträge von Cem</p>', "author_bio"),
        ('<section class="about-the-author"><p>Anna writes on cities.</p></section>', "author_bio"),
    ],
)
def test_widgets_are_found_by_their_markup(markup: str, reason: str) -> None:
    found = reasons(f"<article><p>{STORY}</p>{markup}<p>{SECOND}</p></article>")
    assert [r for r, _ in found] == [reason]


@pytest.mark.parametrize(
    "markup",
    [
        # prose that mentions sharing, translating or reading stays
        "<p>Residents were asked to share their views and to translate the leaflet.</p>",
        "<p>Les habitants peuvent partager leur avis; read more in the council report.</p>",
        # classes that merely contain the letters
        '<div class="header-shadow"><p>A paragraph.</p></div>',
        '<div class="download-area"><p>A paragraph.</p></div>',
        '<div class="shared-ownership"><p>A paragraph.</p></div>',
        '<div class="antisocial"><p>A paragraph.</p></div>',
        '<div class="authority-report"><p>A paragraph.</p></div>',
        '<div class="co-authored"><p>A paragraph.</p></div>',
        # a footnote number and a link with words are not icon links
        '<p>As reported<a href="#fn1"><sup>1</sup></a> earlier.</p>',
        # a link inside a sentence stays, whatever its class
        '<p>The report, <a class="related-link" href="/r">published last week</a>, says so.</p>',
        # a list whose items are not all links
        "<ul><li>First point</li><li>Second point</li><li>Third</li><li>Fourth</li></ul>",
        # a tag link inside a sentence, a category page's wrapper of the whole story
        '<p>The alliance, <a href="/tag/nato" rel="tag">NATO</a>, met on Friday.</p>',
        # an aria-label that names no widget
        '<nav aria-label="Hauptmenü"><span>x</span></nav>',
        # a dateline that opens the lead paragraph is the paragraph's first words
        '<p><span class="dateline">KOBE – </span>A total of 6,000 surgical masks have been '
        "lost at a hospital in Kobe, it was learned Tuesday.</p>",
    ],
)
def test_look_alikes_are_not_widgets(markup: str) -> None:
    assert reasons(f"<article><p>{STORY}</p>{markup}<p>{SECOND}</p></article>") == []


def test_a_link_list_goes_with_its_heading() -> None:
    body = (
        f"<article><p>{STORY}</p></article><div><h4>Meistgelesen auf Rhein-Kurier</h4><ul>"
        "<li><a href='/1'>Landesmuseum stellt Objekte online</a></li>"
        "<li><a href='/2'>Neue Brücke eröffnet</a></li>"
        "<li><a href='/3'>Stadtrat beschließt Haushalt</a></li></ul></div>"
    )
    [(reason, text)] = reasons(body)
    assert reason == "link_list" and text.startswith("Meistgelesen")


def test_a_list_with_text_besides_links_and_a_time_in_a_sentence_stay() -> None:
    body = (
        f"<article><p>{STORY}</p><ul><li><a href='/1'>Report</a>: the council's "
        "own figures for the last three years</li><li><a href='/2'>Minutes</a> of the "
        "meeting held in May</li><li><a href='/3'>Budget</a> as voted</li></ul>"
        "<p>The vote took place on <time>Thursday</time> at the town hall.</p></article>"
    )
    assert reasons(body) == []


def test_a_wrapper_holding_the_article_is_not_taken_but_its_share_bar_is() -> None:
    body = (
        '<div class="article-share-count"><h1>Tram line approved</h1>'
        f'<p>{STORY}</p><div class="share-bar"><a>Teilen</a></div><p>{SECOND}</p></div>'
    )
    assert reasons(body) == [("share", "Teilen")]


def test_a_wrapper_with_long_paragraphs_is_not_taken() -> None:
    body = f'<div class="ad-free promo-page"><p>{STORY}</p><p>{SECOND}</p></div>'
    assert reasons(body) == []


def test_only_the_outermost_widget_is_returned() -> None:
    body = (
        f"<p>{STORY}</p><aside class='related'><div class='share'><a>x</a></div>"
        "<ul><li><a href='/1'>One story here</a></li></ul></aside>"
    )
    assert [r for r, _ in reasons(body)] == ["related"]


def test_detached_restores_the_tree_exactly() -> None:
    tree = tree_of(
        f"<p>{STORY}<span class='sr-only'>new window</span> tail text</p>"
        "<div class='share'>Share</div>after<div class='ad'>Ad</div><p>end</p>"
    )
    before = etree.tostring(tree)
    found = [w.element for w in widgets(tree)]
    assert len(found) == 3
    with detached(found):
        inside = etree.tostring(tree, method="text", encoding="unicode")
        assert "new window" not in inside and "Share" not in inside and "Ad" not in inside
        assert "tail text" in inside and "after" in inside
    assert etree.tostring(tree) == before


def test_extraction_drops_widgets_in_any_language_and_keeps_the_story() -> None:
    page = f"""<html lang="de"><head><title>Straßenbahn</title></head><body><article>
    <h1>Neue Straßenbahnlinie beschlossen</h1>
    <div class="gtranslate_wrapper"><a href="#">Diese Nachricht übersetzen in</a>
    <select><option>English</option><option>Français</option></select></div>
    <p>{STORY}</p>
    <div class="social-share"><span>Artikel teilen:</span> <a href="#">Facebook</a></div>
    <p>{SECOND}</p>
    <div class="ad-container"><span>Anzeige</span></div>
    <p>{STORY} {SECOND}</p>
    </article></body></html>"""
    article = extract_article(page, "https://zeitung.example/lokales/2024/tram-beschlossen")
    assert "regional council approved" in article.text
    assert "Construction is due to start" in article.text
    for leak in ("übersetzen", "Français", "teilen", "Anzeige"):
        assert leak not in article.text


def test_extraction_drops_the_author_box_and_keeps_a_story_about_an_author() -> None:
    quote = (
        "The author of the study, a professor of urban planning, said the line would cut "
        "journey times for more than forty thousand commuters a day across the region. "
    )
    page = f"""<html lang="en"><head><title>Tram</title></head><body><article>
    <h1>New tram line approved</h1>
    <p>{STORY}</p><p>{quote}</p><p>{SECOND}</p><p>{STORY} {SECOND}</p>
    <div class="saboxplugin-wrap"><img src="a.jpg"><p>Jane Roe, reporter from Leeds. I love
    every kind of photography and write about transport.</p></div>
    </article></body></html>"""
    article = extract_article(page, "https://paper.example/local/2024/tram-approved")
    assert "The author of the study" in article.text
    assert "regional council approved" in article.text
    assert "every kind of photography" not in article.text


@pytest.mark.parametrize("lang", REQUIRED_LANGUAGES)
def test_every_language_names_its_widgets_in_aria_labels(lang: str) -> None:
    words = by_language("structure.aria_labels").get(lang, ())
    assert words, f"{lang}.toml has no [structure] aria_labels"
    for word in words:
        label = f"{word.capitalize()} (Facebook)"
        found = reasons(f'<p>{STORY}</p><div aria-label="{label}"><span>x</span></div>')
        assert [r for r, _ in found] == ["aria_label"], (lang, word)


# --- entries under a related-stories heading --------------------------------------------------

TEASER = (
    "A teaser of another story that runs on for a while, long enough to look like a real "
    "paragraph of prose to an extractor that counts characters and commas, ending…"
)


def test_teaser_boxes_under_a_related_heading_go_with_it() -> None:
    body = (
        f"<article><h1>Headline</h1><p>{STORY}</p><p>{SECOND}</p></article>"
        '<div><h3 class="relatedpoststitle">You may like...</h3>'
        f"<article><p>{TEASER}</p></article><article><p>{TEASER}</p></article></div>"
    )
    found = reasons(body)
    assert [reason for reason, _ in found] == ["related"] * 3
    assert all("regional council" not in text for _, text in found)


def test_paragraphs_after_a_related_heading_stay() -> None:
    # an in-article box: the heading and its list go, the story's next paragraphs stay
    body = (
        f"<div><p>{STORY}</p>"
        '<h3 class="related-title">Related</h3><ul><li><a href="/a">One</a></li>'
        '<li><a href="/b">Two</a></li></ul>'
        f"<p>{SECOND}</p><p>{STORY}</p></div>"
    )
    texts = [text for _, text in reasons(body)]
    assert not any("Construction is due" in text or "regional council" in text for text in texts)
    assert "Related" in texts


def test_a_single_box_after_a_related_heading_is_not_taken_for_entries() -> None:
    body = f'<div><h3 class="related-heading">Related</h3><div><p>{STORY}</p></div></div>'
    assert [text for _, text in reasons(body)] == ["Related"]


# --- labels found by where they stand: next to an ad slot or an embedded player --------------
# The label's language is one no phrase table has (Swahili, Hebrew, Croatian, Thai): only its
# place and shape give it away.
@pytest.mark.parametrize(
    ("markup", "label"),
    [
        ('<p>Tangazo</p><div id="div-gpt-ad-1234"></div>', "Tangazo"),
        (
            '<div class="text-center"><small>פרסומת</small><div class="ad-slot"></div></div>',
            "פרסומת",
        ),
        ('<p>Oglas</p><amp-ad width="300" height="250" type="doubleclick"></amp-ad>', "Oglas"),
        ('<div><div class="ad-slot"></div><small>Reklaam</small></div>', "Reklaam"),
        (
            "<p><b>Tazama: Jinsi daraja lilivyojengwa</b></p>"
            '<div class="ratio"><iframe src="https://www.youtube.com/embed/x"></iframe></div>',
            "Tazama: Jinsi daraja lilivyojengwa",
        ),
        (
            '<figure><amp-youtube data-videoid="x"></amp-youtube></figure>'
            "<p>[วิดีโอ] สะพานใหม่เปิดแล้ว</p>",
            "[วิดีโอ] สะพานใหม่เปิดแล้ว",
        ),
    ],
)
def test_labels_next_to_ad_slots_and_players_are_widgets(markup: str, label: str) -> None:
    found = reasons(f"<article><h1>Tram</h1><p>{STORY}</p>{markup}<p>{SECOND}</p></article>")
    assert any(text == label for _, text in found), found


PLAYER = '<iframe src="https://www.youtube.com/embed/x"></iframe>'


@pytest.mark.parametrize(
    "markup",
    [
        # a sentence after an ad slot, a subheading above one, a caption that is a sentence
        f'<div id="div-gpt-ad-1"></div><p>{STORY}</p>',
        '<h2>Kosten</h2><div class="ad-slot"></div>',
        '<p>Die Bauarbeiten dauern an.</p><div class="ad-slot"></div>',
        '<div class="ad-slot"></div><p>Danach</p>',
        f"{PLAYER}<p>Der Film zeigt die Baustelle.</p>",
        f"{PLAYER}<p>Bürgermeisterin Anna Roth</p>",
        f"<p>Zum Film: Die Baustelle im Winter war schwer zugänglich.</p>{PLAYER}",
    ],
)
def test_text_next_to_ad_slots_and_players_stays(markup: str) -> None:
    found = reasons(f"<article><h1>Tram</h1><p>{STORY}</p>{markup}<p>{SECOND}</p></article>")
    assert [text for _, text in found if text] == [], found


def test_ad_label_goes_from_the_text_in_any_language() -> None:
    page = (
        "<html><head><title>Daraja jipya</title></head><body><article><h1>Daraja jipya</h1>"
        f"<p>{STORY}</p><p>Tangazo</p><div id='div-gpt-ad-9'></div><p>{SECOND}</p>"
        "</article></body></html>"
    )
    text = extract_article(page.encode(), "https://example.com/2025/daraja").text
    assert "Tangazo" not in text
    assert "narrow majority" in text and "university hospital" in text


# --- the section's menu entry printed as the first line ----------------------------------
def _page_with_first_line(first: str, menu: str) -> bytes:
    return (
        "<html><head><title>Cầu mới thông xe</title></head><body>"
        f"<nav><a href='/'>Trang chủ</a> <a href='/s/1'>{menu}</a></nav>"
        f"<article><h1>Cầu mới thông xe</h1><p>{first}</p><p>{STORY}</p><p>{SECOND}</p>"
        "</article></body></html>"
    ).encode()


@pytest.mark.parametrize("label", ["Thời sự", "Mkoa", "Regione Lombardia"])
def test_a_first_line_that_is_a_menu_entry_goes(label: str) -> None:
    text = extract_article(_page_with_first_line(label, label), "https://x.example/a/b").text
    assert text.splitlines()[0].startswith("The regional council")


@pytest.mark.parametrize(
    ("first", "menu"),
    [
        # not a menu entry; a menu entry that ends a sentence; a longer line
        ("Hanoi", "Thời sự"),
        ("Mkoa.", "Mkoa"),
        ("Thời sự hôm nay rất sôi động", "Thời sự"),
    ],
)
def test_a_first_line_that_is_no_menu_entry_stays(first: str, menu: str) -> None:
    text = extract_article(_page_with_first_line(first, menu), "https://x.example/a/b").text
    assert text.splitlines()[0] == first
