"""Feed and feed-link parsing."""

from __future__ import annotations

from crawler.discovery import feed_entry_urls, feed_links
from storage.urls import normalize_url, site_of

RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>T</title>
<item><title>One</title><link>https://n.example/one/</link></item>
<item><title>Two</title><link> /two/ </link></item>
<item><title>Three</title><guid isPermaLink="true">https://n.example/three/</guid></item>
<item><title>No link</title><guid isPermaLink="false">tag:n.example,1</guid></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>A</title><link rel="alternate" href="https://n.example/a/"/></entry>
<entry><title>B</title><link rel="enclosure" href="https://n.example/b.mp3"/>
<link href="https://n.example/b/"/></entry>
</feed>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><link>https://n.example/&xxe;</link></item></channel></rss>"""


def test_rss_links_in_order() -> None:
    assert feed_entry_urls(RSS, "https://n.example/feed.xml") == [
        "https://n.example/one/",
        "https://n.example/two/",
        "https://n.example/three/",
    ]


def test_atom_alternate_links() -> None:
    assert feed_entry_urls(ATOM, "https://n.example/atom.xml") == [
        "https://n.example/a/",
        "https://n.example/b/",
    ]


def test_not_a_feed_gives_nothing() -> None:
    assert feed_entry_urls(b"<html><body>hi</body></html>", "https://n.example/") == []
    assert feed_entry_urls(b"\x00\x01 binary", "https://n.example/") == []


def test_external_entities_are_not_resolved() -> None:
    urls = feed_entry_urls(XXE, "https://n.example/feed.xml")
    assert all("root:" not in url for url in urls)


def test_feed_links_of_a_home_page() -> None:
    page = b"""<html><head>
    <link rel="alternate" type="application/rss+xml" href="/feed.xml">
    <link rel="alternate" type="application/atom+xml" href="https://n.example/atom.xml">
    <link rel="alternate" hreflang="de" href="/de/">
    <link rel="stylesheet" href="/s.css"></head><body></body></html>"""
    assert feed_links(page, "https://n.example/") == [
        "https://n.example/feed.xml",
        "https://n.example/atom.xml",
    ]


def test_url_normalisation() -> None:
    assert (
        normalize_url("HTTPS://News.Example:443/a/b/?utm_source=x&id=3&fbclid=1#comments")
        == "https://news.example/a/b/?id=3"
    )
    assert site_of("https://www.news.example/a") == "news.example"
