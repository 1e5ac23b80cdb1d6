"""Finding article URLs in feeds and pages: pure functions over bytes, no Scrapy."""

from __future__ import annotations

import email.utils
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

from lxml import etree, html

# Feeds come from the open web: never resolve entities or fetch DTDs (XXE, billion
# laughs); recover from the small breakages common in real feeds.
_SAFE_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, recover=True, huge_tree=False, load_dtd=False
)
_ATOM = "{http://www.w3.org/2005/Atom}"
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/xml"}
)


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed: its link and its newest date (updated, else published)."""

    url: str
    updated: datetime | None = None


def feed_entry_urls(body: bytes, base_url: str) -> list[str]:
    """Return the article links of a feed, in feed order (see `feed_entries`)."""
    return [entry.url for entry in feed_entries(body, base_url)]


def feed_entries(body: bytes, base_url: str) -> list[FeedEntry]:
    """Return the entries of an RSS 2.0, RSS 1.0/RDF or Atom feed, in feed order.

    Args:
        body: The feed document.
        base_url: The feed's URL, to resolve relative links.

    Returns:
        Entries with absolute URLs; empty if ``body`` is not a feed.
    """
    try:
        root = etree.fromstring(body, parser=_SAFE_XML)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    entries: list[FeedEntry] = []
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        local = tag.rsplit("}", 1)[-1]
        if local == "item":  # RSS 2.0 and RSS 1.0
            link = next((c for c in element if _local(c) == "link"), None)
            text = (link.text or "").strip() if link is not None else ""
            if not text:
                guid = next((c for c in element if _local(c) == "guid"), None)
                if guid is not None and guid.get("isPermaLink", "true") != "false":
                    text = (guid.text or "").strip()
            if text:
                entries.append(FeedEntry(urljoin(base_url, text), _entry_date(element)))
        elif tag == f"{_ATOM}entry":
            href = _atom_link(element)
            if href:
                entries.append(FeedEntry(urljoin(base_url, href), _entry_date(element)))
    return entries


_DATE_TAGS = ("updated", "modified", "pubDate", "published", "date")


def _entry_date(entry: etree._Element) -> datetime | None:
    """The entry's newest date (RFC 822 in RSS, ISO 8601 in Atom and Dublin Core)."""
    found: list[datetime] = []
    for child in entry:
        if _local(child) in _DATE_TAGS and child.text:
            parsed = _parse_date(child.text.strip())
            if parsed is not None:
                found.append(parsed)
    return max(found) if found else None


def _parse_date(value: str) -> datetime | None:
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _local(element: etree._Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def _atom_link(entry: etree._Element) -> str | None:
    fallback = None
    for link in entry.findall(f"{_ATOM}link"):
        rel = link.get("rel", "alternate")
        href: str | None = link.get("href")
        if rel == "alternate" and href:
            return href
        fallback = fallback or href
    return fallback


def feed_links(page: bytes | str, base_url: str) -> list[str]:
    """Return the feeds a page announces with ``<link rel="alternate" type="...">``."""
    try:
        tree = html.fromstring(page)
    except (etree.ParserError, ValueError):
        return []
    found: list[str] = []
    for link in tree.xpath(
        '//link[@href][contains(concat(" ", normalize-space(@rel), " "), " alternate ")]'
    ):
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if kind in FEED_TYPES:
            url = urljoin(base_url, link.get("href"))
            if url not in found:
                found.append(url)
    return found
