"""What the spider hands to the pipelines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from cleaning import Article


@dataclass
class PageItem:
    """One fetched HTML page on its way through cleaning and storage.

    Attributes:
        url: The URL as requested (after redirects, the final URL).
        status: HTTP status of the response.
        html: The decoded page (Scrapy's charset detection: headers, meta, BOM).
        fetched_at: When the response arrived (UTC).
        source: How the URL was discovered: ``url``, ``sitemap``, ``feed``.
        article: Filled by the cleaning pipeline.
    """

    url: str
    status: int
    html: str = field(repr=False)
    fetched_at: datetime
    source: str = "url"
    article: Article | None = field(default=None, repr=False)
