"""An article that broken markup nests inside a sidebar: trafilatura skips sidebars, so
its text is read again with ``favor_recall`` when it is a small part of the page's
marked-up article."""

from __future__ import annotations

import lxml.html

from cleaning import extract_article
from cleaning.extract import _marked_article_words

PARAGRAPHS = [
    "Der App-Forscher hat die neue Funktion in der Betaversion entdeckt und einen "
    "Screenshot davon geteilt, der die Aufnahme kurzer Videos für Stories zeigt.",
    "Nutzerinnen und Nutzer haben die Möglichkeit, ein bis zu fünfzehn Sekunden langes "
    "Video mit dem Smartphone aufzunehmen und danach in ihren Stories hochzuladen.",
    "Die kreativen Elemente in den Stories stehen nach wie vor zur Verfügung, und auch "
    "Sticker, Musik und Umfragen lassen sich mit den neuen Videonotizen verbinden.",
    "Wann die Funktion für alle verfügbar sein wird, ist noch nicht bekannt; bisher "
    "testet das Unternehmen sie nur mit einer kleinen Gruppe von Nutzerinnen und Nutzern.",
]


def _page(article: str) -> str:
    # an unclosed menu puts the article inside the sidebar, as a browser parses it too
    return (
        "<html><head><title>Neue Videofunktion für Stories</title></head><body>"
        '<div class="site"><aside class="sidebar"><div class="menu"><ul><li>'
        '<a href="/a">Social Media</a></li></ul>'
        f'<div class="main-content"><article class="article-detailed">{article}</article>'
        "</div></div></aside>"
        '<footer><p class="claim">Dein wichtigster Touchpoint zur Digitalbranche.</p></footer>'
        "</div></body></html>"
    )


def test_an_article_nested_in_a_sidebar_is_read_again_with_recall() -> None:
    article = "".join(f"<p>{p}</p>" for p in PARAGRAPHS * 2)
    found = extract_article(_page(article), "https://example.org/social/videonotizen")
    assert "bis zu fünfzehn Sekunden" in found.text
    assert "Touchpoint" not in found.text


def test_the_marked_article_counts_only_its_paragraphs() -> None:
    tree = lxml.html.fromstring(_page("<h2>Zwischentitel</h2><p>Ein kurzer Satz.</p>"))
    assert _marked_article_words(tree) == 3
