"""Item pipelines: clean each fetched page, then store the article.

Cleaning errors become dropped items with a counted reason (``news/cleaning/<reason>``);
storage writes are batched and run in a worker thread so the reactor never waits on the
database.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import task, threads
from twisted.internet.defer import Deferred, DeferredLock

from cleaning import CleaningError, extract_article
from crawler.config import StorageConfig
from crawler.items import PageItem
from storage import FetchedArticle, make_engine, redact, upgrade, upsert_articles
from storage.errors import StorageError

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from sqlalchemy import Engine

logger = logging.getLogger(__name__)


class CleaningPipeline:
    """Turn a fetched page into an `Article`, or drop it with the cleaner's reason."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CleaningPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        stats = self.crawler.stats
        assert stats is not None
        try:
            item.article = extract_article(item.html, item.url)
        except CleaningError as exc:
            stats.inc_value(f"news/cleaning/{exc.reason}")
            raise DropItem(f"{exc.reason}: {exc} <{item.url}>") from None
        stats.inc_value("news/cleaning/ok")
        return item


class StoragePipeline:
    """Write articles to the store in batches, off the reactor thread.

    The database is brought to the current schema when the spider opens; a batch is
    written when it is full, every ``NEWS_DB_FLUSH_INTERVAL`` seconds, and when the spider
    closes. The item that fills a batch waits for its write, which keeps memory bounded
    when the database is slower than the crawl.
    """

    def __init__(self, crawler: Crawler, config: StorageConfig) -> None:
        self.crawler = crawler
        self.config = config
        self.engine: Engine | None = None
        self._buffer: list[FetchedArticle] = []
        self._lock = DeferredLock()
        self._timer: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        return cls(crawler, StorageConfig.from_settings(crawler.settings))

    def open_spider(self) -> None:
        self.engine = make_engine(self.config.url)
        upgrade(self.engine)
        logger.info("storing articles in %s", redact(self.config.url))
        self._timer = task.LoopingCall(self._flush)
        self._timer.start(self.config.flush_interval, now=False)

    async def close_spider(self) -> None:
        if self._timer is not None and self._timer.running:
            self._timer.stop()
        try:
            await maybe_deferred_to_future(self._flush())
        finally:
            if self.engine is not None:
                self.engine.dispose()

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem) or item.article is None:
            return item
        self._buffer.append(FetchedArticle(item.article, item.fetched_at))
        if len(self._buffer) >= self.config.batch_size:
            await maybe_deferred_to_future(self._flush())
        return item

    def _flush(self) -> Deferred[None]:
        if not self._buffer:
            return self._lock.run(lambda: None)  # still waits for a write in progress
        batch, self._buffer = self._buffer, []
        return self._lock.run(threads.deferToThread, self._write, batch)

    def _write(self, batch: list[FetchedArticle]) -> None:
        from sqlalchemy.orm import Session

        assert self.engine is not None
        stats = self.crawler.stats
        assert stats is not None
        try:
            with Session(self.engine) as session, session.begin():
                written = upsert_articles(session, batch)
        except Exception as exc:
            stats.inc_value("news/storage/failed", len(batch))
            raise StorageError(f"writing {len(batch)} articles failed: {exc}") from exc
        stats.inc_value("news/storage/written", written)
