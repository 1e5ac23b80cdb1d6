"""``scrapy reclean``: clean the stored raw HTML again with the current cleaning rules.

The service is `crawler.reclean` (a crawl re-cleans its own earlier pages with it too);
this module is the command: its options, the store, and the summary line.
"""

from __future__ import annotations

import argparse
import os

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from cleaning import BadRulesFile
from crawler.commands._common import add_filter_options, fail, open_store
from crawler.config import CleaningConfig
from crawler.reclean import reclean_store


def _workers(value: str) -> int:
    try:
        workers = int(value)
    except ValueError:
        workers = 0
    if workers < 1:
        raise argparse.ArgumentTypeError(f"not a positive number of workers: {value!r}")
    return workers


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "[--site HOST] [--since DATE] [--workers N]"

    def short_desc(self) -> str:
        return "Clean the stored raw HTML again with the current rules (no fetching)"

    def long_desc(self) -> str:
        return (
            "Clean every stored raw page again with the current cleaning rules, in parallel "
            "worker processes, without fetching anything. An article gets a new revision "
            "only where its cleaned title, text or metadata changed; first_seen_at and "
            "last_fetched_at are kept. A page the cleaner now rejects is counted as failed "
            "and its article left as it is. Prints how many pages were checked, changed and "
            "failed. The store is NEWS_DB_URL."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        add_filter_options(
            parser,
            since_help="only pages fetched at or after DATE (ISO 8601 date or date-time; "
            "UTC unless it has a zone)",
        )
        parser.add_argument(
            "--workers",
            metavar="N",
            type=_workers,
            default=os.cpu_count() or 1,
            help="worker processes (default: one per CPU, %(default)s here)",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args:
            raise UsageError(f"unexpected arguments: {' '.join(args)}")
        assert self.settings is not None
        config = CleaningConfig.from_settings(self.settings)
        try:
            rules = config.load_rules()
        except BadRulesFile as exc:
            fail("reclean", f"NEWS_SITE_RULES: {exc}", 2)
        store = open_store(self.settings, "reclean")
        try:
            summary = reclean_store(
                store,
                site=opts.site,
                since=opts.since,
                workers=opts.workers,
                progress=not opts.no_progress,
                rules=rules,
                learn_boilerplate=config.learn_boilerplate,
            )
        finally:
            store.close()
        print(summary.line())
