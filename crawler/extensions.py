"""Small Scrapy extensions of the project: what a person running a crawl sees.

- `StatsFile`: the final stats as JSON, for cron jobs and monitoring.
- `Progress`: a live line on a terminal; a plain log line every ``NEWS_PROGRESS_INTERVAL``
  seconds otherwise (cron, scrapyd, a pipe).
- `Summary`: the crawl's outcome in words on stderr when it ends.
- `QuietLogFormatter`: a dropped page logs its reason once, without the internal record.

A component that is off by configuration raises `NotConfigured` without a message, so
Scrapy does not warn "Disabled ..." about it on every crawl.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.internet import task

from crawler.config import news_bool, news_float

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.spiders import Spider
    from scrapy.statscollectors import StatsCollector
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

#: Seconds between two redraws of the progress line on a terminal.
TERMINAL_INTERVAL = 1.0


class StatsFile:
    """Write the crawl's final stats as JSON to ``NEWS_STATS_FILE`` when it closes.

    For cron jobs and monitoring that want the figures without parsing the log.
    """

    def __init__(self, crawler: Crawler, path: Path) -> None:
        self.crawler = crawler
        self.path = path

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StatsFile:
        path = crawler.settings.get("NEWS_STATS_FILE")
        if not path:
            raise NotConfigured  # off: nothing to say about it
        extension = cls(crawler, Path(path))
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider: Spider, reason: str) -> None:
        assert self.crawler.stats is not None
        stats = dict(self.crawler.stats.get_stats())
        stats["finish_reason"] = reason
        self.path.write_text(json.dumps(stats, default=str, indent=1, sort_keys=True))


def _count(stats: dict[str, Any], *keys: str) -> int:
    return sum(int(stats.get(key) or 0) for key in keys)


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _skipped(stats: dict[str, Any]) -> list[str]:
    """The pages not stored as articles, by reason, in words (none: empty)."""
    parts = []
    for count, one, many in (
        (
            _count(stats, "news/pages/unchanged", "news/pages/not_modified"),
            "unchanged",
            "unchanged",
        ),
        (_count(stats, "news/incremental/fresh"), "not due yet", "not due yet"),
        (_count(stats, "news/pages/not_article"), "listing page", None),
        (_count(stats, "news/pages/not_html"), "not HTML", "not HTML"),
        (_count(stats, "news/pages/blocked"), "blocked", "blocked"),
        (
            _count(stats, "news/pages/robots_disallowed"),
            "refused by robots.txt",
            "refused by robots.txt",
        ),
        (_count(stats, "news/pages/too_large"), "too large", "too large"),
        (_count(stats, "news/pages/error"), "error", None),
    ):
        if count:
            parts.append(_plural(count, one, many))
    return parts


def summary_line(stats: dict[str, Any], reason: str, elapsed: float) -> str:
    """The crawl's outcome in words, e.g. ``9 articles stored (9 new, 0 updated); 3 listing
    pages, 1 blocked, 2 errors; 14 s``."""
    new = _count(stats, "news/storage/articles_new")
    updated = _count(stats, "news/storage/articles_changed")
    line = f"{_plural(new + updated, 'article')} stored ({new} new, {updated} updated)"
    skipped = _skipped(stats)
    if skipped:
        line += "; " + ", ".join(skipped)
    line += f"; {elapsed:.0f} s"
    not_written = _count(stats, "news/storage/not_written")
    if not_written:
        line += f"; {_plural(not_written, 'page')} not written"
    if reason == "shutdown":
        line += "; stopped before the end: the next run fetches the rest"
    elif reason != "finished":
        line += f"; stopped: {reason}"
    return line


def _elapsed(stats: dict[str, Any]) -> float:
    started = stats.get("start_time")
    if started is None:
        return 0.0
    return max(0.0, time.time() - float(started.timestamp()))


class Summary:
    """Write the crawl's outcome in words to stderr when it ends (``NEWS_SUMMARY_ENABLED``).

    The line is written once: when the engine has stopped, or by the crawl command when a
    second Ctrl-C ends the process before the spider closes (`write_once`).
    """

    def __init__(self, crawler: Crawler, out: TextIO | None = None) -> None:
        self.crawler = crawler
        self.out = out
        self.written = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Summary:
        if not news_bool(crawler.settings, "NEWS_SUMMARY_ENABLED"):
            raise NotConfigured
        extension = cls(crawler)
        # after the spider has closed: below the last lines of the log (feeds, stats)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_stopped(self) -> None:
        assert self.crawler.stats is not None
        self.write_once(str(self.crawler.stats.get_value("finish_reason") or "finished"))

    def write_once(self, reason: str) -> None:
        """Write the summary, unless it has been written already."""
        if self.written or self.crawler.stats is None:
            return
        self.written = True
        stats = self.crawler.stats.get_stats()
        out = self.out or sys.stderr
        out.write(f"{summary_line(stats, reason, _elapsed(stats))}\n")
        out.flush()


def progress_line(stats: dict[str, Any], elapsed: float, queued: int | None) -> str:
    """Pages fetched, articles stored new / updated / unchanged, skipped by reason,
    pages per second and the queue, in one line."""
    fetched = _count(stats, "response_received_count")
    new = _count(stats, "news/storage/articles_new")
    updated = _count(stats, "news/storage/articles_changed")
    unchanged = _count(stats, "news/storage/articles_unchanged")
    line = (
        f"{_plural(fetched, 'page')} fetched; stored {new} new, {updated} updated, "
        f"{unchanged} unchanged"
    )
    skipped = [part for part in _skipped(stats) if not part.endswith(" unchanged")]
    if skipped:
        line += "; skipped " + ", ".join(skipped)
    rate = fetched / elapsed if elapsed > 0 else 0.0
    line += f"; {rate:.1f} pages/s"
    if queued is not None:
        line += f"; {queued} queued"
    return line


class Progress:
    """Show how the crawl is going (``NEWS_PROGRESS_ENABLED``).

    On a terminal, one line redrawn every second on stderr; otherwise (cron, scrapyd, a
    pipe) a plain log line every ``NEWS_PROGRESS_INTERVAL`` seconds.
    """

    def __init__(self, crawler: Crawler, interval: float, terminal: bool) -> None:
        self.crawler = crawler
        self.terminal = terminal
        self.interval = TERMINAL_INTERVAL if terminal else interval
        self._task: task.LoopingCall | None = None
        self._drawn = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        settings = crawler.settings
        interval = news_float(settings, "NEWS_PROGRESS_INTERVAL")
        if not news_bool(settings, "NEWS_PROGRESS_ENABLED") or interval <= 0:
            raise NotConfigured
        extension = cls(crawler, interval, sys.stderr.isatty())
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        self._task = task.LoopingCall(self.show)
        self._task.start(self.interval, now=False)

    def _queued(self) -> int | None:
        engine = self.crawler.engine
        slot = getattr(engine, "_slot", None) or getattr(engine, "slot", None)
        scheduler = getattr(slot, "scheduler", None)
        try:
            return len(scheduler) if scheduler is not None else None
        except TypeError:
            return None

    def show(self) -> None:
        stats_collector: StatsCollector | None = self.crawler.stats
        if stats_collector is None:
            return
        stats = stats_collector.get_stats()
        line = progress_line(stats, _elapsed(stats), self._queued())
        if self.terminal:
            sys.stderr.write(f"\r\x1b[K{line}")
            sys.stderr.flush()
            self._drawn = True
        else:
            logger.info("progress: %s", line)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self._task is not None and self._task.running:
            self._task.stop()
        if self._drawn:
            sys.stderr.write("\r\x1b[K")  # the summary takes the line's place
            sys.stderr.flush()


class QuietLogFormatter(LogFormatter):
    """Scrapy's log messages, but a dropped page logs its reason once, not its record."""

    def dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        return {
            "level": result["level"],
            "msg": "Dropped: %(exception)s",
            "args": {"exception": exception},
        }
