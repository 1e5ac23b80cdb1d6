"""Whole-store operations that tools around the crawler need: listings, throw-away databases.

Kept in `storage` so that no other package writes SQL: the demo prints the store through
`stored_articles`, the benchmarks make pages due and create scratch PostgreSQL databases here.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import create_engine, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from storage.db import make_engine
from storage.models import ArticleRecord, PageRecord


def stored_articles(db_url: str) -> list[ArticleRecord]:
    """Every stored article, oldest publication first (detached records, read-only use).

    Args:
        db_url: The store's SQLAlchemy URL.

    Returns:
        The article records, loaded and detached from their session.
    """
    engine = make_engine(db_url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            records = session.scalars(
                select(ArticleRecord).order_by(ArticleRecord.published_at, ArticleRecord.id)
            ).all()
            session.expunge_all()
            return list(records)
    finally:
        engine.dispose()


def make_all_pages_due(db_url: str) -> None:
    """Make every stored page due for a re-check, as if its re-crawl interval had passed."""
    engine = make_engine(db_url)
    try:
        with Session(engine) as session, session.begin():
            session.execute(update(PageRecord).values(next_fetch_at=datetime.now(UTC)))
    finally:
        engine.dispose()


@contextmanager
def scratch_postgres_database(server_url: str, prefix: str = "newsclean_scratch") -> Iterator[str]:
    """A throw-away PostgreSQL database on ``server_url``, dropped afterwards.

    Args:
        server_url: A URL of any database on the server (used to create and drop).
        prefix: The new database's name prefix.

    Yields:
        The URL of the new, empty database.
    """
    admin_url = make_url(server_url)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
