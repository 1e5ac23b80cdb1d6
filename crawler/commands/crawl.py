"""``scrapy crawl`` with checks before anything is fetched.

A bad spider argument or an unreachable database ends the command at once with a
one-line error and a non-zero exit status, instead of a traceback mid-crawl.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand

from crawler.arguments import ArgumentError, CrawlTargets
from crawler.config import StorageConfig
from crawler.spiders.news import NewsSpider
from storage import DatabaseUnavailable, check_connection, make_engine

EXIT_USAGE = 2
EXIT_STORE = 1


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args and args[0] == NewsSpider.name:
            try:
                CrawlTargets.from_arguments(dict(opts.spargs))
            except ArgumentError as exc:
                sys.stderr.write(f"scrapy crawl news: error: {exc}\n")
                self.exitcode = EXIT_USAGE
                return
            assert self.settings is not None
            engine = make_engine(StorageConfig.from_settings(self.settings).url)
            try:
                check_connection(engine)
            except DatabaseUnavailable as exc:
                sys.stderr.write(f"scrapy crawl news: error: {exc}\n")
                self.exitcode = EXIT_STORE
                return
            finally:
                engine.dispose()
        super().run(args, opts)
