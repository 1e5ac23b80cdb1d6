"""Alembic environment: the same revisions run on SQLite and PostgreSQL.

Run through ``storage.db.upgrade`` (what a crawl does at start) or the ``alembic``
command from the repository root (configured in ``pyproject.toml``); the database is
``NEWS_DB_URL`` or ``-x url=...``, else ``sqlite:///news.db``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from storage.db import database_url
from storage.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode copies the table, and the same
        # revision file works on PostgreSQL.
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """Emit SQL to stdout instead of running it (``alembic upgrade head --sql``)."""
    context.configure(
        url=_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    x_args = context.get_x_argument(as_dictionary=True)
    return x_args.get("url") or database_url()


def run_migrations_online() -> None:
    """Run against a live connection, the caller's if it handed one over."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    engine = create_engine(_url())
    try:
        with engine.connect() as conn:
            _configure(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
