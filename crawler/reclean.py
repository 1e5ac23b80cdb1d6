"""Re-cleaning stored pages: the stored raw HTML through the current cleaning rules again.

Nothing is fetched. Each stored page (``raw_pages``) goes through `cleaning.extract_article`
(in worker processes, `crawler.pool.process_pool`, with more than one worker); an
article gets a new revision only where its title, text or metadata changed
(`storage.writer.save_recleaned`), so a rule change touches exactly the articles it
affects. A page the cleaner now rejects is counted as failed and its article is left as
it is. Writes are committed in batches: an interrupted re-clean keeps what it wrote and
can simply be run again.

Two callers: ``scrapy reclean`` (`crawler.commands.reclean`), and a crawl at its end,
for the pages it cleaned before it learned a site's recurring lines
(`crawler.pipelines.CleaningPipeline`). Both learn boilerplate with `learned_boilerplate`.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar

from tqdm import tqdm

from cleaning import Article, CleaningError, SiteRules, extract_article, learn_site_boilerplate
from crawler.pool import process_pool
from storage import RawPage, RecleanOutcome, Store, site_of
from storage.queries import decompress_html

logger = logging.getLogger(__name__)

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


def learned_boilerplate(store: Store, sites: Iterable[str]) -> dict[str, frozenset[str]]:
    """Each site's recurring lines, learned from its newest stored articles.

    Sites with nothing learned are left out.
    """
    learned: dict[str, frozenset[str]] = {}
    for site in sorted(set(sites)):
        lines = learn_site_boilerplate(store.recent_texts(site))
        if lines:
            learned[site] = lines
            logger.info("%d learned boilerplate lines for %s", len(lines), site)
    return learned


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
    boilerplate: Mapping[str, frozenset[str]] | None = None,
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
        unchanged: Articles whose stored title, text and metadata stay as they are.
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
    store: Store,
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
        store: The store.
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
    lines: dict[str, frozenset[str]] = dict(boilerplate or {})
    total = store.count_raw_pages(site, since)
    if learn_boilerplate:
        sites = [site] if site else store.known_sites()
        for name, learned in learned_boilerplate(store, sites).items():
            lines[name] = lines.get(name, frozenset()) | learned
    pending: list[Recleaned] = []
    with tqdm(
        total=total, unit="page", desc="reclean", file=sys.stderr, disable=not progress
    ) as bar:
        clean = functools.partial(clean_pages, rules=rules, boilerplate=lines)
        for results in _map_unordered(clean, _tasks(store, site, since), workers):
            for result in results:
                summary.checked += 1
                if result.failure is not None:
                    summary.failed[result.failure] += 1
                elif result.article is not None:
                    pending.append(result)
            bar.update(len(results))
            if len(pending) >= WRITE_BATCH:
                _write(store, pending, now, summary)
                pending = []
        _write(store, pending, now, summary)
    return summary


def _tasks(store: Store, site: str | None, since: datetime | None) -> Iterator[list[RawPage]]:
    after_id = 0
    while True:
        pages = store.raw_pages_after(after_id, READ_CHUNK, site, since)
        if not pages:
            return
        after_id = pages[-1].article_id
        for start in range(0, len(pages), TASK_SIZE):
            yield pages[start : start + TASK_SIZE]


def _write(store: Store, results: list[Recleaned], now: datetime, summary: RecleanSummary) -> None:
    if not results:
        return
    outcomes = store.save_recleaned(
        [(r.article_id, r.article, r.fetched_at) for r in results if r.article is not None], now
    )
    for outcome in outcomes:
        if outcome == RecleanOutcome.CHANGED:
            summary.changed += 1
        elif outcome == RecleanOutcome.UNCHANGED:
            summary.unchanged += 1
        else:
            summary.skipped += 1


def _map_unordered(function: Callable[[_T], _R], items: Iterable[_T], workers: int) -> Iterator[_R]:
    """``map`` over a pool of processes, results in completion order, with a bounded
    number of items in flight (`ProcessPoolExecutor.map` would read every item first)."""
    if workers <= 1:
        yield from map(function, items)
        return
    limit = workers * TASKS_PER_WORKER
    with process_pool(workers, ("cleaning", __name__)) as pool:
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
