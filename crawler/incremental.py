"""Incremental crawling: fetch only what is new or may have changed.

A spider middleware looks the article URLs of each sitemap or feed up in the store's
``pages`` table in batches (in a worker thread, off the reactor) before they are
scheduled; a downloader middleware does the same, one by one, for any other article
request (``-a url=...``):

- never fetched: fetch;
- still within its re-crawl interval (``next_fetch_at`` in the future) and no sitemap
  ``lastmod`` or feed date newer than the last fetch: skip (``news/incremental/fresh``);
- otherwise: fetch conditionally, with ``If-None-Match`` / ``If-Modified-Since`` from the
  last response, so an unchanged page costs a 304.

Failing URLs have a growing ``next_fetch_at`` (back-off), so they are skipped likewise.
Listing pages of link following (``meta["listing"]``) are due again once
``NEWS_LISTING_REFETCH_INTERVAL`` hours passed since their last fetch (0: every run), and
are then fetched conditionally: a changed listing brings its new article links.
``NEWS_INCREMENTAL_ENABLED = False`` fetches everything.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Self

from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads

from crawler.config import IncrementalConfig
from crawler.store import crawl_store
from storage import PageState, Store, normalize_url, site_of

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class FreshPage(IgnoreRequest):
    """The page was fetched recently and nothing says it changed."""


class _StoreLookups:
    """Shared by both middlewares: the crawl's store and the freshness decision."""

    def __init__(self, crawler: Crawler, store: Store, config: IncrementalConfig) -> None:
        self.crawler = crawler
        self.store = store
        self.listing_interval: timedelta = config.listing_interval
        # A site the store has never seen needs no look-up: its first crawl costs no
        # query per page. (Pages found twice within a run are the duplicate filter's job.)
        self.known_sites = store.known_sites()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        config = IncrementalConfig.from_settings(crawler.settings)
        if not config.enabled:
            raise NotConfigured  # off: nothing to say about it
        return cls(crawler, crawl_store(crawler), config)

    def needs_lookup(self, request: Request) -> bool:
        return bool(
            (request.meta.get("article") or request.meta.get("listing"))
            and not request.meta.get("incremental_checked")
            and site_of(request.url) in self.known_sites
        )

    async def lookup(self, urls: list[str]) -> dict[str, PageState]:
        return await maybe_deferred_to_future(threads.deferToThread(self.store.page_states, urls))

    def apply(self, request: Request, state: PageState | None) -> bool:
        """Mark ``request`` checked; add conditional headers. False: skip it (fresh)."""
        request.meta["incremental_checked"] = True
        if state is None:
            return True
        stats = self.crawler.stats
        assert stats is not None
        updated: datetime | None = request.meta.get("updated")
        changed_since = updated is not None and updated > state.last_fetched_at
        due_at = state.next_fetch_at
        if request.meta.get("listing"):
            due_at = state.last_fetched_at + self.listing_interval
        if due_at > datetime.now(UTC) and not changed_since:
            stats.inc_value("news/incremental/fresh")
            return False
        if state.etag:
            request.headers[b"If-None-Match"] = state.etag.encode("latin-1")
        if state.last_modified:
            request.headers[b"If-Modified-Since"] = state.last_modified.encode("latin-1")
        if state.etag or state.last_modified:
            stats.inc_value("news/incremental/conditional")
        return True


class IncrementalSpiderMiddleware(_StoreLookups):
    """Check the article requests of a sitemap or feed in batches, one query per 500.

    A fresh page is dropped here, before it is even scheduled.
    """

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        pending: list[Request] = []
        async for output in result:
            # Listing requests go one by one (downloader middleware): the spider counts them
            # out and back in, so a skipped one must reach its errback.
            if (
                isinstance(output, Request)
                and output.meta.get("article")
                and self.needs_lookup(output)
            ):
                pending.append(output)
            else:
                yield output
        if not pending:
            return
        states = await self.lookup([request.url for request in pending])
        for request in pending:
            if self.apply(request, states.get(normalize_url(request.url))):
                yield request


class IncrementalMiddleware(_StoreLookups):
    """Check, one by one, the article requests the spider middleware has not seen."""

    async def process_request(self, request: Request) -> None:
        if not self.needs_lookup(request):
            request.meta["incremental_checked"] = True
            return
        states = await self.lookup([request.url])
        if not self.apply(request, states.get(normalize_url(request.url))):
            raise FreshPage("fetched recently, still fresh")
