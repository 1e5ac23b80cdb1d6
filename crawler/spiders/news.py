"""The `news` spider: article pages from URLs, sitemaps, feeds or a site's own pointers.

``scrapy crawl news -a url=URL[,URL...]`` / ``-a urls_file=FILE`` / ``-a sitemap=URL`` /
``-a feed=URL`` / ``-a site=https://host/``; arguments combine.

Every article request ends in a `PageItem` with an outcome, also when it fails, so the
store's ``pages`` table knows what happened to each URL.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.exceptions import (
    DownloadCancelledError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.spiders import SitemapSpider
from scrapy.utils.sitemap import sitemap_urls_from_robots
from twisted.internet.error import ConnectionLost
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed

from crawler.arguments import CrawlTargets
from crawler.discovery import _parse_date, feed_entries, feed_links
from crawler.encoding import binary_kind
from crawler.incremental import FreshPage
from crawler.items import PageItem
from crawler.middlewares import PrivateAddress, RedirectLoop
from crawler.warc import archive_reader
from storage.repository import ERROR, NOT_HTML, NOT_MODIFIED, ROBOTS_DISALLOWED, TOO_LARGE
from storage.urls import normalize_url

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Only these are fetched: a sitemap or feed entry to file:, ftp:, javascript: or data:
# is dropped and counted (news/discovery/bad_scheme).
FETCH_SCHEMES = frozenset({"http", "https"})


class NewsSpider(SitemapSpider):
    """Fetch article pages and hand them to the cleaning and storage pipelines."""

    name = "news"
    sitemap_rules = (("", "parse_article"),)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.arguments = {k: str(v) for k, v in kwargs.items()}
        self.targets = CrawlTargets.from_arguments(self.arguments)
        super().__init__(*args)
        self.allowed_domains = list(self.targets.domains)
        self._lastmod: dict[str, datetime] = {}

    async def start(self) -> AsyncIterator[Any]:
        for url in self.targets.urls:
            yield self.article_request(url, "url")
        # Entry points are fetched on every run, a resumed one (JOBDIR) included.
        for url in self.targets.sitemaps:
            yield self._discovery_request(url, self._parse_sitemap, "sitemap", entry=True)
        for url in self.targets.feeds:
            yield self._discovery_request(url, self.parse_feed, "feed", entry=True)
        for url in self.targets.sites:
            yield self._discovery_request(urljoin(url, "/robots.txt"), self.parse_robots,
                                          "sitemap", entry=True)
            yield self._discovery_request(url, self.parse_home, "feed", entry=True)
        # WARC files and CC-NEWS: their pages go to the pipelines as items (crawler.warc).
        reader = archive_reader(self.crawler, self.targets)
        if reader is not None:
            async for item in reader.items():
                yield item

    def article_request(self, url: str, source: str, updated: datetime | None = None) -> Request:
        """Build the request for one article page.

        The URL is normalised (no trackers, no fragment); ``updated`` (a sitemap lastmod or
        feed date) lets the incremental middleware fetch a page early when it changed.
        A 304 answer reaches the callback (conditional requests).
        """
        return Request(
            normalize_url(url),
            callback=self.parse_article,
            errback=self.on_error,
            meta={"source": source, "article": True, "updated": updated,
                  "handle_httpstatus_list": [304]},
        )

    def _discovery_request(self, url: str, callback: Any, source: str,
                           entry: bool = False) -> Request:
        return Request(url, callback=callback, errback=self.on_discovery_error,
                       meta={"source": source}, dont_filter=entry)

    # -- discovery ------------------------------------------------------------------------

    def parse_robots(self, response: Response) -> Iterable[Request]:
        """Follow the sitemaps robots.txt names, else try ``/sitemap.xml``."""
        urls = list(sitemap_urls_from_robots(response.body, base_url=response.url))
        self._inc("news/discovery/robots_sitemaps", len(urls))
        if not urls:
            urls = [urljoin(response.url, "/sitemap.xml")]
        for url in urls:
            yield self._discovery_request(url, self._parse_sitemap, "sitemap")

    def parse_home(self, response: Response) -> Iterable[Request]:
        """Follow the feeds a home page announces with ``<link rel="alternate">``."""
        feeds = feed_links(response.body, response.url)
        self._inc("news/discovery/home_feeds", len(feeds))
        for url in feeds:
            yield self._discovery_request(url, self.parse_feed, "feed")

    def parse_feed(self, response: Response) -> Iterable[Request]:
        """Request every entry of an RSS or Atom feed."""
        entries = feed_entries(response.body, response.url)
        if not entries:
            self._inc("news/discovery/empty_or_invalid_feed")
        self._inc("news/discovery/feed_entries", len(entries))
        for entry in entries:
            if self._fetchable(entry.url):
                yield self.article_request(entry.url, "feed", entry.updated)

    def sitemap_filter(self, entries: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
        """Remember each entry's ``lastmod`` for the incremental middleware."""
        for entry in entries:
            if not self._fetchable(str(entry.get("loc", ""))):
                continue
            lastmod = entry.get("lastmod")
            if lastmod and entry.get("loc"):
                parsed = _parse_date(lastmod)
                if parsed is not None:
                    self._lastmod[entry["loc"]] = parsed
            yield entry

    def _parse_sitemap(self, response: Response) -> Iterable[Request]:
        # Scrapy's SitemapSpider parses indexes, urlsets and .gz safely (no entities,
        # size-capped gunzip); here its article requests get our callback and meta.
        found = 0
        for request in super()._parse_sitemap(response):
            found += 1
            if request.callback == self.parse_article:
                self._inc("news/discovery/sitemap_entries")
                yield self.article_request(request.url, "sitemap",
                                           self._lastmod.pop(request.url, None))
            else:
                yield self._discovery_request(request.url, self._parse_sitemap, "sitemap")
        if not found:  # malformed, not a sitemap, or only unusable entries
            self._inc("news/discovery/empty_or_invalid_sitemap")

    def _fetchable(self, url: str) -> bool:
        """True for an http(s) URL; anything else is counted and never requested."""
        if urlsplit(url.strip()).scheme.lower() in FETCH_SCHEMES:
            return True
        self._inc("news/discovery/bad_scheme")
        return False

    def on_discovery_error(self, failure: Failure) -> None:
        """A sitemap, feed, robots.txt or home page failed: count it; the crawl goes on."""
        self._inc(f"news/discovery/failed/{_failure_reason(failure)}")
        self.logger.warning("discovery failed: %s", failure.getErrorMessage())

    # -- pages ----------------------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterable[PageItem]:
        """Hand an HTML page to the pipelines; record anything else with its reason."""
        item = PageItem(
            url=response.url,
            status=response.status,
            fetched_at=datetime.now(UTC),
            source=response.meta.get("source", "url"),
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
        )
        if response.status == 304:
            item.outcome = NOT_MODIFIED
            yield item
            return
        content_type = (_header(response, b"Content-Type") or "").lower()
        if not isinstance(response, TextResponse) or (
            content_type and content_type.split(";")[0].strip() not in HTML_TYPES
        ):
            item.outcome, item.reason = NOT_HTML, content_type or "no content type"
            yield item
            return
        kind = binary_kind(response.body)
        if kind is not None:  # an image, PDF or archive labelled text/html
            item.outcome, item.reason = NOT_HTML, f"binary body ({kind}) served as {content_type}"
            self._inc("news/skipped/binary_body")
            yield item
            return
        item.body, item.content_type = response.body, _header(response, b"Content-Type")
        yield item

    def on_error(self, failure: Failure) -> Iterable[PageItem]:
        """Record a failed article request with its reason; the crawl goes on."""
        if isinstance(failure.value, FreshPage):
            return
        request = failure.request  # type: ignore[attr-defined]
        # After redirects, record the URL that was asked for, not where the chain ended.
        url = (request.meta.get("redirect_urls") or [request.url])[0]
        item = PageItem(url=url, status=None, fetched_at=datetime.now(UTC),
                        source=request.meta.get("source", "url"), outcome=ERROR,
                        reason=_failure_reason(failure))
        if isinstance(failure.value, HttpError):
            item.status = failure.value.response.status
        elif isinstance(failure.value, IgnoreRequest) and "robots.txt" in str(failure.value):
            item.outcome, item.reason = ROBOTS_DISALLOWED, "robots.txt"
        elif item.reason == "max_size":
            item.outcome = TOO_LARGE
        self._inc(f"news/skipped/{item.reason}")
        yield item

    def _inc(self, key: str, count: int = 1) -> None:
        if self.crawler.stats is not None and count:
            self.crawler.stats.inc_value(key, count)


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _failure_reason(failure: Failure) -> str:
    """A short, stable reason for a failed request (``http_404``, ``timeout``, ...)."""
    error = failure.value
    if isinstance(error, HttpError):
        return f"http_{error.response.status}"
    if isinstance(error, IgnoreRequest) and "robots.txt" in str(error):
        return "robots_disallowed"
    if isinstance(error, PrivateAddress):
        return "private_address"
    if isinstance(error, RedirectLoop):
        return "redirect_loop"
    message = failure.getErrorMessage()
    if isinstance(error, DownloadCancelledError | IgnoreRequest) and (
        "max size" in message or "DOWNLOAD_MAXSIZE" in message
    ):
        return "max_size"  # over DOWNLOAD_MAXSIZE, also after decompression (gzip bomb)
    if isinstance(error, DownloadCancelledError):
        return "max_size"  # Scrapy cancels a download only for its size
    if isinstance(error, IgnoreRequest) and "max redirections" in message:
        return "redirect_max"
    if isinstance(error, DownloadTimeoutError):
        return "timeout"
    if isinstance(error, ResponseDataLossError):
        return "connection_lost"  # reset or closed before Content-Length bytes arrived
    if isinstance(error, ResponseFailed | ConnectionLost):
        return "connection_lost"
    name = type(error).__name__
    return {"TimeoutError": "timeout", "TCPTimedOutError": "timeout",
            "DNSLookupError": "dns_error", "ConnectionRefusedError": "connection_refused",
            "CancelledError": "cancelled"}.get(name, name)
