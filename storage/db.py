"""Engines, migrations and the database URL.

The URL comes from ``NEWS_DB_URL`` (environment or Scrapy setting); the default is the
SQLite file ``news.db`` in the current folder. Every schema change goes through Alembic:
`upgrade` brings any database, empty or older, to the current schema.
"""

from __future__ import annotations

import atexit
import functools
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry, NullPool

from storage.errors import BadDatabaseURL, DatabaseUnavailable

logger = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_DB_URL = "sqlite:///news.db"
# PostgreSQL advisory lock held while migrating (any fixed 64-bit number of our own).
MIGRATION_LOCK_KEY = 0x6E657773636C6E  # "newscln"
MIGRATION_ATTEMPTS = 5
# Seconds `check_connection` waits for a SQLite file another process has locked.
LOCKED_WAIT = 30.0


#: The forms a ``NEWS_DB_URL`` can take, for error messages.
URL_FORMS = "sqlite:///news.db, sqlite:////abs/path/news.db or postgresql://user@host/db"
#: File name endings taken as a SQLite file when ``NEWS_DB_URL`` is a bare path.
SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3", ".db3")


def database_url(explicit: str | None = None) -> str:
    """Return the database URL: ``explicit``, else ``NEWS_DB_URL``, else ``news.db``.

    Forms people have at hand are accepted: the libpq / Heroku ``postgres://`` and a
    plain ``postgresql://`` are given the psycopg (3) driver; a bare file name or path
    ending like a SQLite file (``news.db``, ``data/news.sqlite``) is a SQLite file.

    Raises:
        BadDatabaseURL: Neither a URL nor a SQLite file name.
    """
    url = (explicit or os.environ.get("NEWS_DB_URL") or DEFAULT_DB_URL).strip()
    scheme, sep, rest = url.partition("://")
    if not sep:
        if url.lower().endswith(SQLITE_SUFFIXES) or os.sep in url:
            return f"sqlite:///{url}"
        raise BadDatabaseURL(
            f"NEWS_DB_URL={url!r} is not a database URL; use one of {URL_FORMS} "
            f"(or a file name ending in {SQLITE_SUFFIXES[0]})"
        )
    if scheme.lower() in ("postgres", "postgresql"):
        return f"postgresql+psycopg://{rest}"
    try:
        make_url(url)
    except ArgumentError:
        raise BadDatabaseURL(
            f"NEWS_DB_URL={redact(url)!r} cannot be parsed; use one of {URL_FORMS}"
        ) from None
    return url


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None: not SQLite, or an in-memory database)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    database = parsed.database
    assert database is not None
    return Path(database.removeprefix("file:").split("?", 1)[0])


def check_writable_location(url: str) -> None:
    """Fail early, each with its own message, where a SQLite store cannot be written.

    Raises:
        DatabaseUnavailable: The folder does not exist, or it (or the file) is read-only.
    """
    path = sqlite_path(url)
    if path is None:
        return
    folder = path.absolute().parent
    if not folder.is_dir():
        raise DatabaseUnavailable(
            f"the folder of the store does not exist: {folder} (create it, or point "
            "NEWS_DB_URL elsewhere)"
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseUnavailable(f"the store is read-only: {path} (check its permissions)")
    if not os.access(folder, os.W_OK):
        raise DatabaseUnavailable(
            f"the folder of the store is read-only: {folder} (a SQLite store needs to "
            "write its journal next to the file; use a writable folder)"
        )


def open_existing(url: str) -> tuple[Engine, bool]:
    """An engine that only reads the existing store at ``url``; never creates one.

    A SQLite file is opened read-only (``mode=ro``), or, in a folder that cannot be
    written (a read-only disk, a mounted snapshot), as immutable: no lock or journal
    file is needed then. Returns the engine and whether it can be migrated (it cannot
    when read-only).

    Raises:
        DatabaseUnavailable: ``no such store: PATH``.
    """
    path = sqlite_path(url)
    if path is None:
        return make_engine(url), True
    if not path.is_file():
        raise DatabaseUnavailable(
            f"no such store: {path} (set NEWS_DB_URL to an existing store, e.g. "
            "sqlite:////abs/path/news.db; a crawl creates one)"
        )
    writable = os.access(path, os.W_OK) and os.access(path.absolute().parent, os.W_OK)
    if writable:
        return make_engine(url), True
    flags = "immutable=1"
    engine = create_engine(f"sqlite:///file:{path.absolute()}?{flags}&uri=true", poolclass=NullPool)
    event.listen(engine, "connect", _read_only_pragmas)
    return engine, False


def _read_only_pragmas(dbapi_connection: object, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def has_schema(engine: Engine) -> bool:
    """Whether the database behind ``engine`` holds a store (Alembic's version table).

    Raises:
        DatabaseUnavailable: The database cannot be reached.
    """
    try:
        with engine.connect() as connection:
            return inspect(connection).has_table("alembic_version")
    except SQLAlchemyError as exc:
        raise DatabaseUnavailable(
            f"cannot connect to database {engine.url.render_as_string(hide_password=True)}: "
            f"{_first_line(getattr(exc, 'orig', None) or exc)}"
        ) from exc


def check_schema_current(engine: Engine) -> None:
    """Raise `DatabaseUnavailable` unless the store is at the newest revision.

    For a store that cannot be migrated (read-only): reading an older schema would fail
    later, on a missing column.
    """
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as exc:
        raise DatabaseUnavailable(
            f"cannot read the store {engine.url.render_as_string(hide_password=True)}: "
            f"{_first_line(getattr(exc, 'orig', None) or exc)}"
        ) from exc
    if current != head:
        raise DatabaseUnavailable(
            f"the store is read-only and at schema revision {current or 'none'}, not {head}: "
            "copy it somewhere writable and run any scrapy command on it once to upgrade it"
        )


def redact(url: str) -> str:
    """Return ``url`` with its password masked, for logs and error messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL: show nothing of it that could be secret
        return "<unparsable database URL>"


def _sqlite_pragmas(dbapi_connection: object, _record: ConnectionPoolEntry) -> None:
    # WAL lets downstream readers read while a crawl writes; busy_timeout makes two
    # crawls writing the same file wait for each other instead of failing.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    # The timeout first: switching a new file to WAL takes a lock that another process
    # (a second crawl migrating the same file) may hold for a moment.
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """Create an engine for ``url`` (see `database_url`), tuned for its backend."""
    url = database_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        # Enough pooled connections for the crawl's worker threads, so none is opened
        # (and set up) again and again.
        engine = create_engine(url, pool_size=16, max_overflow=16)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config() -> Config:
    """Return an Alembic config that runs this package's revisions.

    The caller hands over its connection in ``config.attributes["connection"]``.
    """
    config = Config()
    config.set_main_option("script_location", _migrations_dir())
    return config


@functools.cache
def _migrations_dir() -> str:
    """The folder of the Alembic revisions, as a real directory.

    Alembic reads its scripts from the file system. When the package is imported from a
    zip (a scrapyd egg), the revisions are copied out to a temporary folder first.
    """
    location = files("storage") / "migrations"
    if isinstance(location, Path):
        return str(location)
    target = Path(tempfile.mkdtemp(prefix="newsclean-migrations-"))
    atexit.register(shutil.rmtree, target, ignore_errors=True)
    _copy_tree(location, target / "migrations")
    return str(target / "migrations")


def _copy_tree(source: Traversable, target: Path) -> None:
    target.mkdir()
    for entry in source.iterdir():
        if entry.is_dir():
            if entry.name != "__pycache__":
                _copy_tree(entry, target / entry.name)
        else:
            (target / entry.name).write_bytes(entry.read_bytes())


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database behind ``engine`` to ``revision`` (default: the newest).

    Raises:
        DatabaseUnavailable: The database cannot be reached or the migration failed.
    """
    config = alembic_config()
    for attempt in range(MIGRATION_ATTEMPTS):
        try:
            with engine.begin() as connection:
                if connection.dialect.name == "postgresql":
                    # Crawls started together on an empty database (cron, scale-out) take
                    # turns: the first migrates, the others then find the schema current.
                    connection.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
                    )
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
            return
        except SQLAlchemyError as exc:
            # SQLite has no such lock: a second crawl that raced the first one fails on the
            # table the first one created, and finds the schema current when it tries again.
            if attempt + 1 < MIGRATION_ATTEMPTS and engine.dialect.name == "sqlite":
                logger.info("migration raced another process, trying again: %s", _first_line(exc))
                time.sleep(0.5 * (attempt + 1))
                continue
            raise DatabaseUnavailable(
                f"cannot bring database {engine.url.render_as_string(hide_password=True)} "
                f"to the current schema: {type(exc).__name__}: {_first_line(exc)}"
            ) from exc


def retry_while_unreachable(action: Callable[[], T], timeout: float) -> T:
    """Run ``action``, again and again while the database is unreachable, up to ``timeout``.

    A restart or failover of the database surfaces as `OperationalError` (so does a
    locked SQLite file); anything else is raised at once.

    Raises:
        DatabaseUnavailable: Still unreachable after ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    attempt = 0
    while True:
        attempt += 1
        try:
            return action()
        except OperationalError as exc:
            reason = _first_line(getattr(exc, "orig", None) or exc)
            if time.monotonic() >= deadline:
                waited = f" for {timeout:g} s" if timeout > 0 else ""
                raise DatabaseUnavailable(f"database unreachable{waited}: {reason}") from exc
            logger.warning("database unreachable (attempt %d), retrying: %s", attempt, reason)
            time.sleep(min(0.2 * 2 ** min(attempt, 4), 2.0))


def check_connection(engine: Engine) -> None:
    """Raise `DatabaseUnavailable` with a one-line reason if the database does not answer.

    A SQLite file locked by another process for a moment (a crawl starting next to this
    one) is waited for, up to `LOCKED_WAIT` seconds; an unreachable server fails at once.
    """
    deadline = time.monotonic() + LOCKED_WAIT
    while True:
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return
        except OperationalError as exc:
            if "locked" in str(exc.orig) and time.monotonic() < deadline:
                time.sleep(0.2)
                continue
            error: SQLAlchemyError = exc
        except SQLAlchemyError as exc:
            error = exc
        raise DatabaseUnavailable(
            f"cannot connect to database {engine.url.render_as_string(hide_password=True)}: "
            f"{_first_line(getattr(error, 'orig', None) or error)}"
        ) from error


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
