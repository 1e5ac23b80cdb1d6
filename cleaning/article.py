"""The cleaned-article value type shared by every layer.

`cleaning` produces it, `storage` persists it, `crawler` moves it around. It is a
frozen dataclass so a value can be hashed, compared in tests and sent across process
boundaries (pickle) without surprises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class RemovedLine:
    """One line the cleaner removed, with the rule that removed it (the audit trail)."""

    text: str
    rule: str


@dataclass(frozen=True)
class Article:
    """A news article as extracted and cleaned from one HTML page.

    Attributes:
        url: The URL the page was fetched from.
        canonical_url: The page's canonical URL (``<link rel=canonical>``, ``og:url``),
            or ``url`` when the page declares none.
        title: The headline.
        text: The article's paragraphs, one per line, in order, without the title.
        authors: Names of people who wrote it, never a site or "Staff".
        organizations: Agencies, desks and outlets credited in the byline ("AP",
            "Reuters", "dpa", the site itself), one spelling per organisation.
        published_at: Publication time, timezone-aware, or None.
        modified_at: Last modification time, timezone-aware, or None.
        language: ISO 639-1 code, or None.
        site_name: The publisher's name, or None.
        description: The page's summary (``og:description`` and the like), or None.
        tags: Keywords and section tags.
        image_url: The lead image, or None.
        content_hash: SHA-256 hex digest of title and text; decides whether a
            re-fetched article changed.
        removed: Each line the cleaner removed, with its rule.
        cleaner_version: Version of the cleaning rules that produced ``text``.
        text_source: Where the text was found: ``markup`` (the page's HTML), ``app_data``
            (a script's embedded state or JSON-LD ``articleBody``), ``amp`` (the page's
            AMP version) or ``browser`` (the page as a browser rendered it).
        zone_evidence: ``(UTC time, local wall-clock time)`` of the publication when the
            page itself showed the publisher's offset, else None; a crawl learns each
            site's usual offset from them (`cleaning.metadata.zones.CrawlZones`).
    """

    url: str
    canonical_url: str
    title: str
    text: str
    authors: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    modified_at: datetime | None = None
    language: str | None = None
    site_name: str | None = None
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    image_url: str | None = None
    content_hash: str = ""
    removed: tuple[RemovedLine, ...] = ()
    cleaner_version: str = ""
    text_source: str = "markup"
    zone_evidence: tuple[datetime, datetime] | None = None

    @property
    def word_count(self) -> int:
        """Number of whitespace-separated words in ``text``."""
        return len(self.text.split())
