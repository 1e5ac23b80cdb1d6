"""Every query the project runs. Functions take a session and never commit: the caller
owns the transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from cleaning import Article
from storage.models import ArticleRecord
from storage.urls import normalize_url, site_of


@dataclass(frozen=True)
class FetchedArticle:
    """An article ready to store, with when it was fetched."""

    article: Article
    fetched_at: datetime


def _row(item: FetchedArticle) -> dict[str, Any]:
    a = item.article
    return {
        "url": normalize_url(a.url),
        "canonical_url": a.canonical_url or a.url,
        "site": site_of(a.url),
        "title": a.title,
        "text": a.text,
        "authors": list(a.authors),
        "published_at": a.published_at,
        "modified_at": a.modified_at,
        "language": a.language,
        "site_name": a.site_name,
        "description": a.description,
        "tags": list(a.tags),
        "image_url": a.image_url,
        "content_hash": a.content_hash,
        "word_count": a.word_count,
        "first_seen_at": item.fetched_at,
        "last_fetched_at": item.fetched_at,
    }


def upsert_articles(session: Session, items: Sequence[FetchedArticle]) -> int:
    """Insert new articles and update the ones already stored (matched by normalised URL).

    ``first_seen_at`` of a stored article is kept; everything else takes the new values.
    When one batch holds the same URL twice, the last one wins.

    Returns:
        The number of rows written.
    """
    if not items:
        return 0
    by_url = {row["url"]: row for row in map(_row, items)}
    rows = list(by_url.values())
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(ArticleRecord).values(rows)
    updated = {
        column: stmt.excluded[column]
        for column in rows[0]
        if column not in ("url", "first_seen_at")
    }
    session.execute(stmt.on_conflict_do_update(index_elements=["url"], set_=updated))
    return len(rows)


def count_articles(session: Session, site: str | None = None) -> int:
    """Return how many articles are stored, for one site or all."""
    query = select(func.count()).select_from(ArticleRecord)
    if site is not None:
        query = query.where(ArticleRecord.site == site)
    return int(session.scalar(query) or 0)


def get_article(session: Session, url: str) -> ArticleRecord | None:
    """Return the stored article for ``url`` (normalised first), or None."""
    return session.scalar(select(ArticleRecord).where(ArticleRecord.url == normalize_url(url)))
