"""``scrapy crawl`` with checks before anything is fetched, and a clean stop on Ctrl-C.

A bad spider name or argument, a bad setting or an unreachable database ends the command
at once with a one-line error and a non-zero exit status (2 and 1), before Scrapy starts
its engine, instead of a traceback mid-crawl.

Ctrl-C (SIGINT) or SIGTERM, the first time: no new page is scheduled; the pages in flight
are fetched, cleaned and stored for at most ``NEWS_SHUTDOWN_TIMEOUT`` seconds; the crawl
record gets the finish reason ``shutdown``; the summary is written and the command exits
with 130 (SIGINT) or 143 (SIGTERM), so a script can tell. The second time, or when the
time is up, it stops at once: the crawl record is finished, the cleaning workers are
killed, and what was not yet written is fetched again by the next run.
"""

from __future__ import annotations

import argparse
import asyncio
import difflib
import logging
import os
import signal
import sys
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn

from scrapy import signals
from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError
from scrapy.utils.defer import deferred_from_coro

from cleaning import BadRulesFile
from crawler.arguments import ArgumentError, CrawlTargets
from crawler.config import (
    STORE_UNAVAILABLE,
    CleaningConfig,
    SettingsError,
    StorageConfig,
    check_settings,
    news_float,
)
from crawler.extensions import Summary
from crawler.pipelines import CleaningPipeline, StoragePipeline
from crawler.render import RenderError, check_render
from crawler.spiders.news import NewsSpider
from storage import DatabaseUnavailable, Store

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.spiders import Spider

logger = logging.getLogger(__name__)

EXIT_USAGE = 2
EXIT_STORE = 1
#: The finish reason of a crawl stopped by a signal (Scrapy's own).
SHUTDOWN = "shutdown"
#: Seconds a forced stop waits for the crawl record to be written.
FORCED_RECORD_WAIT = 5.0


class Shutdown:
    """What the first and second SIGINT / SIGTERM do to one crawl (see the module)."""

    def __init__(self, crawler: Crawler, timeout: float) -> None:
        self.crawler = crawler
        self.timeout = timeout
        self.signum: int | None = None

    def install(self) -> None:
        """Take SIGINT and SIGTERM from now on (start-up included)."""
        signal.signal(signal.SIGINT, self.on_signal)
        signal.signal(signal.SIGTERM, self.on_signal)

    @property
    def exit_status(self) -> int | None:
        """128 + the signal's number (130, 143), once a signal has stopped the crawl."""
        return None if self.signum is None else 128 + self.signum

    def on_signal(self, signum: int, _frame: FrameType | None) -> None:
        from twisted.internet import reactor

        if self.signum is not None:
            # the second one: at once, from the handler (the reactor may be busy)
            self.force(f"received {signal.Signals(signum).name} again")
        self.signum = signum
        reactor.callFromThread(self._graceful)

    def _graceful(self) -> None:
        assert self.signum is not None
        name = signal.Signals(self.signum).name
        logger.info(
            "received %s: no new pages; the pages in flight get %g s to be stored "
            "(%s again stops at once)",
            name,
            self.timeout,
            "Ctrl-C" if self.signum == signal.SIGINT else name,
        )
        why = f"pages still in flight after {self.timeout:g} s"
        asyncio.get_running_loop().call_later(self.timeout, self.force, why)
        engine = getattr(self.crawler, "_engine", None)
        if engine is not None and engine.running:
            deferred_from_coro(self.crawler.stop_async())
        else:
            # still starting (store, boilerplate, workers): stop as soon as it has started
            self.crawler.signals.connect(self._stop_started, signal=signals.engine_started)

    def _stop_started(self) -> None:
        deferred_from_coro(self.crawler.stop_async())

    def force(self, why: str) -> NoReturn:
        """Finish the crawl record, kill the workers, write the summary and exit."""
        logger.warning("stopping at once: %s", why)
        for component in _item_pipelines(self.crawler):
            if isinstance(component, StoragePipeline):
                component.finish_now(SHUTDOWN, FORCED_RECORD_WAIT)
            elif isinstance(component, CleaningPipeline):
                component.kill()
        for extension in _extensions(self.crawler):
            if isinstance(extension, Summary):
                extension.write_once(SHUTDOWN)
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(self.exit_status or 130)


def _item_pipelines(crawler: Crawler) -> list[Any]:
    engine = getattr(crawler, "_engine", None)
    scraper = getattr(engine, "scraper", None)
    return list(getattr(getattr(scraper, "itemproc", None), "middlewares", ()))


def _extensions(crawler: Crawler) -> list[Any]:
    return list(getattr(getattr(crawler, "extensions", None), "middlewares", ()))


class Command(ScrapyCrawlCommand):
    _store: Store | None = None

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        try:
            self._check(args, opts)
        except KeyboardInterrupt:
            _fail("interrupted before the crawl started", 128 + signal.SIGINT)

    def _check(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        try:
            for warning in check_settings(self.settings):
                sys.stderr.write(f"scrapy crawl: warning: {warning}\n")
        except SettingsError as exc:
            _fail(str(exc), EXIT_USAGE)
        if not args or args[0] != NewsSpider.name:
            return
        try:
            CrawlTargets.from_arguments(dict(opts.spargs))
        except ArgumentError as exc:
            _fail(str(exc), EXIT_USAGE)
        try:
            CleaningConfig.from_settings(self.settings).load_rules()
        except BadRulesFile as exc:
            _fail(f"NEWS_SITE_RULES: {exc}", EXIT_USAGE)
        # Rendering asked for (-a render=, NEWS_RENDER, a site rule) needs the browser.
        try:
            check_render(self.settings, dict(opts.spargs).get("render", ""))
        except RenderError as exc:
            _fail(str(exc), EXIT_USAGE)
        # The crawl's store, opened (and brought to the current schema) once, here; the
        # crawl's components get the same one (`crawler.store`). Held until the command ends.
        try:
            config = StorageConfig.from_settings(self.settings)
            self._store = Store.open(config.url, outage_timeout=config.outage_timeout)
        except DatabaseUnavailable as exc:
            _fail(str(exc), EXIT_STORE)

    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        self._crawler = super()._create_crawler(spidercls)
        return self._crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError(
                "give one spider name: scrapy crawl news -a site=https://example.com/"
                if not args
                else "running 'scrapy crawl' with more than one spider is not supported"
            )
        assert self.crawler_process is not None and self.settings is not None
        name = args[0]
        known = self.crawler_process.spider_loader.list()
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
            hint = f"; did you mean {close[0]}?" if close else f" (spiders: {', '.join(known)})"
            _fail(f"no spider named {name!r}{hint}", EXIT_USAGE, name)
        crawler = self._create_crawler(name)
        shutdown = Shutdown(crawler, news_float(self.settings, "NEWS_SHUTDOWN_TIMEOUT"))
        shutdown.install()
        self.crawler_process.crawl(crawler, **opts.spargs)
        # our handlers, not Scrapy's: theirs keep crawling until every request in flight
        # ends (up to DOWNLOAD_TIMEOUT) and miss a signal during start-up
        try:
            self.crawler_process.start(install_signal_handlers=False)
        finally:
            if self._store is not None:
                self._store.close()
                self._store = None
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
        stats = crawler.stats
        if stats is not None and stats.get_value("finish_reason") == STORE_UNAVAILABLE:
            sys.stderr.write(
                "scrapy crawl news: error: the store became unavailable; the crawl stopped "
                f"({stats.get_value('news/storage/unavailable')})\n"
            )
            self.exitcode = EXIT_STORE
        elif shutdown.exit_status is not None:
            self.exitcode = shutdown.exit_status


def _fail(message: str, status: int, spider: str = NewsSpider.name) -> NoReturn:
    sys.stderr.write(f"scrapy crawl {spider}: error: {message}\n")
    sys.exit(status)
