"""``scrapy report``: per-site crawl and extraction figures, and sites that degraded.

The window is the last ``--runs N`` crawl runs: it starts when the oldest of them started.
Page figures count the URLs fetched in the window by their last outcome (``pages``);
article figures describe the articles first seen in the window. A site is flagged
``DEGRADED`` when its window articles are much worse than the ones it gave before the
window, which is what a site redesign that breaks extraction looks like: dates or authors
disappear, or the text shrinks to a teaser. The thresholds are the constants below.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.commands._common import EXIT_STORE, fail, open_store
from crawler.htmlreport import RunBar, render_html
from storage import PageOutcome
from storage.queries import (
    ArticleFigures,
    RunSummary,
    SiteArticleFigures,
    article_figures_by_site,
    articles_per_day,
    page_outcomes_by_site,
    recent_runs,
)

DEFAULT_RUNS = 5

# --- degradation thresholds -------------------------------------------------------
#: Articles needed in the window and before it for a comparison; with fewer, one odd
#: page (a live blog, a photo story) would flag a healthy site.
MIN_ARTICLES = 5
#: Flag when the share of articles without a date rises by more than this (0.25: by more
#: than 25 percentage points, e.g. from 5% to 31%): the date markup changed.
MAX_RISE_WITHOUT_DATE = 0.25
#: Flag when the share of articles without authors rises by more than this: the byline
#: markup changed.
MAX_RISE_WITHOUT_AUTHORS = 0.25
#: Flag when the median word count falls by more than this fraction (0.4: to less than
#: 60% of before): the article body is no longer found and a teaser or fragment is kept.
MAX_DROP_MEDIAN_WORDS = 0.4

#: Page outcomes per column of the report.
PAGE_COLUMNS: dict[str, tuple[str, ...]] = {
    "stored": (PageOutcome.STORED,),
    "unchanged": (PageOutcome.UNCHANGED, PageOutcome.NOT_MODIFIED),
    "failed": (PageOutcome.ERROR, PageOutcome.TOO_LARGE),
    "blocked": (PageOutcome.BLOCKED,),
    "skipped": (PageOutcome.NOT_ARTICLE, PageOutcome.NOT_HTML, PageOutcome.ROBOTS_DISALLOWED),
}


def degradation(window: ArticleFigures, earlier: ArticleFigures) -> list[str]:
    """Why the window's articles look degraded against the earlier ones (empty: they do
    not, or there are too few articles to tell)."""
    if window.articles < MIN_ARTICLES or earlier.articles < MIN_ARTICLES:
        return []
    reasons = []
    for what, before, now, limit in (
        (
            "without a date",
            earlier.share_without_date,
            window.share_without_date,
            MAX_RISE_WITHOUT_DATE,
        ),
        (
            "without authors",
            earlier.share_without_authors,
            window.share_without_authors,
            MAX_RISE_WITHOUT_AUTHORS,
        ),
    ):
        assert before is not None and now is not None
        if now - before > limit:
            reasons.append(
                f"articles {what} rose from {before:.0%} to {now:.0%} "
                f"(more than {limit * 100:.0f} percentage points)"
            )
    before_words, now_words = earlier.median_words, window.median_words
    assert before_words is not None and now_words is not None
    if before_words > 0 and (before_words - now_words) / before_words > MAX_DROP_MEDIAN_WORDS:
        reasons.append(
            f"median words fell from {before_words:.0f} to {now_words:.0f} "
            f"(more than {MAX_DROP_MEDIAN_WORDS:.0%})"
        )
    return reasons


def _page_cells(outcomes: dict[str, int]) -> list[str]:
    cells = [str(sum(outcomes.values()))]
    for names in PAGE_COLUMNS.values():
        cells.append(str(sum(outcomes.get(name, 0) for name in names)))
    return cells


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _run_line(run: RunSummary) -> str:
    cells = _page_cells(run.pages)
    pages = ", ".join(f"{name} {cell}" for name, cell in zip(PAGE_COLUMNS, cells[1:], strict=True))
    return (
        f"  run {run.id}  {run.spider}  started {run.started_at.isoformat()}  "
        f"{run.finish_reason or 'not finished'}  fetched {cells[0]}: {pages}"
    )


def report_table(
    pages: dict[str, dict[str, int]], articles: dict[str, SiteArticleFigures]
) -> tuple[list[list[str]], dict[str, list[str]]]:
    """The per-site table (a header row, then one row a site) and the flagged sites' reasons."""
    header = ["site", "fetched", *PAGE_COLUMNS, "articles", "no_date", "no_authors", "median_words"]
    rows = [header]
    flagged: dict[str, list[str]] = {}
    for site in sorted(set(pages) | {s for s, f in articles.items() if f.window.articles}):
        figures = articles.get(site, SiteArticleFigures())
        window = figures.window
        median = window.median_words
        rows.append(
            [
                site,
                *_page_cells(pages.get(site, {})),
                str(window.articles),
                _share(window.share_without_date),
                _share(window.share_without_authors),
                "-" if median is None else f"{median:.0f}",
            ]
        )
        reasons = degradation(window, figures.earlier)
        if reasons:
            flagged[site] = reasons
    return rows, flagged


def render_report(
    runs: list[RunSummary],
    window_start: datetime | None,
    pages: dict[str, dict[str, int]],
    articles: dict[str, SiteArticleFigures],
) -> list[str]:
    """The report's lines: the runs, one table row per site, then the flagged sites."""
    lines = []
    if runs:
        assert window_start is not None
        lines.append(f"window: the last {len(runs)} crawl runs, since {window_start.isoformat()}")
        lines.extend(_run_line(run) for run in runs)
    else:
        lines.append("window: no crawl runs recorded; figures cover the whole store")
    lines.append("")
    rows, flagged_sites = report_table(pages, articles)
    header = rows[0]
    flagged = [f"DEGRADED {site}: " + "; ".join(reasons) for site, reasons in flagged_sites.items()]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    if len(rows) == 1:
        lines.append("(no pages fetched and no articles first seen in the window)")
    if flagged:
        lines.append("")
        lines.extend(flagged)
    return lines


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive number: {value!r}")
    return number


#: Exit status when a site is flagged DEGRADED (the report is printed all the same).
EXIT_DEGRADED = 3


def html_page(
    runs: list[RunSummary],
    window: str,
    pages: dict[str, dict[str, int]],
    articles: dict[str, SiteArticleFigures],
    days: dict[str, dict[str, int]],
) -> str:
    """The report as one self-contained HTML page (`crawler.htmlreport`)."""
    table, flagged = report_table(pages, articles)
    all_days: dict[str, int] = {}
    for per_site in days.values():
        for day, count in per_site.items():
            all_days[day] = all_days.get(day, 0) + count
    bars = [
        RunBar(
            f"run {run.id} {run.started_at:%m-%d %H:%M}",
            {
                name: int(cell)
                for name, cell in zip(PAGE_COLUMNS, _page_cells(run.pages)[1:], strict=True)
            },
        )
        for run in reversed(runs)
    ]
    words = [count for figures in articles.values() for count in figures.window.word_counts]
    return render_html(
        title="newsclean crawl report",
        window=window.removeprefix("window: "),
        table=table,
        flagged=flagged,
        runs=bars,
        days=all_days,
        word_counts=words,
        generated_at=datetime.now(UTC),
    )


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "[--runs N] [--html FILE]"

    def short_desc(self) -> str:
        return "Per-site figures of the last crawl runs; flag sites whose extraction degraded"

    def long_desc(self) -> str:
        return (
            "Per site, for the last N crawl runs: pages fetched, stored, unchanged (or not "
            "modified), failed (error, too large), blocked and skipped (not an article, not "
            "HTML, robots.txt); for the articles first seen in that window, the share without "
            "a date, the share without authors and the median words. A site is flagged "
            f"DEGRADED when, with at least {MIN_ARTICLES} articles on each side, its window "
            "articles compared with its earlier ones have a share without a date higher by "
            f"more than {MAX_RISE_WITHOUT_DATE * 100:.0f} percentage points, a share without "
            f"authors higher by more than {MAX_RISE_WITHOUT_AUTHORS * 100:.0f} percentage "
            "points, or a median word count lower "
            f"by more than {MAX_DROP_MEDIAN_WORDS:.0%}; the command then exits with status "
            f"{EXIT_DEGRADED}. The store is NEWS_DB_URL."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument(
            "--runs",
            metavar="N",
            type=_positive,
            default=DEFAULT_RUNS,
            help="the window: the last N crawl runs (default: %(default)s)",
        )
        parser.add_argument(
            "--html",
            metavar="FILE",
            help="also write the report as one self-contained HTML page with charts",
        )

    @staticmethod
    def _write_html(
        path: str,
        runs: list[RunSummary],
        window: str,
        pages: dict[str, dict[str, int]],
        articles: dict[str, SiteArticleFigures],
        days: dict[str, dict[str, int]],
    ) -> None:
        target = Path(path)
        partial = target.with_name(target.name + ".part")
        try:
            partial.write_text(html_page(runs, window, pages, articles, days), encoding="utf-8")
            os.replace(partial, target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            fail("report", f"cannot write {path}: {exc.strerror or exc}", EXIT_STORE)
        sys.stderr.write(f"report: HTML written to {path}\n")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args:
            raise UsageError(f"unexpected arguments: {' '.join(args)}")
        store = open_store(self.settings, "report", read_only=True)
        try:
            with store.reading() as session:
                runs = recent_runs(session, opts.runs)
                window_start = min((run.started_at for run in runs), default=None)
                pages = page_outcomes_by_site(session, window_start)
                articles = article_figures_by_site(session, window_start)
                days = articles_per_day(session, window_start) if opts.html else {}
        finally:
            store.close()
        lines = render_report(runs, window_start, pages, articles)
        print("\n".join(lines))
        if opts.html:
            self._write_html(opts.html, runs, lines[0], pages, articles, days)
        if any(line.startswith("DEGRADED ") for line in lines):
            # for cron and schedulers: a flagged site is worth a look
            self.exitcode = EXIT_DEGRADED
