"""Text fields decoded: entities, tags, zero-width characters; the text decides the language."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from cleaning import extract_article
from cleaning.metadata import clean_field

NOW = datetime(2025, 12, 31, tzinfo=UTC)


def test_entities_tags_and_invisible_characters_are_removed() -> None:
    assert clean_field("Brexit &#8211; what now?") == "Brexit – what now?"
    assert clean_field("Tom &amp;amp; Jerry") == "Tom & Jerry"  # encoded twice
    assert clean_field("&quot;Quoted&quot;\u200b title\ufeff") == '"Quoted" title'
    assert clean_field("AT&T and R&D stay") == "AT&T and R&D stay"
    assert clean_field("<b>Live</b>: the vote") == "Live : the vote"
    assert clean_field("  \u00ad ") is None
    # a zero-width non-joiner inside a Persian word is spelling, not noise
    assert clean_field("می\u200cخواهم") == "می\u200cخواهم"


ENGLISH = "".join(
    f"<p>Paragraph {i}: the regional parliament debated the harbour budget for hours, and "
    "members of every party asked for more money for schools, buses and the old docks.</p>"
    for i in range(6)
)


def test_no_entity_left_in_any_field_of_a_page() -> None:
    jsonld = {
        "@type": "NewsArticle",
        "headline": "Harbour budget &amp;#8211; the vote",
        "author": [
            {"@type": "Person", "name": "Jane &amp; Doe"},
            {"@type": "Person", "name": "Ann O&#39;Neil"},
        ],
        "keywords": ["Politics &amp; Power", "Harbour"],
    }
    html = (
        '<html lang="en"><head><title>x</title>'
        '<meta property="og:site_name" content="Tom &amp;amp; Jerry&#8217;s News">'
        '<meta name="description" content="The &quot;harbour&quot; budget\u200b passed">'
        f'<script type="application/ld+json">{json.dumps(jsonld)}</script>'
        f"</head><body><article><h1>Harbour budget – the vote</h1>{ENGLISH}</article></body></html>"
    )
    article = extract_article(html, "https://news.example/a", now=NOW)
    fields = [
        article.title,
        article.site_name,
        article.description,
        *article.authors,
        *article.tags,
    ]
    assert not any("&" in f and ";" in f for f in fields if f), fields
    assert article.title == "Harbour budget – the vote"
    assert article.site_name == "Tom & Jerry’s News"
    assert article.description == 'The "harbour" budget passed'
    assert article.authors == ["Ann O'Neil"]  # "Jane & Doe" is two fragments, no person
    assert article.tags == ["Politics & Power", "Harbour"]


ZULU = "".join(
    f"<p>Isigaba {i}: Abantu abaningi eNingizimu Afrika bathi uhulumeni kufanele asize "
    "imiphakathi yasemakhaya ngamanzi ahlanzekile nezindlela ezintsha zokuthutha.</p>"
    for i in range(6)
)


def test_an_isizulu_page_declared_en_gb_is_zulu() -> None:
    html = f'<html lang="en-GB"><body><article>{ZULU}</article></body></html>'
    assert extract_article(html, "https://isolezwe.example/a", now=NOW).language == "zu"
    english = f'<html lang="en-GB"><body><article>{ENGLISH}</article></body></html>'
    assert extract_article(english, "https://news.example/b", now=NOW).language == "en"
