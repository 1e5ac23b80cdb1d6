"""``scrapy crawl`` with checks before anything is fetched.

A bad spider argument or an unreachable database ends the command at once with a
one-line error and a non-zero exit status (2 and 1), before Scrapy starts its engine or
its log, instead of a traceback mid-crawl.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, NoReturn

from scrapy.commands.crawl import Command as ScrapyCrawlCommand

from cleaning import BadRulesFile, load_site_rules
from crawler.arguments import ArgumentError, CrawlTargets
from crawler.config import STORE_UNAVAILABLE, StorageConfig
from crawler.spiders.news import NewsSpider
from storage import DatabaseUnavailable, check_connection, make_engine

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.spiders import Spider

EXIT_USAGE = 2
EXIT_STORE = 1


class Command(ScrapyCrawlCommand):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        if not args or args[0] != NewsSpider.name:
            return
        try:
            CrawlTargets.from_arguments(dict(opts.spargs))
        except ArgumentError as exc:
            _fail(str(exc), EXIT_USAGE)
        assert self.settings is not None
        rules_file = self.settings.get("NEWS_SITE_RULES")
        if rules_file:
            try:
                load_site_rules(rules_file)
            except BadRulesFile as exc:
                _fail(f"NEWS_SITE_RULES: {exc}", EXIT_USAGE)
        engine = make_engine(StorageConfig.from_settings(self.settings).url)
        try:
            check_connection(engine)
        except DatabaseUnavailable as exc:
            _fail(str(exc), EXIT_STORE)
        finally:
            engine.dispose()

    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        self._crawler = super()._create_crawler(spidercls)
        return self._crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        super().run(args, opts)
        crawler = getattr(self, "_crawler", None)
        stats = crawler.stats if crawler is not None else None
        if stats is not None and stats.get_value("finish_reason") == STORE_UNAVAILABLE:
            sys.stderr.write(
                "scrapy crawl news: error: the store became unavailable; the crawl stopped "
                f"({stats.get_value('news/storage/unavailable')})\n"
            )
            self.exitcode = EXIT_STORE


def _fail(message: str, status: int) -> NoReturn:
    sys.stderr.write(f"scrapy crawl news: error: {message}\n")
    sys.exit(status)
