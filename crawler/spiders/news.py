"""The `news` spider: article pages from URLs, sitemaps, feeds or a site's own pointers.

``scrapy crawl news -a url=URL[,URL...]`` / ``-a urls_file=FILE`` / ``-a sitemap=URL`` /
``-a feed=URL`` / ``-a site=https://host/``; arguments combine.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin

from scrapy import Request
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.spiders import SitemapSpider
from scrapy.utils.sitemap import sitemap_urls_from_robots
from twisted.python.failure import Failure

from crawler.arguments import CrawlTargets
from crawler.discovery import feed_entry_urls, feed_links
from crawler.items import PageItem
from storage.urls import normalize_url

HTML_TYPES = ("text/html", "application/xhtml+xml")


class NewsSpider(SitemapSpider):
    """Fetch article pages and hand them to the cleaning and storage pipelines."""

    name = "news"
    sitemap_rules = [("", "parse_article")]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.targets = CrawlTargets.from_arguments({k: str(v) for k, v in kwargs.items()})
        super().__init__(*args)
        self.allowed_domains = list(self.targets.domains)

    async def start(self) -> AsyncIterator[Any]:
        for url in self.targets.urls:
            yield self.article_request(url, "url")
        for url in self.targets.sitemaps:
            yield Request(url, callback=self._parse_sitemap, errback=self.on_error,
                          meta={"source": "sitemap"})
        for url in self.targets.feeds:
            yield Request(url, callback=self.parse_feed, errback=self.on_error,
                          meta={"source": "feed"})
        for url in self.targets.sites:
            yield Request(urljoin(url, "/robots.txt"), callback=self.parse_robots,
                          errback=self.on_error, meta={"source": "sitemap"})
            yield Request(url, callback=self.parse_home, errback=self.on_error,
                          meta={"source": "feed"})

    def article_request(self, url: str, source: str) -> Request:
        """Build the request for one article page (URL normalised: no trackers, no fragment)."""
        return Request(normalize_url(url), callback=self.parse_article, errback=self.on_error,
                       meta={"source": source})

    # -- discovery ------------------------------------------------------------------------

    def parse_robots(self, response: Response) -> Iterable[Request]:
        """Follow the sitemaps robots.txt names, else try ``/sitemap.xml``."""
        urls = list(sitemap_urls_from_robots(response.body, base_url=response.url))
        self._inc("news/discovery/robots_sitemaps", len(urls))
        if not urls:
            urls = [urljoin(response.url, "/sitemap.xml")]
        for url in urls:
            yield Request(url, callback=self._parse_sitemap, errback=self.on_error,
                          meta={"source": "sitemap"})

    def parse_home(self, response: Response) -> Iterable[Request]:
        """Follow the feeds a home page announces with ``<link rel="alternate">``."""
        feeds = feed_links(response.body, response.url)
        self._inc("news/discovery/home_feeds", len(feeds))
        for url in feeds:
            yield Request(url, callback=self.parse_feed, errback=self.on_error,
                          meta={"source": "feed"})

    def parse_feed(self, response: Response) -> Iterable[Request]:
        """Request every entry of an RSS or Atom feed."""
        urls = feed_entry_urls(response.body, response.url)
        if not urls:
            self._inc("news/skipped/empty_or_invalid_feed")
        self._inc("news/discovery/feed_entries", len(urls))
        for url in urls:
            yield self.article_request(url, "feed")

    def _parse_sitemap(self, response: Response) -> Iterable[Request]:
        # Scrapy's SitemapSpider parses indexes, urlsets and .gz safely (no entities,
        # size-capped gunzip); here its article requests get our callback and source.
        for request in super()._parse_sitemap(response):
            if request.callback == self.parse_article:
                self._inc("news/discovery/sitemap_entries")
                yield self.article_request(request.url, "sitemap")
            else:
                yield request.replace(errback=self.on_error, meta={"source": "sitemap"})

    # -- pages ----------------------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterable[PageItem]:
        """Hand an HTML page to the pipelines; skip anything else with a counted reason."""
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        if not isinstance(response, TextResponse) or (
            content_type and not content_type.split(";")[0].strip() in HTML_TYPES
        ):
            self._inc("news/skipped/not_html")
            return
        yield PageItem(
            url=response.url,
            status=response.status,
            html=response.text,
            fetched_at=datetime.now(timezone.utc),
            source=response.meta.get("source", "url"),
        )

    def on_error(self, failure: Failure) -> None:
        """Count a failed request by its reason; the crawl goes on."""
        if failure.check(HttpError):
            status = failure.value.response.status
            self._inc(f"news/skipped/http_{status}")
            return
        self._inc(f"news/skipped/{type(failure.value).__name__}")
        self.logger.info("fetch failed: %s", failure.getErrorMessage())

    def _inc(self, key: str, count: int = 1) -> None:
        if self.crawler.stats is not None and count:
            self.crawler.stats.inc_value(key, count)
