"""Distributed crawling: many ``scrapy crawl news`` processes sharing one Redis queue.

With ``NEWS_REDIS_URL`` set, `RedisAddon` switches the scheduler and the duplicate filter
to scrapy-redis, so every process (on any machine) takes requests from one queue and skips
URLs any of them has seen; the processes share one store (``NEWS_DB_URL``, PostgreSQL).

`RedisCoordination` makes such a crawl end: scrapy-redis keeps its queue when a process
stops (``SCHEDULER_PERSIST``: another process may still be working on it), so

- a process closes once the shared queue has stayed empty for ``NEWS_REDIS_IDLE_CLOSE``
  seconds (another process may still be parsing a sitemap that fills it again); alone, it
  closes at once;
- the last process to close deletes the queue and the duplicate filter, so the next crawl
  starts afresh (the store's ``pages`` table decides what is due again, as without Redis).

Each process announces itself with a key that expires unless renewed (``HEARTBEAT_TTL``),
not with a counter: a process killed with SIGKILL drops out by itself within seconds, and
a crawl that starts alone clears a duplicate filter left behind by a killed one (its
"seen" URLs may never have been stored).
"""

from __future__ import annotations

import logging
import time
import uuid
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.settings import SETTINGS_PRIORITIES

from crawler.config import news_float

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings
    from scrapy.spiders import Spider

logger = logging.getLogger(__name__)

QUEUE_KEY = "newsclean:%(spider)s:requests"
DUPEFILTER_KEY = "newsclean:%(spider)s:dupefilter"
#: Seconds between looks at the shared queue while this process is idle.
POLL_INTERVAL = 0.5
#: A process's presence key expires this many seconds after its last renewal...
HEARTBEAT_TTL = 15
#: ...which happens this often.
HEARTBEAT_INTERVAL = 5.0


class RedisAddon:
    """Switch the scheduler and duplicate filter to scrapy-redis when ``NEWS_REDIS_URL`` is set.

    Settings given on the command line keep precedence over these.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        url = settings.get("NEWS_REDIS_URL")
        if not url:
            return
        for name, value in (
            ("SCHEDULER", "scrapy_redis.scheduler.Scheduler"),
            ("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter"),
            ("SCHEDULER_DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter"),
            # Other processes may still be working on the queue when one closes;
            # RedisCoordination deletes it when the last one does.
            ("SCHEDULER_PERSIST", True),
            ("SCHEDULER_QUEUE_KEY", QUEUE_KEY),
            ("SCHEDULER_DUPEFILTER_KEY", DUPEFILTER_KEY),
            ("REDIS_URL", url),
        ):
            # Over the project's own defaults (DUPEFILTER_CLASS), not over the command line.
            if (settings.getpriority(name) or 0) <= SETTINGS_PRIORITIES["project"]:
                settings.set(name, value, priority="project")


class RedisCoordination:
    """End the crawl when the shared queue is drained; the last process clears it."""

    def __init__(self, crawler: Crawler, server: Any, idle_close: float) -> None:
        self.crawler = crawler
        self.server = server
        self.idle_close = idle_close
        self._empty_since: float | None = None
        self._keys: tuple[str, str, str] | None = None
        self._me = uuid.uuid4().hex
        self._heartbeat: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisCoordination:
        if not crawler.settings.get("NEWS_REDIS_URL"):
            raise NotConfigured  # no message: not a warning, the usual case
        from scrapy_redis.connection import get_redis_from_settings

        extension = cls(
            crawler,
            get_redis_from_settings(crawler.settings),
            news_float(crawler.settings, "NEWS_REDIS_IDLE_CLOSE"),
        )
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        settings = self.crawler.settings
        queue = settings.get("SCHEDULER_QUEUE_KEY", QUEUE_KEY) % {"spider": spider.name}
        seen = settings.get("SCHEDULER_DUPEFILTER_KEY", DUPEFILTER_KEY) % {"spider": spider.name}
        self._keys = (queue, seen, f"{queue}:worker:")
        self._beat()
        from twisted.internet import task  # the reactor is installed by now

        self._heartbeat = task.LoopingCall(self._beat)
        self._heartbeat.start(HEARTBEAT_INTERVAL, now=False)
        others = self._others()
        if not others:
            # Alone: a filter left by an earlier, killed crawl would skip pages that were
            # never stored. The store's pages table says what is fresh.
            self.server.delete(seen)
        logger.info("sharing the queue %s with %d other process(es)", queue, others)

    def _beat(self) -> None:
        assert self._keys is not None
        self.server.set(self._keys[2] + self._me, 1, ex=HEARTBEAT_TTL)

    def _others(self) -> int:
        """Live processes on this queue other than this one."""
        assert self._keys is not None
        mine = (self._keys[2] + self._me).encode()
        return sum(
            1
            for key in self.server.scan_iter(match=self._keys[2] + "*", count=100)
            if (key if isinstance(key, bytes) else key.encode()) != mine
        )

    def _queue_length(self) -> int:
        assert self._keys is not None
        queue = self._keys[0]
        kind = self.server.type(queue)
        kind = kind.decode() if isinstance(kind, bytes) else kind
        if kind == "zset":
            return int(self.server.zcard(queue))
        if kind == "list":
            return int(self.server.llen(queue))
        return 0

    def spider_idle(self, spider: Spider) -> None:
        """Keep the process open while the queue may still fill up again."""
        assert self._keys is not None
        if self._queue_length():
            self._empty_since = None
            self._poll_soon()
            raise DontCloseSpider("requests are waiting in the shared queue")
        others = self._others()
        now = time.monotonic()
        if self._empty_since is None:
            self._empty_since = now
        if others > 0 and now - self._empty_since < self.idle_close:
            self._poll_soon()
            raise DontCloseSpider("the shared queue is empty; other processes are still working")

    def _poll_soon(self) -> None:
        """Look at the queue again in a moment, not at the engine's next 5 s heartbeat.

        Another process may fill the queue at any time; an idle process that waited for
        the heartbeat would leave it all to the others.
        """
        from twisted.internet import reactor, task  # installed by now; not at import time

        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None:
            task.deferLater(reactor, POLL_INTERVAL, slot.nextcall.schedule)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self._keys is None:
            return
        queue, seen, prefix = self._keys
        if self._heartbeat is not None and self._heartbeat.running:
            self._heartbeat.stop()
        self.server.delete(prefix + self._me)
        if not self._others():
            # The last one out: the next crawl starts with an empty queue and filter.
            self.server.delete(queue, seen)
            logger.info("last process of the crawl: cleared %s and %s", queue, seen)
