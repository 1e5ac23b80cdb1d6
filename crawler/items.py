"""What the spider hands to the pipelines, and what the pipelines hand to feed exports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cleaning import Article
from storage import PageOutcome, Prepared


@dataclass
class PageItem:
    """One fetched URL on its way through cleaning and storage.

    Attributes:
        url: The URL (after redirects, the final URL).
        status: HTTP status of the response, or None when none arrived.
        fetched_at: When the response (or the failure) arrived, UTC.
        body: The page as fetched; empty when the fetch produced no page to clean, and
            emptied once the page is cleaned. It is decoded (`crawler.encoding`) where it
            is cleaned, in a worker process, not in the crawl's own process.
        content_type: The response's ``Content-Type`` header (its charset decodes
            ``body``).
        source: How the URL was discovered: ``url``, ``sitemap``, ``feed``.
        outcome: None until decided; then the page's `storage.PageOutcome`.
        reason: Why, for outcomes other than ``stored``.
        etag: The response's ETag, for the next conditional request.
        last_modified: The response's Last-Modified, likewise.
        article: Filled by the cleaning pipeline.
        prepared: Also filled by the cleaning pipeline: what storing the article needs.
    """

    url: str
    status: int | None
    fetched_at: datetime
    body: bytes = field(default=b"", repr=False)
    content_type: str | None = None
    source: str = "url"
    outcome: PageOutcome | None = None
    reason: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    article: Article | None = field(default=None, repr=False)
    prepared: Prepared | None = field(default=None, repr=False)


def export_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored ``articles`` row as the crawl's feed exports write it.

    The same fields and values as ``scrapy export``: column names in schema order,
    datetimes ISO 8601 (UTC), lists as lists, NULL as None. Nothing of the crawl's
    internal `PageItem` (body, raw HTML, the `Article` object) reaches a feed.
    """
    return {
        name: value.isoformat() if isinstance(value, datetime) else value
        for name, value in row.items()
    }
