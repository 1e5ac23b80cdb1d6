"""Incremental crawling: fetch only what is new or may have changed.

A downloader middleware that looks each article URL up in the store's ``pages`` table
(in a worker thread, off the reactor) before it is fetched:

- never fetched: fetch;
- still within its re-crawl interval (``next_fetch_at`` in the future) and no sitemap
  ``lastmod`` or feed date newer than the last fetch: skip (``news/incremental/fresh``);
- otherwise: fetch conditionally, with ``If-None-Match`` / ``If-Modified-Since`` from the
  last response, so an unchanged page costs a 304.

Failing URLs have a growing ``next_fetch_at`` (back-off), so they are skipped likewise.
``NEWS_INCREMENTAL_ENABLED = False`` fetches everything.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from sqlalchemy.orm import Session
from twisted.internet import threads

from crawler.config import StorageConfig
from storage import PageState, make_engine, page_state, retry_while_unreachable, upgrade
from storage.repository import known_sites
from storage.urls import site_of

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from sqlalchemy import Engine


class FreshPage(IgnoreRequest):
    """The page was fetched recently and nothing says it changed."""


class IncrementalMiddleware:
    """Skip fresh pages, make the others conditional requests."""

    def __init__(self, crawler: Crawler, engine: Engine) -> None:
        self.crawler = crawler
        self.engine = engine
        self.outage_timeout = StorageConfig.from_settings(crawler.settings).outage_timeout
        # A site the store has never seen needs no look-up: its first crawl costs no
        # query per page. (Pages found twice within a run are the duplicate filter's job.)
        with Session(engine) as session:
            self.known_sites = known_sites(session)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalMiddleware:
        if not crawler.settings.getbool("NEWS_INCREMENTAL_ENABLED", True):
            raise NotConfigured("NEWS_INCREMENTAL_ENABLED is off")
        engine = make_engine(StorageConfig.from_settings(crawler.settings).url)
        upgrade(engine)  # the pages table must exist before the first look-up
        return cls(crawler, engine)

    async def process_request(self, request: Request) -> None:
        if not request.meta.get("article") or request.meta.get("incremental_checked"):
            return
        request.meta["incremental_checked"] = True
        if site_of(request.url) not in self.known_sites:
            return
        state = await maybe_deferred_to_future(threads.deferToThread(self._lookup, request.url))
        if state is None:
            return
        stats = self.crawler.stats
        assert stats is not None
        updated: datetime | None = request.meta.get("updated")
        changed_since = updated is not None and updated > state.last_fetched_at
        if state.next_fetch_at > datetime.now(UTC) and not changed_since:
            stats.inc_value("news/incremental/fresh")
            raise FreshPage(f"fetched {state.last_fetched_at:%Y-%m-%d %H:%M} UTC, still fresh")
        if state.etag:
            request.headers[b"If-None-Match"] = state.etag.encode("latin-1")
        if state.last_modified:
            request.headers[b"If-Modified-Since"] = state.last_modified.encode("latin-1")
        if state.etag or state.last_modified:
            stats.inc_value("news/incremental/conditional")

    def _lookup(self, url: str) -> PageState | None:
        def look_up() -> PageState | None:
            with Session(self.engine) as session:
                return page_state(session, url)

        return retry_while_unreachable(look_up, self.outage_timeout)
