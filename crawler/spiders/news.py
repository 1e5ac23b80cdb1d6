"""The `news` spider: article pages from URLs, sitemaps, feeds or a site's own pointers.

``scrapy crawl news -a url=URL[,URL...]`` / ``-a urls_file=FILE`` / ``-a sitemap=URL`` /
``-a feed=URL`` / ``-a site=https://host/`` / ``-a follow=URL``; arguments combine.

``site`` reads robots.txt's sitemaps (else ``/sitemap.xml``), the home page's feeds, and
follows the home page's links; ``follow`` follows links from any page. Link following
(`crawler.links`) judges each link before it is requested, stays on the start hosts and
keeps to ``-a depth=``; listing pages are followed and recorded, never stored. The crawl's
scope (``max_articles``, ``since``, ``until``, ``lang``) is `crawler.scope`'s.

Every article request ends in a `PageItem` with an outcome, also when it fails, so the
store's ``pages`` table knows what happened to each URL.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request, signals
from scrapy.exceptions import (
    DontCloseSpider,
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

from crawler.arguments import CrawlTargets, parse_scope
from crawler.discovery import _parse_date, feed_entries, feed_links
from crawler.encoding import binary_kind
from crawler.incremental import FreshPage
from crawler.items import PageItem
from crawler.links import ARTICLE, LISTING, SKIP, Frontier, extract_links, page_kind
from crawler.middlewares import PrivateAddress, RedirectLoop
from crawler.warc import archive_reader
from storage import PageOutcome
from storage.urls import normalize_url

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Only these are fetched: a sitemap or feed entry to file:, ftp:, javascript: or data:
# is dropped and counted (news/discovery/bad_scheme).
FETCH_SCHEMES = frozenset({"http", "https"})
# Listing pages in flight at once: few, so that what the first pages of a shape brought
# decides whether the next ones are worth a request (`Frontier.productive`).
LISTINGS_IN_FLIGHT = 4
# Sitemap and feed entries wait in the spider as (url, source, updated) tuples, a tenth of
# a Request's memory; at most this many of their requests are out at once (scheduled,
# downloading or parsed), topped up by half of it when fewer remain. A sitemap of 50,000
# entries holds 50,000 tuples, not 50,000 Requests. Each top-up is one store look-up batch
# (`crawler.incremental`). With a shared Redis queue every entry goes to the queue at
# once, for the other processes to take.
ENTRIES_OUT = 1000
CONTINUE_URL = "data:,"


class NewsSpider(SitemapSpider):
    """Fetch article pages and hand them to the cleaning and storage pipelines."""

    name = "news"
    sitemap_rules = (("", "parse_article"),)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.arguments = {k: str(v) for k, v in kwargs.items()}
        self.targets = CrawlTargets.from_arguments(self.arguments)
        super().__init__(*args)
        self.allowed_domains = list(self.targets.domains)
        self.scope = parse_scope(self.arguments)
        self._lastmod: dict[str, datetime] = {}
        self.frontier = Frontier(max_depth=self.targets.depth)
        self._follow_hosts = {
            (urlsplit(url).hostname or "").lower()
            for url in (*self.targets.sites, *self.targets.follow)
        }
        self._known: set[str] = set()  # article URLs requested or listed in a sitemap
        self._listings_in_flight = 0
        self._entries: deque[tuple[str, str, datetime | None]] = deque()
        self._entries_out = 0  # requests made from `_entries` not yet answered
        self._hold_entries = True

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider._entry_dropped, signal=signals.request_dropped)
        spider._hold_entries = not crawler.settings.get("NEWS_REDIS_URL")
        return spider

    async def start(self) -> AsyncIterator[Any]:
        for url in self.targets.urls:
            yield self.article_request(url, "url")
        # Entry points are fetched on every run, a resumed one (JOBDIR) included.
        for url in self.targets.sitemaps:
            yield self._discovery_request(url, self._parse_sitemap, "sitemap", entry=True)
        for url in self.targets.feeds:
            yield self._discovery_request(url, self.parse_feed, "feed", entry=True)
        for url in self.targets.sites:
            robots = self._discovery_request(
                urljoin(url, "/robots.txt"), self.parse_robots, "sitemap", entry=True
            )
            yield robots.replace(errback=self.on_robots_error)
            yield self._discovery_request(url, self.parse_home, "feed", entry=True)
        for url in (*self.targets.sites, *self.targets.follow):
            self.frontier.mark_seen(normalize_url(url))  # never fetched again as a link
        for url in self.targets.follow:
            yield self._listing_request(url, 0, entry=True)
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
        url = normalize_url(url)
        self._known.add(url)
        meta: dict[str, Any] = {
            "source": source,
            "article": True,
            "updated": updated,
            "handle_httpstatus_list": [304],
        }
        if source == "url":
            meta["incremental_checked"] = True  # named by the operator: always fetched
        return Request(url, callback=self.parse_article, errback=self.on_error, meta=meta)

    def _listing_request(self, url: str, depth: int, entry: bool = False) -> Request:
        """A listing page to read links from; fetched again on each run, conditionally."""
        self._listings_in_flight += 1
        meta: dict[str, Any] = {
            "source": "link",
            "link_depth": depth,
            "handle_httpstatus_list": [304],
        }
        if not entry:  # a start page is read whole every run: its links are the way in
            meta["listing"] = True
        return Request(
            url,
            callback=self.parse_listing,
            errback=self.on_listing_error,
            meta=meta,
            dont_filter=entry,
        )

    def _discovery_request(
        self, url: str, callback: Any, source: str, entry: bool = False
    ) -> Request:
        return Request(
            url,
            callback=callback,
            errback=self.on_discovery_error,
            meta={"source": source},
            dont_filter=entry,
        )

    # -- discovery ------------------------------------------------------------------------

    def on_robots_error(self, failure: Failure) -> Iterable[Request]:
        """robots.txt failed (a 404, say): ``/sitemap.xml`` is still worth a try."""
        self._inc(f"news/discovery/failed/{_failure_reason(failure)}")
        request = failure.request  # type: ignore[attr-defined]
        yield self._discovery_request(
            urljoin(request.url, "/sitemap.xml"), self._parse_sitemap, "sitemap"
        )

    def parse_robots(self, response: Response) -> Iterable[Request]:
        """Follow the sitemaps robots.txt names, else try ``/sitemap.xml``."""
        urls = list(sitemap_urls_from_robots(response.body, base_url=response.url))
        self._inc("news/discovery/robots_sitemaps", len(urls))
        if not urls:
            urls = [urljoin(response.url, "/sitemap.xml")]
        for url in urls:
            yield self._discovery_request(url, self._parse_sitemap, "sitemap")

    def parse_home(self, response: Response) -> Iterable[Request | PageItem]:
        """Follow the feeds a home page announces, and its links (`parse_listing`)."""
        feeds = feed_links(response.body, response.url)
        self._inc("news/discovery/home_feeds", len(feeds))
        for url in feeds:
            yield self._discovery_request(url, self.parse_feed, "feed")
        if isinstance(response, TextResponse):
            self._listings_in_flight += 1  # parse_listing counts it back
            response.meta["link_depth"] = 0
            yield from self.parse_listing(response)

    def parse_feed(self, response: Response) -> Iterable[Request | PageItem]:
        """Request every entry of an RSS or Atom feed."""
        entries = feed_entries(response.body, response.url)
        if not entries:
            self._inc("news/discovery/empty_or_invalid_feed")
        self._inc("news/discovery/feed_entries", len(entries))
        for entry in entries:
            if not self._fetchable(entry.url):
                continue
            left_out = self._out_of_scope(entry.url, entry.updated)
            if left_out is not None:
                yield left_out
            else:
                self._add_entry(entry.url, "feed", entry.updated)
        yield from self._entry_requests()

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

    def _parse_sitemap(  # type: ignore[override]
        self, response: Response
    ) -> Iterable[Request | PageItem]:
        # Scrapy's SitemapSpider parses indexes, urlsets and .gz safely (no entities,
        # size-capped gunzip); here its article requests get our callback and meta.
        found = 0
        for request in super()._parse_sitemap(response):
            found += 1
            if request.callback == self.parse_article:
                self._inc("news/discovery/sitemap_entries")
                updated = self._lastmod.pop(request.url, None)
                left_out = self._out_of_scope(request.url, updated)
                if left_out is not None:
                    yield left_out
                else:
                    self._add_entry(request.url, "sitemap", updated)
            else:
                yield self._discovery_request(request.url, self._parse_sitemap, "sitemap")
        if not found:  # malformed, not a sitemap, or only unusable entries
            self._inc("news/discovery/empty_or_invalid_sitemap")
        yield from self._entry_requests()

    # -- entries waiting for their request ------------------------------------------------

    def _add_entry(self, url: str, source: str, updated: datetime | None) -> None:
        """Queue a sitemap or feed entry; its request is made when there is room."""
        url = normalize_url(url)
        self._known.add(url)  # as if requested: a link to it is not followed again
        self._entries.append((url, source, updated))

    def _entry_requests(self) -> Iterable[Request]:
        """Requests for queued entries, while fewer than `ENTRIES_OUT` are out.

        The newest entries go first, as the scheduler's last-in-first-out queue would have
        taken them had every request been made at once; within a batch the order of
        discovery is kept.
        """
        room = len(self._entries) if not self._hold_entries else ENTRIES_OUT - self._entries_out
        if room <= 0 or not self._entries:
            return
        batch = [self._entries.pop() for _ in range(min(room, len(self._entries)))]
        self._entries_out += len(batch)
        for url, source, updated in reversed(batch):
            request = self.article_request(url, source, updated)
            request.meta["entry"] = True
            yield request

    def _entry_answered(self, meta: dict[str, Any]) -> Iterable[Request]:
        """An entry's request ended (answer or error): top the entries up when low."""
        if not meta.pop("entry", False):
            return
        self._entries_out = max(0, self._entries_out - 1)
        if self._entries and self._entries_out <= ENTRIES_OUT // 2:
            yield from self._entry_requests()

    def next_entries(self, response: Response) -> Iterable[Request]:
        """Requests for the next queued entries (`on_idle`'s continuation)."""
        yield from self._entry_requests()

    def _entry_dropped(self, request: Request, spider: Any = None) -> None:
        """The duplicate filter dropped an entry's request: it is no longer out."""
        if request.meta.pop("entry", False):
            self._entries_out = max(0, self._entries_out - 1)

    def _out_of_scope(self, url: str, updated: datetime | None) -> PageItem | None:
        """A record for ``url`` when a date already puts it outside ``-a since/until``.

        The page is not fetched; the record (outcome ``out_of_scope``) says why.
        """
        if not self.scope.filters_dates:
            return None
        reason = self.scope.skip_before_fetch(url, updated)
        if reason is None:
            return None
        url = normalize_url(url)
        self._known.add(url)
        self._inc("news/scope/skipped_before_fetch")
        return PageItem(
            url=url,
            status=None,
            fetched_at=datetime.now(UTC),
            source="scope",
            outcome=PageOutcome.OUT_OF_SCOPE,
            reason=reason,
        )

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

    # -- link following --------------------------------------------------------------------

    def parse_listing(self, response: Response) -> Iterable[PageItem | Request]:
        """Read a listing page's links; a page that turns out to be an article is one."""
        self._listings_in_flight -= 1
        depth = int(response.meta.get("link_depth", 0))
        if response.status == 304:
            self._inc("news/links/listing_not_modified")
            yield self._page_item(response, PageOutcome.NOT_MODIFIED)
        elif isinstance(response, TextResponse):
            links = extract_links(response.body, response.url)
            kind = page_kind(response.body, links)
            self.frontier.learn(response.url, kind)
            if kind == ARTICLE and depth > 0:
                self._inc("news/links/listing_was_article")
                self._known.add(normalize_url(response.url))
                yield from self.parse_article(response)
            else:
                yield self._page_item(response, PageOutcome.NOT_ARTICLE, "listing")
            new_articles = 0
            for output in self._follow_links(response, links, depth):
                new_articles += isinstance(output, Request) and bool(output.meta.get("article"))
                yield output
            self.frontier.visited_listing(response.url, new_articles, 0)
        yield from self._release()

    def _follow_links(
        self, response: Response, links: Iterable[Any], depth: int
    ) -> Iterable[Request | PageItem]:
        """Article requests for the links judged articles; listings go to the frontier."""
        for link in links:
            host = (urlsplit(link.url).hostname or "").lower()
            if host not in self._follow_hosts:
                self._inc("news/links/offsite")
                continue
            verdict = self.frontier.judge(link)
            if verdict.kind == SKIP:
                self._inc(f"news/links/skipped/{verdict.reason}")
                continue
            url = normalize_url(link.url)
            if verdict.kind == ARTICLE:
                if url in self._known:
                    continue
                left_out = self._out_of_scope(url, None)
                if left_out is not None:
                    yield left_out
                    continue
                self._inc("news/links/article")
                request = self.article_request(url, "link")
                request.meta["link_depth"] = depth + 1
                yield request
            elif url not in self._known and self.frontier.add(
                url, depth + 1, verdict.score, response.url
            ):
                self._inc("news/links/listing_queued")

    def _release(self) -> Iterable[Request]:
        """Listing pages from the frontier, while fewer than `LISTINGS_IN_FLIGHT` are out."""
        while self._listings_in_flight < LISTINGS_IN_FLIGHT:
            pending = self.frontier.pop()
            if pending is None:
                break
            yield self._listing_request(*pending)

    def on_idle(self) -> None:
        """Nothing else to do: fetch the next listing pages, or let the crawl end."""
        assert self.crawler.engine is not None
        self._listings_in_flight = 0  # idle: none is out (one dropped on the way is not)
        released = list(self._release())
        if self._entries:
            # Idle with entries queued: the requests counted out were dropped on the way
            # (pages still fresh in the store), none is out any more. The next ones are
            # made in a callback, so that spider middlewares see them as a batch (the
            # store's look-ups): a ``data:`` URL, answered without a connection.
            self._entries_out = 0
            released.append(
                Request(
                    CONTINUE_URL,
                    callback=self.next_entries,
                    errback=self.on_discovery_error,
                    meta={"source": "sitemap"},
                    dont_filter=True,
                )
            )
        for request in released:
            self.crawler.engine.crawl(request)
        if released:
            raise DontCloseSpider
        self._inc("news/links/given_up_unproductive", self.frontier.given_up)
        self.frontier.given_up = 0

    def on_listing_error(self, failure: Failure) -> Iterable[Request]:
        """A listing page failed: count it, go on with the next."""
        self._listings_in_flight -= 1
        if isinstance(failure.value, FreshPage):
            self._inc("news/links/listing_fresh")
        else:
            self._inc(f"news/links/failed/{_failure_reason(failure)}")
        yield from self._release()

    def _page_item(
        self, response: Response, outcome: PageOutcome, reason: str | None = None
    ) -> PageItem:
        return PageItem(
            url=response.url,
            status=response.status,
            fetched_at=datetime.now(UTC),
            source="link",
            outcome=outcome,
            reason=reason,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
        )

    # -- pages ----------------------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterable[PageItem | Request]:
        """Hand an HTML page to the pipelines; record anything else with its reason."""
        yield from self._article_outputs(response)
        yield from self._entry_answered(response.meta)

    def _article_outputs(self, response: Response) -> Iterable[PageItem | Request]:
        item = PageItem(
            url=response.url,
            status=response.status,
            fetched_at=datetime.now(UTC),
            source=response.meta.get("source", "url"),
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
        )
        if response.status == 304:
            item.outcome = PageOutcome.NOT_MODIFIED
            yield item
            return
        content_type = (_header(response, b"Content-Type") or "").lower()
        if not isinstance(response, TextResponse) or (
            content_type and content_type.split(";")[0].strip() not in HTML_TYPES
        ):
            item.outcome, item.reason = PageOutcome.NOT_HTML, content_type or "no content type"
            yield item
            return
        kind = binary_kind(response.body)
        if kind is not None:  # an image, PDF or archive labelled text/html
            item.outcome, item.reason = (
                PageOutcome.NOT_HTML,
                f"binary body ({kind}) served as {content_type}",
            )
            self._inc("news/skipped/binary_body")
            yield item
            return
        depth = response.meta.get("link_depth")
        if depth is not None and response.meta.get("article"):
            # Found by a link: judged like any page, its links followed (related stories).
            links = extract_links(response.body, response.url)
            kind = page_kind(response.body, links)
            self.frontier.learn(response.url, kind)
            yield from self._follow_links(response, links, int(depth))
            yield from self._release()
            if kind == LISTING:
                self._inc("news/links/article_was_listing")
                item.outcome, item.reason = PageOutcome.NOT_ARTICLE, "listing"
                yield item
                return
        item.body, item.content_type = response.body, _header(response, b"Content-Type")
        yield item

    def on_error(self, failure: Failure) -> Iterable[PageItem | Request]:
        """Record a failed article request with its reason; the crawl goes on."""
        request = failure.request  # type: ignore[attr-defined]
        yield from self._entry_answered(request.meta)
        if isinstance(failure.value, FreshPage):
            return
        # After redirects, record the URL that was asked for, not where the chain ended.
        url = (request.meta.get("redirect_urls") or [request.url])[0]
        item = PageItem(
            url=url,
            status=None,
            fetched_at=datetime.now(UTC),
            source=request.meta.get("source", "url"),
            outcome=PageOutcome.ERROR,
            reason=_failure_reason(failure),
        )
        if isinstance(failure.value, HttpError):
            item.status = failure.value.response.status
        elif isinstance(failure.value, IgnoreRequest) and "robots.txt" in str(failure.value):
            item.outcome, item.reason = PageOutcome.ROBOTS_DISALLOWED, "robots.txt"
        elif item.reason == "max_size":
            item.outcome = PageOutcome.TOO_LARGE
        self._inc(f"news/skipped/{item.reason}")
        yield item

    def closed(self, reason: str) -> None:
        """Warn, naming where the crawl started, when it stored nothing at all."""
        stats = self.crawler.stats
        if stats is None or self.targets.warcs or self.targets.ccnews:
            return
        kept = sum(
            stats.get_value(f"news/pages/{o}", 0) for o in ("stored", "unchanged", "not_modified")
        )
        if kept or stats.get_value("news/incremental/fresh", 0):
            return
        starts = (
            *self.targets.urls,
            *self.targets.sitemaps,
            *self.targets.feeds,
            *self.targets.sites,
            *self.targets.follow,
        )
        self.logger.warning(
            "no article stored from %s%s (%d pages fetched): see the pages table's outcomes, "
            "or try -a follow=<a section page>",
            starts[0] if starts else "?",
            f" and {len(starts) - 1} more" if len(starts) > 1 else "",
            stats.get_value("response_received_count", 0),
        )

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
    return {
        "TimeoutError": "timeout",
        "TCPTimedOutError": "timeout",
        "DNSLookupError": "dns_error",
        "ConnectionRefusedError": "connection_refused",
        "CancelledError": "cancelled",
    }.get(name, name)
