"""Item pipelines: clean each fetched page, then record it in the store.

Cleaning errors become an outcome with a reason (``news/cleaning/<reason>``), recorded in
the store's ``pages`` table like every other outcome. Storage writes are batched and run
in a worker thread, so the reactor never waits on the database; the crawl is recorded in
``crawl_runs`` from start to finish.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from scrapy import Request, signals
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet import task, threads
from twisted.internet.defer import Deferred, DeferredLock
from twisted.python.failure import Failure

from cleaning import Article, NoArticleText
from cleaning.boilerplate import CrawlBoilerplate, PageEvidence, page_evidence
from cleaning.metadata.zones import CrawlZones
from crawler.config import STORE_UNAVAILABLE, CleaningConfig, StorageConfig
from crawler.items import PageItem, export_row
from crawler.pool import CleaningPool, CleanResult, clean_page
from crawler.reclean import learned_boilerplate, reclean_store
from crawler.render import RenderConfig, render_request
from crawler.store import crawl_store
from storage import PageOutcome, PageVisit, StorageError, Store, normalize_url, site_of

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.spiders import Spider

logger = logging.getLogger(__name__)

# Seconds a stored article waits for its batch to be written when a feed export is on.
FEED_FLUSH_DELAY = 0.5
# Content types of an AMP version or a rendered page that are cleaned.
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


class CleaningPipeline:
    """Turn a fetched page into an `Article`, or give it the cleaner's outcome and reason.

    Extraction runs in a pool of ``NEWS_CLEANING_WORKERS`` processes (`crawler.pool`),
    created when the spider opens and stopped when it closes; 0 extracts in-line.
    """

    def __init__(self, crawler: Crawler, config: CleaningConfig) -> None:
        self.crawler = crawler
        self.config = config
        self.pool: CleaningPool | None = None
        self.keep_raw_html = config.keep_raw_html
        # Per-site rules from the user's file (a bad file stops the crawl at start) and
        # each crawled site's learned boilerplate, read from the store once per crawl.
        self.rules = config.load_rules()
        self.boilerplate: dict[str, frozenset[str]] = {}
        # ...and the lines this crawl's own articles show to recur (`_observe`)
        self.evidence = CrawlBoilerplate()
        # ...and each site's usual time zone, from its pages that show theirs
        self.zones = CrawlZones()
        self.started_at = datetime.now(UTC)
        self.render = RenderConfig.from_settings(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CleaningPipeline:
        pipeline = cls(crawler, CleaningConfig.from_settings(crawler.settings))
        # after every pipeline closed, so the last batch of articles is stored
        crawler.signals.connect(pipeline._strip_earlier, signal=signals.spider_closed)
        return pipeline

    def _options(self, url: str) -> dict[str, Any]:
        options: dict[str, Any] = {}
        if self.rules is not None:
            options["rules"] = self.rules
        site = site_of(url)
        learned = self.boilerplate.get(site, frozenset()) | self.evidence.learned(site)
        if learned:
            options["boilerplate"] = learned
        zone = self.zones.offset(site)
        if zone is not None:
            options["zone_hint"] = zone
        return options

    def _observe(self, url: str, article: Article, evidence: PageEvidence | None) -> None:
        """Take a cleaned article as evidence of its site's recurring lines."""
        if self.config.learn_boilerplate:
            if evidence is None:  # a result made without a worker's help
                evidence = page_evidence(article.title, article.text)
            self.evidence.observe_evidence(site_of(url), evidence)

    def _strip_earlier(self) -> Deferred[None] | None:
        """Clean again this crawl's earlier pages of each site that learned lines meanwhile.

        Pages cleaned before a line was learned kept it; at the end of the crawl their
        stored raw HTML is cleaned again with the learned lines (the re-clean path of
        ``scrapy reclean``, one new revision where the text changes). Pages whose raw
        HTML is not kept (``NEWS_KEEP_RAW_HTML = False``) keep the line.
        """
        learned = self.evidence.sites()
        assert self.crawler.stats is not None
        self.crawler.stats.set_value(
            "news/cleaning/crawl_learned_lines", sum(map(len, learned.values()))
        )
        if not learned or not self.keep_raw_html:
            return None
        return threads.deferToThread(self._reclean_sites, learned)

    def _reclean_sites(self, learned: dict[str, frozenset[str]]) -> None:
        store = crawl_store(self.crawler)
        changed = 0
        for site, lines in sorted(learned.items()):
            summary = reclean_store(
                store,
                site=site,
                since=self.started_at,
                progress=False,
                rules=self.rules,
                boilerplate={site: lines | self.boilerplate.get(site, frozenset())},
            )
            changed += summary.changed
        assert self.crawler.stats is not None
        self.crawler.stats.set_value("news/cleaning/recleaned_after_learning", changed)

    def _learn(self) -> None:
        """Learn the boilerplate of each site this crawl starts from, from its stored text."""
        spider = self.crawler.spider
        targets = getattr(spider, "targets", None)
        # ... and of the hosts an archive crawl keeps (-a domains=, crawler.warc)
        domains = (*getattr(targets, "domains", ()), *sorted(getattr(targets, "only_domains", ())))
        if not self.config.learn_boilerplate or not domains:
            return
        sites = {site_of(f"http://{domain}/") for domain in domains}
        self.boilerplate.update(learned_boilerplate(crawl_store(self.crawler), sites))
        assert self.crawler.stats is not None
        self.crawler.stats.set_value(
            "news/cleaning/learned_boilerplate_lines", sum(map(len, self.boilerplate.values()))
        )

    def open_spider(self) -> None:
        self._learn()
        if self.config.workers > 0:
            self.pool = CleaningPool(
                self.config.workers, self.config.max_pending, self.keep_raw_html
            )
            self.pool.start()
            logger.info("cleaning in %d worker processes", self.config.workers)

    async def close_spider(self) -> None:
        if self.pool is not None:
            await self.pool.close()

    def kill(self) -> None:
        """Stop the cleaning workers at once (a forced stop)."""
        if self.pool is not None:
            self.pool.kill()

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem) or item.outcome:
            return item
        stats = self.crawler.stats
        assert stats is not None
        result = await self._clean(item.body, item.content_type, item.url)
        # Pages built by scripts: the AMP version, then a browser (`crawler.render`).
        result = await self._fallbacks(item.url, result)
        article = result.article
        if article is None:
            error = result.error
            assert error is not None
            stats.inc_value(f"news/cleaning/{error.reason}")
            item.outcome = result.outcome
            item.reason = f"{error.reason}: {error}"
            return item
        item.article, item.prepared = article, result.prepared
        item.body = b""  # compressed in `prepared`, or not kept: no need to hold it longer
        stats.inc_value("news/cleaning/ok")
        self._observe(item.url, article, result.evidence)
        if article.zone_evidence is not None:
            self.zones.observe(site_of(item.url), *article.zone_evidence)
        stats.inc_value(f"news/text_source/{article.text_source}")
        return item

    async def _clean(
        self, body: bytes, content_type: str | None, url: str, text_source: str | None = None
    ) -> CleanResult:
        if self.pool is None:
            return clean_page(
                body, content_type, url, self._options(url), self.keep_raw_html, text_source
            )
        return await self.pool.clean(body, content_type, url, text_source, **self._options(url))

    async def _fallbacks(self, url: str, outcome: CleanResult) -> CleanResult:
        """When neither markup nor app data held the article: its AMP version, a browser.

        ``render = always`` renders every article page (the rendered text wins when there
        is one); ``auto`` only a script shell whose AMP version, if any, held nothing.
        """
        article, error = outcome.article, outcome.error
        mode = self.render.mode_for(url, self.rules)
        if mode == "always":
            rendered = await self._fetch(render_request(url, self.render), "render")
            if rendered is not None:
                again = await self._clean(*rendered, url, "browser")
                if again.article is not None or article is None:
                    return again
            return outcome
        if article is not None or not isinstance(error, NoArticleText):
            return outcome
        if error.amp_url:
            fetched = await self._fetch(Request(error.amp_url, dont_filter=True), "amp")
            if fetched is not None:
                amp = await self._clean(*fetched, url, "amp")
                if amp.article is not None:
                    return amp
        if mode == "auto" and error.app_shell:
            rendered = await self._fetch(render_request(url, self.render), "render")
            if rendered is not None:
                again = await self._clean(*rendered, url, "browser")
                if again.article is not None:
                    return again
        return outcome

    async def _fetch(self, request: Request, kind: str) -> tuple[bytes, str | None] | None:
        """Fetch through the engine (robots.txt, delays, size and address checks apply)."""
        stats = self.crawler.stats
        assert stats is not None and self.crawler.engine is not None
        stats.inc_value(f"news/{kind}/requests")
        try:
            response = await self.crawler.engine.download_async(request)
        except Exception as exc:  # a failed fallback leaves the page's own outcome
            stats.inc_value(f"news/{kind}/failed")
            logger.info("%s of %s failed: %s", kind, request.url, _first_line(exc))
            return None
        content_type = response.headers.get(b"Content-Type")
        type_text = content_type.decode("latin-1") if content_type else None
        if response.status != 200 or (
            type_text and type_text.split(";")[0].strip().lower() not in _HTML_TYPES
        ):
            stats.inc_value(f"news/{kind}/failed")
            return None
        if len(response.body) > self.crawler.settings.getint("DOWNLOAD_MAXSIZE"):
            stats.inc_value(f"news/{kind}/too_large")
            return None
        return response.body, type_text


class StoragePipeline:
    """Record every page (and its article) in the store, in batches, off the reactor.

    The database is brought to the current schema when the spider opens; a batch is
    written when it is full, every ``NEWS_DB_FLUSH_INTERVAL`` seconds, and when the spider
    closes. The item that fills a batch waits for its write, which keeps memory bounded
    when the database is slower than the crawl. Pages that are not stored as articles
    are dropped after they are recorded, with their outcome as the reason.
    """

    def __init__(self, crawler: Crawler, config: StorageConfig) -> None:
        self.crawler = crawler
        self.config = config
        self.store: Store | None = None
        self.run_id: int | None = None
        self._buffer: list[PageVisit] = []
        self._lock = DeferredLock()
        self._timer: task.LoopingCall | None = None
        self._unavailable = False
        # With a feed export (-O file, FEEDS), each stored article's row goes on to it
        # once its batch is written: the items waiting, by stored URL.
        self.feeds = bool(crawler.settings.getdict("FEEDS"))
        self._waiting: dict[str, list[Deferred[dict[str, Any] | None]]] = {}
        self._soon = False  # a flush for them is scheduled

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        pipeline = cls(crawler, StorageConfig.from_settings(crawler.settings))
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        self.store = crawl_store(self.crawler)
        self.run_id = self.store.start_run(spider.name, dict(getattr(spider, "arguments", {})))
        logger.info("storing into %s (crawl run %s)", self.store.url, self.run_id)
        self._timer = task.LoopingCall(self._tick)
        self._timer.start(self.config.flush_interval, now=False)

    async def close_spider(self) -> None:
        if self._timer is not None and self._timer.running:
            self._timer.stop()
        await maybe_deferred_to_future(self._flush())

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        """Write the run's end and final stats (also when the crawl failed)."""
        if self.store is None or self.run_id is None:
            return
        stats = self.crawler.stats
        assert stats is not None
        final = {
            k: v.isoformat() if isinstance(v, datetime) else v for k, v in stats.get_stats().items()
        }
        final["finish_reason"] = reason
        try:
            await maybe_deferred_to_future(
                self._lock.run(threads.deferToThread, self._finish_run, reason, final)
            )
        except StorageError as exc:
            logger.error(
                "could not record the end of crawl run %s: %s", self.run_id, _first_line(exc)
            )

    def finish_now(self, reason: str, wait: float) -> None:
        """Record the run's end at once, waiting at most ``wait`` seconds (a forced stop).

        Pages still in the buffer are not written: they are not marked as fetched, so
        the next run fetches them again.
        """
        if self.store is None or self.run_id is None:
            return
        stats = self.crawler.stats
        assert stats is not None
        final = {
            k: v.isoformat() if isinstance(v, datetime) else v for k, v in stats.get_stats().items()
        }
        final["finish_reason"] = reason
        final["news/storage/not_written"] = len(self._buffer)
        writer = threading.Thread(target=self._finish_run, args=(reason, final), daemon=True)
        writer.start()
        writer.join(wait)

    def _finish_run(self, reason: str, final: dict[str, Any]) -> None:
        assert self.store is not None and self.run_id is not None
        self.store.finish_run(self.run_id, reason, final)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        self._buffer.append(
            PageVisit(
                url=item.url,
                outcome=item.outcome or PageOutcome.STORED,
                fetched_at=item.fetched_at,
                status=item.status,
                reason=item.reason,
                etag=item.etag,
                last_modified=item.last_modified,
                article=item.article,
                prepared=item.prepared,
            )
        )
        if len(self._buffer) >= self.config.batch_size:
            await maybe_deferred_to_future(self._flush())
        if item.article is None:
            raise DropItem(_drop_reason(item))
        if not self.feeds:
            return item
        # A feed gets the article as stored (`scrapy export`'s fields), never the
        # PageItem: its batch is written first, soon rather than at the next interval.
        waiter: Deferred[dict[str, Any] | None] = Deferred()
        self._waiting.setdefault(normalize_url(item.url), []).append(waiter)
        if not self._soon:
            self._soon = True
            asyncio.get_running_loop().call_later(FEED_FLUSH_DELAY, self._tick)
        row = await maybe_deferred_to_future(waiter)
        if row is None:
            raise DropItem(f"not stored (the store is unavailable) <{item.url}>")
        return export_row(row)

    def _flush(self) -> Deferred[None]:
        waiters, self._waiting, self._soon = self._waiting, {}, False
        if self._unavailable:
            # The store is gone and the crawl is stopping: what is left is not recorded,
            # so the next run fetches it again.
            if self._buffer:
                assert self.crawler.stats is not None
                self.crawler.stats.inc_value("news/storage/not_written", len(self._buffer))
                self._buffer = []
            _answer(None, waiters)
            return self._lock.run(lambda: None)
        if not self._buffer:
            return self._lock.run(lambda: None)  # still waits for a write in progress
        batch, self._buffer = self._buffer, []
        d: Deferred[Any] = self._lock.run(threads.deferToThread, self._write, batch, bool(waiters))
        d.addErrback(self._store_failed, batch)
        d.addBoth(_answer, waiters)
        return cast("Deferred[None]", d)

    def _tick(self) -> Deferred[None]:
        """A flush nobody waits for (the timer's, a feed's): a bug in it is logged."""
        return self._flush().addErrback(_log_bug)

    def _store_failed(self, failure: Failure, batch: list[PageVisit]) -> Failure | None:
        """The store stayed unreachable: stop the crawl with a clear error, lose nothing.

        Any other error is a bug: it propagates (to the item that waits for the write,
        or to `_tick`'s log), the crawl going on.
        """
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("news/storage/not_written", len(batch))
        if not isinstance(failure.value, StorageError):
            return failure
        if self._unavailable:
            return None
        assert self.crawler.engine is not None
        self._unavailable = True
        logger.error(
            "the store is unavailable, stopping the crawl: %s. Pages not yet written are "
            "not marked as fetched; the next run fetches them again.",
            failure.getErrorMessage(),
        )
        self.crawler.stats.set_value("news/storage/unavailable", failure.getErrorMessage())
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=STORE_UNAVAILABLE))
        return None

    def _write(self, batch: list[PageVisit], rows: bool = False) -> dict[str, dict[str, Any]]:
        """Write ``batch``; with ``rows``, return its articles' stored rows by URL."""
        assert self.store is not None
        stats = self.crawler.stats
        assert stats is not None
        # A database that restarts or fails over is waited for (NEWS_DB_OUTAGE_TIMEOUT),
        # the same batch written again; meanwhile the full buffer holds the crawl back.
        result = self.store.save_visits(batch, self.config.policy)
        for key, value in (
            ("new", result.new),
            ("changed", result.changed),
            ("unchanged", result.unchanged),
            ("duplicates", result.duplicates),
        ):
            if value:
                stats.inc_value(f"news/storage/articles_{key}", value)
        for outcome, count in result.outcomes.items():
            stats.inc_value(f"news/pages/{outcome}", count)
        if not rows:
            return {}
        return self.store.articles_by_url(
            [normalize_url(v.url) for v in batch if v.article is not None]
        )


def _drop_reason(item: PageItem) -> str:
    """``outcome: reason <url>``, each part once (a cleaner's reason names both already)."""
    outcome = str(item.outcome or "")
    reason = item.reason or ""
    if not reason.startswith(outcome):
        reason = f"{outcome}: {reason}" if reason else outcome
    return reason if item.url in reason else f"{reason} <{item.url}>"


def _answer(
    rows: dict[str, dict[str, Any]] | Failure | None,
    waiters: dict[str, list[Deferred[dict[str, Any] | None]]],
) -> Failure | None:
    """Hand each waiting feed item its stored row (None: the batch was not written).

    A failure is handed on, once the waiting items have their None.
    """
    for url, deferreds in waiters.items():
        row = rows.get(url) if isinstance(rows, dict) else None
        for deferred in deferreds:
            deferred.callback(row)
    return rows if isinstance(rows, Failure) else None


def _log_bug(failure: Failure) -> None:
    trace = failure.getTraceback()
    logger.error("writing a batch to the store failed:\n%s", trace)


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
