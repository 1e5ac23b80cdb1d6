"""The store's schema: typed SQLAlchemy 2 models.

The schema is a public contract (downstream tools read it; see docs/schema.md). It is
created and changed only by the Alembic revisions in ``storage/migrations``; a test checks
that models and migrations agree.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.types import JSONDict, JSONList, UTCDateTime

# Constraint names are fixed up front so every migration can name what it alters, on
# SQLite (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# 64-bit ids on PostgreSQL; SQLite needs INTEGER for its rowid alias.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    """Declarative base carrying the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ArticleRecord(Base):
    """The current version of one article, keyed by its normalised URL."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    canonical_url: Mapped[str] = mapped_column(Text)
    site: Mapped[str] = mapped_column(String(255), index=True)
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(JSONList)
    organizations: Mapped[list[str]] = mapped_column(JSONList, server_default="[]")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    modified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    language: Mapped[str | None] = mapped_column(String(16))
    site_name: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(JSONList)
    image_url: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    word_count: Mapped[int] = mapped_column(Integer)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revision: Mapped[int] = mapped_column(Integer, server_default="1")
    cleaner_version: Mapped[str] = mapped_column(String(32), server_default="")
    text_source: Mapped[str | None] = mapped_column(String(16))
    # Near-duplicate detection: a 64-bit SimHash of the text, split into four 16-bit bands
    # (two texts within 3 bits of each other share a band, so a band lookup finds them).
    fingerprint: Mapped[int | None] = mapped_column(BigInteger)
    fp_band0: Mapped[int | None] = mapped_column(Integer, index=True)
    fp_band1: Mapped[int | None] = mapped_column(Integer, index=True)
    fp_band2: Mapped[int | None] = mapped_column(Integer, index=True)
    fp_band3: Mapped[int | None] = mapped_column(Integer, index=True)
    duplicate_of: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )


class ArticleRevisionRecord(Base):
    """One version of an article's cleaned title and text; a new row only on change."""

    __tablename__ = "article_revisions"
    __table_args__ = (UniqueConstraint("article_id", "revision"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    article_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    revision: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    cleaner_version: Mapped[str] = mapped_column(String(32))
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PageRecord(Base):
    """One row per URL ever fetched: what happened last time and when to look again."""

    __tablename__ = "pages"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    site: Mapped[str] = mapped_column(String(255), index=True)
    last_status: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(32), index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    first_fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    next_fetch_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    consecutive_failures: Mapped[int] = mapped_column(Integer, server_default="0")
    article_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )


class RawPageRecord(Base):
    """The raw HTML an article was last cleaned from, gzip-compressed (for ``reclean``)."""

    __tablename__ = "raw_pages"

    article_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    url: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    html_gzip: Mapped[bytes] = mapped_column(LargeBinary)


class CrawlRunRecord(Base):
    """One crawl: spider, arguments, start and end, finish reason and final stats."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    spider: Mapped[str] = mapped_column(String(64))
    arguments: Mapped[dict[str, Any]] = mapped_column(JSONDict)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finish_reason: Mapped[str | None] = mapped_column(Text)
    stats: Mapped[dict[str, Any] | None] = mapped_column(JSONDict)


class ArchiveFileRecord(Base):
    """One archive file (WARC) read as a source of pages; a finished one is not read again."""

    __tablename__ = "archive_files"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    records: Mapped[int] = mapped_column(Integer, server_default="0")
    pages: Mapped[int] = mapped_column(Integer, server_default="0")
    errors: Mapped[int] = mapped_column(Integer, server_default="0")
