"""Read queries: the crawl's (learned boilerplate), and the ``reclean``, ``export`` and
``report`` commands'.

Functions take a session and never commit: the caller owns the transaction. Anything that
may touch every article streams (keyset pages or ``yield_per``), so memory stays flat on a
large store.
"""

from __future__ import annotations

import gzip
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import JSON, Integer, String, func, select
from sqlalchemy.orm import Session

from storage.models import ArticleRecord, CrawlRunRecord, PageRecord, RawPageRecord
from storage.types import UTCDateTime
from storage.urls import normalize_url

#: Rows fetched per round trip when streaming articles.
STREAM_CHUNK = 500

ColumnKind = Literal["int", "text", "datetime", "list"]


@dataclass(frozen=True)
class Column:
    """One column of the ``articles`` table, as an export writer needs it.

    Attributes:
        name: The column name (the export's field name).
        kind: ``int``, ``text``, ``datetime`` (timezone-aware UTC) or ``list`` (of text).
        nullable: Whether the column may hold NULL.
    """

    name: str
    kind: ColumnKind
    nullable: bool


def article_columns() -> list[Column]:
    """The ``articles`` columns in schema order, with the kind of value each holds."""
    columns = []
    for column in ArticleRecord.__table__.columns:
        kind: ColumnKind
        if isinstance(column.type, UTCDateTime):
            kind = "datetime"
        elif isinstance(column.type, JSON):
            kind = "list"  # authors, tags: JSON arrays of text
        elif isinstance(column.type, Integer):
            kind = "int"
        elif isinstance(column.type, String):  # Text is a String
            kind = "text"
        else:  # pragma: no cover - a new column type must be given a kind here
            raise TypeError(f"articles.{column.name}: no export kind for {column.type!r}")
        columns.append(Column(column.name, kind, bool(column.nullable)))
    return columns


def iter_articles(
    session: Session,
    *,
    site: str | None = None,
    changed_since: datetime | None = None,
    published_since: datetime | None = None,
    published_until: datetime | None = None,
    languages: Iterable[str] = (),
    chunk: int = STREAM_CHUNK,
) -> Iterator[dict[str, Any]]:
    """Every article (all columns, by id) as a dict keyed by column name, streamed.

    Args:
        site: Only this site (``articles.site``).
        changed_since: Only articles new or changed at or after this time
            (``last_changed_at``).
        published_since: Only articles published at or after this time (``published_at``;
            articles without a date are left out when this or ``published_until`` is given).
        published_until: Only articles published before this time.
        languages: Only articles in these languages (ISO 639-1 codes; empty: all).
        chunk: Rows per round trip (a server-side cursor on PostgreSQL).
    """
    table = ArticleRecord.__table__
    query = select(table).order_by(table.c.id)
    if site is not None:
        query = query.where(table.c.site == site)
    if changed_since is not None:
        query = query.where(table.c.last_changed_at >= changed_since)
    if published_since is not None:
        query = query.where(table.c.published_at >= published_since)
    if published_until is not None:
        query = query.where(table.c.published_at < published_until)
    codes = sorted({code.lower() for code in languages})
    if codes:
        query = query.where(table.c.language.in_(codes))
    result = session.execute(query.execution_options(yield_per=chunk))
    for row in result:
        yield dict(row._mapping)


@dataclass(frozen=True)
class RawPage:
    """The raw HTML an article was last cleaned from.

    Attributes:
        article_id: The article's id.
        url: The URL the page was fetched from (as fetched, not normalised).
        fetched_at: When this HTML was fetched.
        html_gzip: The page, gzip-compressed UTF-8 (see `decompress_html`).
        content_hash: The stored article's content hash, to tell whether cleaning the
            page again changed it.
    """

    article_id: int
    url: str
    fetched_at: datetime
    html_gzip: bytes = field(repr=False)
    content_hash: str = ""


def decompress_html(html_gzip: bytes) -> str:
    """The page text of a ``raw_pages.html_gzip`` value."""
    return gzip.decompress(html_gzip).decode("utf-8", "surrogatepass")


def _raw_pages_query(site: str | None, fetched_since: datetime | None) -> Any:
    query = select(RawPageRecord, ArticleRecord.content_hash).join(
        ArticleRecord, ArticleRecord.id == RawPageRecord.article_id
    )
    if site is not None:
        query = query.where(ArticleRecord.site == site)
    if fetched_since is not None:
        query = query.where(RawPageRecord.fetched_at >= fetched_since)
    return query


def count_raw_pages(
    session: Session, *, site: str | None = None, fetched_since: datetime | None = None
) -> int:
    """How many stored raw pages `raw_pages_after` would give, for a progress bar."""
    query = _raw_pages_query(site, fetched_since).subquery()
    return int(session.scalar(select(func.count()).select_from(query)) or 0)


def raw_pages_after(
    session: Session,
    after_id: int,
    limit: int,
    *,
    site: str | None = None,
    fetched_since: datetime | None = None,
) -> list[RawPage]:
    """The next ``limit`` raw pages with an article id above ``after_id``, by article id.

    Keyset pages instead of one long cursor: each call is a short query, so a long
    re-clean never holds a read transaction open while it writes.

    Args:
        after_id: The last article id of the previous page (0 to start).
        limit: Pages per call.
        site: Only pages of articles of this site.
        fetched_since: Only pages fetched at or after this time.
    """
    query = (
        _raw_pages_query(site, fetched_since)
        .where(RawPageRecord.article_id > after_id)
        .order_by(RawPageRecord.article_id)
        .limit(limit)
    )
    return [
        RawPage(raw.article_id, raw.url, raw.fetched_at, raw.html_gzip, content_hash)
        for raw, content_hash in session.execute(query)
    ]


# --- report ----------------------------------------------------------------------


@dataclass(frozen=True)
class RunSummary:
    """One crawl run, with the page outcomes counted in its final stats.

    Attributes:
        id: The run's id.
        spider: The spider's name.
        started_at: When it started.
        finished_at: When it finished, or None (still running, or killed).
        finish_reason: Scrapy's finish reason, or None.
        pages: Pages per outcome (the ``news/pages/<outcome>`` stats).
    """

    id: int
    spider: str
    started_at: datetime
    finished_at: datetime | None
    finish_reason: str | None
    pages: dict[str, int]


def recent_runs(session: Session, limit: int) -> list[RunSummary]:
    """The last ``limit`` crawl runs, newest first."""
    runs = session.scalars(
        select(CrawlRunRecord)
        .order_by(CrawlRunRecord.started_at.desc(), CrawlRunRecord.id.desc())
        .limit(limit)
    )
    summaries = []
    for run in runs:
        pages = {
            key.removeprefix("news/pages/"): int(value)
            for key, value in (run.stats or {}).items()
            if key.startswith("news/pages/") and isinstance(value, int | float)
        }
        summaries.append(
            RunSummary(
                run.id, run.spider, run.started_at, run.finished_at, run.finish_reason, pages
            )
        )
    return summaries


def page_outcomes_by_site(
    session: Session, fetched_since: datetime | None
) -> dict[str, dict[str, int]]:
    """Pages per site and last outcome, among pages last fetched at or after a time.

    ``pages`` keeps the last outcome of each URL, so a URL fetched in several runs of the
    window counts once, with its latest outcome.
    """
    query = select(PageRecord.site, PageRecord.outcome, func.count()).group_by(
        PageRecord.site, PageRecord.outcome
    )
    if fetched_since is not None:
        query = query.where(PageRecord.last_fetched_at >= fetched_since)
    counts: dict[str, dict[str, int]] = {}
    for site, outcome, count in session.execute(query):
        counts.setdefault(site, {})[outcome] = int(count)
    return counts


@dataclass
class ArticleFigures:
    """Extraction quality figures of a set of articles.

    Attributes:
        articles: How many.
        without_date: How many have no ``published_at``.
        without_authors: How many have no authors.
        word_counts: Their word counts (for the median).
    """

    articles: int = 0
    without_date: int = 0
    without_authors: int = 0
    word_counts: list[int] = field(default_factory=list, repr=False)

    @property
    def share_without_date(self) -> float | None:
        """Share of articles without a date (0..1), or None for no articles."""
        return self.without_date / self.articles if self.articles else None

    @property
    def share_without_authors(self) -> float | None:
        """Share of articles without authors (0..1), or None for no articles."""
        return self.without_authors / self.articles if self.articles else None

    @property
    def median_words(self) -> float | None:
        """Median word count, or None for no articles."""
        return statistics.median(self.word_counts) if self.word_counts else None

    def add(self, published_at: datetime | None, authors: list[str] | None, words: int) -> None:
        """Count one article."""
        self.articles += 1
        self.without_date += published_at is None
        self.without_authors += not authors
        self.word_counts.append(words)


@dataclass
class SiteArticleFigures:
    """A site's article figures, split at the start of the report window.

    Attributes:
        window: Articles first seen in the window.
        earlier: Articles first seen before it.
    """

    window: ArticleFigures = field(default_factory=ArticleFigures)
    earlier: ArticleFigures = field(default_factory=ArticleFigures)


def article_figures_by_site(
    session: Session, window_start: datetime | None, *, chunk: int = 5000
) -> dict[str, SiteArticleFigures]:
    """Per site: date, author and length figures of articles first seen in the window and
    before it (all articles are in the window when ``window_start`` is None).

    Streams a few small columns per article; the empty-array test for ``authors`` is made
    here rather than in SQL, where SQLite and PostgreSQL spell it differently.
    """
    query = select(
        ArticleRecord.site,
        ArticleRecord.first_seen_at,
        ArticleRecord.published_at,
        ArticleRecord.authors,
        ArticleRecord.word_count,
    ).execution_options(yield_per=chunk)
    figures: dict[str, SiteArticleFigures] = {}
    for site, first_seen_at, published_at, authors, words in session.execute(query):
        site_figures = figures.setdefault(site, SiteArticleFigures())
        in_window = window_start is None or first_seen_at >= window_start
        side = site_figures.window if in_window else site_figures.earlier
        side.add(published_at, authors, int(words or 0))
    return figures


def articles_by_url(session: Session, urls: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The stored articles of ``urls`` (stored form), all columns, keyed by URL.

    A crawl's feed export (``-O file``) gives these rows, so a feed holds exactly what
    ``scrapy export`` would write for the same articles.
    """
    wanted = set(urls)
    if not wanted:
        return {}
    table = ArticleRecord.__table__
    rows = session.execute(select(table).where(table.c.url.in_(wanted)))
    return {row.url: dict(row._mapping) for row in rows}


def articles_per_day(
    session: Session, window_start: datetime | None, *, chunk: int = 5000
) -> dict[str, dict[str, int]]:
    """Per site, the articles first seen in the window by publication day (ISO date, UTC;
    ``""`` for articles without a date), for the report's chart."""
    query = select(ArticleRecord.site, ArticleRecord.published_at).execution_options(
        yield_per=chunk
    )
    if window_start is not None:
        query = query.where(ArticleRecord.first_seen_at >= window_start)
    days: dict[str, dict[str, int]] = {}
    for site, published_at in session.execute(query):
        day = published_at.date().isoformat() if published_at is not None else ""
        per_site = days.setdefault(site, {})
        per_site[day] = per_site.get(day, 0) + 1
    return days


#: Articles of a site read to learn its boilerplate (the newest ones).
LEARN_FROM = 300


def recent_texts(session: Session, site: str, limit: int = LEARN_FROM) -> list[str]:
    """The texts of a site's newest articles (by first sighting), newest first."""
    return list(
        session.scalars(
            select(ArticleRecord.text)
            .where(ArticleRecord.site == site)
            .order_by(ArticleRecord.first_seen_at.desc())
            .limit(limit)
        )
    )


def count_articles(session: Session, site: str | None = None) -> int:
    """Return how many articles are stored, for one site or all."""
    query = select(func.count()).select_from(ArticleRecord)
    if site is not None:
        query = query.where(ArticleRecord.site == site)
    return int(session.scalar(query) or 0)


def get_article(session: Session, url: str) -> ArticleRecord | None:
    """Return the stored article for ``url`` (normalised first), or None."""
    return session.scalar(select(ArticleRecord).where(ArticleRecord.url == normalize_url(url)))
