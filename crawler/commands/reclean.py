"""``scrapy reclean``: clean the stored raw HTML again with the current cleaning rules.

Nothing is fetched. Each stored page (``raw_pages``) goes through `cleaning.extract_article`
in a pool of worker processes; an article gets a new revision only where its title, text
or metadata changed (`storage.repository.save_recleaned`), so a rule change touches
exactly the articles it affects. A page the cleaner now rejects is counted as failed and its article
is left as it is. Writes are committed in batches: an interrupted re-clean keeps what it
wrote and can simply be run again.
"""

from __future__ import annotations

import argparse
import functools
import multiprocessing
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from tqdm import tqdm

from cleaning import (
    Article,
    BadRulesFile,
    CleaningError,
    SiteRules,
    extract_article,
    learn_site_boilerplate,
    load_site_rules,
)
from crawler.commands._common import add_filter_options, fail, open_store
from storage.queries import RawPage, count_raw_pages, decompress_html, raw_pages_after
from storage.repository import (
    RECLEAN_CHANGED,
    RECLEAN_UNCHANGED,
    known_sites,
    recent_texts,
    save_recleaned,
)
from storage.urls import site_of

#: Raw pages read from the store per query.
READ_CHUNK = 64
#: Pages per task sent to a worker process (fewer round trips than one page per task).
TASK_SIZE = 8
#: Tasks in flight per worker: enough to keep every worker busy, few enough to keep
#: memory flat however large the store is.
TASKS_PER_WORKER = 3
#: Re-cleaned articles written per transaction.
WRITE_BATCH = 200

_T = TypeVar("_T")
_R = TypeVar("_R")


@dataclass(frozen=True)
class Recleaned:
    """What cleaning one stored page again gave.

    Attributes:
        article_id: The stored article.
        fetched_at: When the cleaned HTML was fetched.
        article: The new article (None when the cleaner rejected the page); whether it
            differs from the stored one is decided against the stored row.
        failure: The `CleaningError` reason when the cleaner rejected the page.
    """

    article_id: int
    fetched_at: datetime
    article: Article | None = None
    failure: str | None = None


def clean_pages(
    pages: list[RawPage],
    rules: SiteRules | None = None,
    boilerplate: dict[str, frozenset[str]] | None = None,
) -> list[Recleaned]:
    """Clean stored pages again (runs in a worker process), with the crawl's site rules
    and learned boilerplate."""
    results = []
    for page in pages:
        try:
            # `now` is the fetch time, as during the crawl: a date after it is rejected
            # the same way, so an unchanged rule gives an unchanged article.
            article = extract_article(
                decompress_html(page.html_gzip),
                page.url,
                now=page.fetched_at,
                rules=rules,
                boilerplate=(boilerplate or {}).get(site_of(page.url), ()),
            )
        except CleaningError as exc:
            results.append(Recleaned(page.article_id, page.fetched_at, failure=exc.reason))
            continue
        # title and text are compared here, metadata against the stored row when written
        results.append(Recleaned(page.article_id, page.fetched_at, article))
    return results


@dataclass
class RecleanSummary:
    """What a re-clean did.

    Attributes:
        checked: Pages cleaned again.
        changed: Articles that got a new revision.
        skipped: Articles whose raw page a crawl replaced while the re-clean ran (left to
            the crawl's newer version).
        failed: Pages the cleaner now rejects, per reason (their articles are kept).
    """

    checked: int = 0
    changed: int = 0
    skipped: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    unchanged: int = 0

    def line(self) -> str:
        """One line for the terminal."""
        parts = [
            f"checked {self.checked}",
            f"changed {self.changed}",
            f"unchanged {self.unchanged}",
            f"failed {self.failed.total()}",
        ]
        if self.skipped:
            parts.append(f"skipped {self.skipped} (re-fetched meanwhile)")
        line = "reclean: " + ", ".join(parts)
        if self.failed:
            line += " (" + ", ".join(f"{r}: {n}" for r, n in sorted(self.failed.items())) + ")"
        return line


def reclean_store(
    engine: Engine,
    *,
    site: str | None = None,
    since: datetime | None = None,
    workers: int = 1,
    progress: bool = True,
    rules: SiteRules | None = None,
    learn_boilerplate: bool = False,
    boilerplate: Mapping[str, frozenset[str]] | None = None,
) -> RecleanSummary:
    """Clean the stored raw pages again and store what changed.

    Args:
        engine: The store.
        site: Only articles of this site.
        since: Only pages fetched at or after this time.
        workers: Worker processes (1: clean in this process).
        progress: Show a progress bar on stderr.
        rules: Per-site rules (``NEWS_SITE_RULES``), as the crawl uses them.
        learn_boilerplate: Learn each site's recurring lines from the store first
            (``NEWS_LEARN_BOILERPLATE``), as a crawl does.
        boilerplate: Lines known to be boilerplate per site (a crawl's own evidence,
            `cleaning.boilerplate.CrawlBoilerplate`), added to what is learned.
    """
    now = datetime.now(UTC)
    summary = RecleanSummary()
    learned_lines: dict[str, frozenset[str]] = dict(boilerplate or {})
    with Session(engine) as session:
        total = count_raw_pages(session, site=site, fetched_since=since)
        if learn_boilerplate:
            for name in [site] if site else sorted(known_sites(session)):
                learned = learn_site_boilerplate(recent_texts(session, name))
                if learned:
                    learned_lines[name] = learned_lines.get(name, frozenset()) | learned
    tasks = _tasks(engine, site, since)
    pending: list[Recleaned] = []
    with tqdm(
        total=total, unit="page", desc="reclean", file=sys.stderr, disable=not progress
    ) as bar:
        clean = functools.partial(clean_pages, rules=rules, boilerplate=learned_lines)
        for results in _map_unordered(clean, tasks, workers):
            for result in results:
                summary.checked += 1
                if result.failure is not None:
                    summary.failed[result.failure] += 1
                elif result.article is not None:
                    pending.append(result)
            bar.update(len(results))
            if len(pending) >= WRITE_BATCH:
                _write(engine, pending, now, summary)
                pending = []
        _write(engine, pending, now, summary)
    return summary


def _tasks(engine: Engine, site: str | None, since: datetime | None) -> Iterator[list[RawPage]]:
    after_id = 0
    while True:
        with Session(engine) as session:
            pages = raw_pages_after(session, after_id, READ_CHUNK, site=site, fetched_since=since)
        if not pages:
            return
        after_id = pages[-1].article_id
        for start in range(0, len(pages), TASK_SIZE):
            yield pages[start : start + TASK_SIZE]


def _write(
    engine: Engine, results: list[Recleaned], now: datetime, summary: RecleanSummary
) -> None:
    if not results:
        return
    with Session(engine) as session, session.begin():
        for result in results:
            assert result.article is not None
            outcome = save_recleaned(
                session, result.article_id, result.article, now, cleaned_from=result.fetched_at
            )
            if outcome == RECLEAN_CHANGED:
                summary.changed += 1
            elif outcome == RECLEAN_UNCHANGED:
                summary.unchanged += 1
            else:
                summary.skipped += 1


def _map_unordered(function: Callable[[_T], _R], items: Iterable[_T], workers: int) -> Iterator[_R]:
    """``map`` over a pool of processes, results in completion order, with a bounded
    number of items in flight (`ProcessPoolExecutor.map` would read every item first)."""
    if workers <= 1:
        yield from map(function, items)
        return
    # forkserver: workers start from a clean process that imported the cleaning code
    # once, not as copies of this one with its database connections and threads.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload([__name__])
    limit = workers * TASKS_PER_WORKER
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        running: set[Future[_R]] = set()
        for item in items:
            if len(running) >= limit:
                done, running = _wait(running)
                yield from (future.result() for future in done)
            running.add(pool.submit(function, item))
        while running:
            done, running = _wait(running)
            yield from (future.result() for future in done)


def _wait(futures: set[Future[_R]]) -> tuple[set[Future[_R]], set[Future[_R]]]:
    done, not_done = wait(futures, return_when=FIRST_COMPLETED)
    return done, not_done


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
        engine = open_store(self.settings, "reclean")
        try:
            assert self.settings is not None
            rules_file = self.settings.get("NEWS_SITE_RULES")
            try:
                rules = load_site_rules(rules_file) if rules_file else None
            except BadRulesFile as exc:
                fail("reclean", f"NEWS_SITE_RULES: {exc}", 2)
            summary = reclean_store(
                engine,
                site=opts.site,
                since=opts.since,
                workers=opts.workers,
                progress=not opts.no_progress,
                rules=rules,
                learn_boilerplate=self.settings.getbool("NEWS_LEARN_BOILERPLATE", True),
            )
        finally:
            engine.dispose()
        print(summary.line())
