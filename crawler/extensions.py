"""Small Scrapy extensions of the project."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.spiders import Spider


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
            raise NotConfigured("NEWS_STATS_FILE is not set")
        extension = cls(crawler, Path(path))
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider: Spider, reason: str) -> None:
        assert self.crawler.stats is not None
        stats = dict(self.crawler.stats.get_stats())
        stats["finish_reason"] = reason
        self.path.write_text(json.dumps(stats, default=str, indent=1, sort_keys=True))
