"""Queries for archive files (``archive_files``) and for exporting raw pages as WARC.

Functions take a session and never commit: the caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from storage.models import ArchiveFileRecord, ArticleRecord, PageRecord, RawPageRecord

#: Rows fetched per round trip when streaming raw pages.
RAW_CHUNK = 200


def finished_archives(session: Session, urls: Iterable[str]) -> set[str]:
    """The archive files among ``urls`` that an earlier crawl read to their end."""
    wanted = list(dict.fromkeys(urls))
    done: set[str] = set()
    for start in range(0, len(wanted), 500):  # bounded IN lists
        done.update(
            session.scalars(
                select(ArchiveFileRecord.url).where(
                    ArchiveFileRecord.url.in_(wanted[start : start + 500]),
                    ArchiveFileRecord.finished_at.is_not(None),
                )
            )
        )
    return done


def start_archive(session: Session, url: str, now: datetime) -> None:
    """Record that reading ``url`` starts now (again, when an earlier reading stopped)."""
    record = session.scalar(select(ArchiveFileRecord).where(ArchiveFileRecord.url == url))
    if record is None:
        session.add(
            ArchiveFileRecord(
                url=url, started_at=now, finished_at=None, records=0, pages=0, errors=0
            )
        )
    else:
        record.started_at, record.finished_at = now, None
        record.records = record.pages = record.errors = 0


def finish_archive(
    session: Session, url: str, now: datetime, records: int, pages: int, errors: int
) -> None:
    """Record that ``url`` was read to its end, with what it held.

    A row is created when none exists (the start was not recorded).
    """
    record = session.scalar(select(ArchiveFileRecord).where(ArchiveFileRecord.url == url))
    if record is None:
        record = ArchiveFileRecord(url=url, started_at=now)
        session.add(record)
    record.finished_at = now
    record.records, record.pages, record.errors = records, pages, errors


def archive_files(session: Session) -> list[ArchiveFileRecord]:
    """Every archive file row, by id."""
    return list(session.scalars(select(ArchiveFileRecord).order_by(ArchiveFileRecord.id)))


@dataclass(frozen=True)
class ExportPage:
    """A stored raw page with what the store knows of the response it came in.

    Attributes:
        article_id: The article's id.
        url: The URL the page was fetched from.
        fetched_at: When this HTML was fetched.
        html_gzip: The page, gzip-compressed UTF-8.
        status: The last HTTP status of the URL (``pages.last_status``), or None.
        etag: The response's ETag, or None.
        last_modified: The response's Last-Modified, or None.
    """

    article_id: int
    url: str
    fetched_at: datetime
    html_gzip: bytes = field(repr=False)
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None


def _article_conditions(
    site: str | None, changed_since: datetime | None
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if site is not None:
        conditions.append(ArticleRecord.site == site)
    if changed_since is not None:
        conditions.append(ArticleRecord.last_changed_at >= changed_since)
    return conditions


def iter_export_pages(
    session: Session,
    *,
    site: str | None = None,
    changed_since: datetime | None = None,
    chunk: int = RAW_CHUNK,
) -> Iterator[ExportPage]:
    """Every stored raw page (by article id) with its page row's status and headers.

    Keyset pages of ``chunk`` rows, so memory stays flat and no read transaction stays open
    for long. ``site`` and ``changed_since`` filter like the other export formats
    (``articles.site``, ``articles.last_changed_at``).
    """
    after = 0
    while True:
        query = (
            select(
                RawPageRecord.article_id,
                RawPageRecord.url,
                RawPageRecord.fetched_at,
                RawPageRecord.html_gzip,
                PageRecord.last_status,
                PageRecord.etag,
                PageRecord.last_modified,
            )
            .join(ArticleRecord, ArticleRecord.id == RawPageRecord.article_id)
            .outerjoin(PageRecord, PageRecord.url == ArticleRecord.url)
            .where(RawPageRecord.article_id > after)
            .order_by(RawPageRecord.article_id)
            .limit(chunk)
        )
        rows = session.execute(query.where(*_article_conditions(site, changed_since))).all()
        if not rows:
            return
        for row in rows:
            yield ExportPage(
                article_id=row[0],
                url=row[1],
                fetched_at=row[2],
                html_gzip=row[3],
                status=row[4],
                etag=row[5],
                last_modified=row[6],
            )
        after = rows[-1][0]


def count_articles_without_raw(
    session: Session, *, site: str | None = None, changed_since: datetime | None = None
) -> int:
    """Articles (within the filters) whose raw HTML was not kept."""
    query = (
        select(func.count())
        .select_from(ArticleRecord)
        .outerjoin(RawPageRecord, RawPageRecord.article_id == ArticleRecord.id)
        .where(RawPageRecord.article_id.is_(None))
    )
    return int(session.scalar(query.where(*_article_conditions(site, changed_since))) or 0)
