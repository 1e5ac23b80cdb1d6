"""The store's schema: typed SQLAlchemy 2 models.

The schema is a public contract (downstream tools read it; see docs/schema.md). It is
created and changed only by the Alembic revisions in ``storage/migrations``; a test checks
that models and migrations agree.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.types import JSONList, UTCDateTime

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
