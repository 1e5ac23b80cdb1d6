"""`Store`: the one handle on the database a process uses, and the store's retries.

A crawl opens its store once (`Store.open`): one engine for the process, the schema
brought current once, and every component of the crawl (pipelines, incremental
middlewares, the archive reader, the end-of-crawl re-clean) is handed the same `Store`.
Its methods are whole units of work, each in its own transaction, and carry the retries
the store needs: a database that is unreachable for a while (a restart, a failover, a
SQLite file locked by another crawl) is waited for, up to ``outage_timeout`` seconds, and a
batch that conflicts with another crawl's writes is written again. Whatever else goes
wrong is a bug and is raised as it is.

The methods block: a crawl calls them from a worker thread, never on the reactor.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, ClassVar, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from storage import archives, pages, queries, runs, writer
from storage.db import (
    check_connection,
    check_schema_current,
    check_writable_location,
    database_url,
    has_schema,
    make_engine,
    open_existing,
    redact,
)
from storage.db import retry_while_unreachable as _retry_while_unreachable
from storage.db import upgrade as _upgrade
from storage.errors import DatabaseUnavailable, StorageError
from storage.outcomes import RecleanOutcome

logger = logging.getLogger(__name__)
T = TypeVar("T")

#: How often a batch that conflicts with another crawl's writes is tried.
CONFLICT_ATTEMPTS = 5
#: Seconds an unreachable database is waited for (``NEWS_DB_OUTAGE_TIMEOUT``'s default).
DEFAULT_OUTAGE_TIMEOUT = 120.0


class Store:
    """The store behind one engine, with its retries.

    Args:
        engine: The database.
        outage_timeout: Seconds an unreachable database is waited for before
            `storage.DatabaseUnavailable` is raised.
    """

    # Stores opened by `open`, by URL, and how many holders each has.
    _shared: ClassVar[dict[str, tuple[Store, int]]] = {}
    _shared_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, engine: Engine, outage_timeout: float = DEFAULT_OUTAGE_TIMEOUT) -> None:
        self.engine = engine
        self.outage_timeout = outage_timeout
        self._key: str | None = None
        # Set when a unit of work waited the whole outage timeout in vain: later ones are
        # tried once (no second wait) until one gets through.
        self._down = False

    @classmethod
    def open(cls, url: str | None = None, *, outage_timeout: float | None = None) -> Store:
        """The process's store for ``url`` (see `storage.database_url`), at the current schema.

        The first call for a URL checks that a SQLite file's folder can be written,
        creates the engine, checks the connection and migrates;
        later calls (another component of the same crawl) get the same store. Each call
        is matched by a `close`; the engine is disposed with the last one.

        Raises:
            DatabaseUnavailable: The database cannot be reached or migrated.
        """
        key = database_url(url)
        with cls._shared_lock:
            held = cls._shared.get(key)
            if held is not None:
                store, holders = held
                cls._shared[key] = (store, holders + 1)
            else:
                check_writable_location(key)
                engine = make_engine(key)
                try:
                    check_connection(engine)
                    _upgrade(engine)
                except BaseException:
                    engine.dispose()
                    raise
                store = cls(engine, DEFAULT_OUTAGE_TIMEOUT)
                store._key = key
                cls._shared[key] = (store, 1)
        if outage_timeout is not None:
            store.outage_timeout = outage_timeout
        return store

    @classmethod
    def open_existing(cls, url: str | None = None, *, read_only: bool = False) -> Store:
        """A store for the existing database at ``url``, at the current schema; never a new one.

        For the commands that work on a store a crawl made (``reclean``, ``export``,
        ``report``): a missing SQLite file is refused ("no such store"), never created
        empty. With ``read_only``, a store that cannot be written (a read-only disk) is
        read as it is, if its schema is current, and an empty database is refused. The
        store is the caller's alone: `close` disposes of its engine.

        Raises:
            DatabaseUnavailable: With a one-line reason.
        """
        key = database_url(url)
        engine, migratable = open_existing(key)
        try:
            if not read_only:
                check_writable_location(key)
            if read_only and not has_schema(engine):
                # an empty database (or file): reading it would only create the tables
                raise DatabaseUnavailable(
                    f"no such store: {redact(key)} holds no newsclean tables (a crawl "
                    "creates them; check NEWS_DB_URL)"
                )
            if migratable:
                _upgrade(engine)
            else:
                check_schema_current(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        """Give back this store: the last holder of a store from `open`, or the one holder
        of any other, disposes of the engine."""
        if self._key is None:
            self.engine.dispose()
            return
        with self._shared_lock:
            store, holders = self._shared[self._key]
            if holders > 1:
                self._shared[self._key] = (store, holders - 1)
                return
            del self._shared[self._key]
        self.engine.dispose()

    @property
    def url(self) -> str:
        """The database URL, password masked."""
        return self.engine.url.render_as_string(hide_password=True)

    # -- transactions, for the commands' read and write queries --

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for read queries (`storage.queries`); nothing is committed."""
        with Session(self.engine) as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed at the end of the block (rolled back on error)."""
        with Session(self.engine) as session, session.begin():
            yield session

    def retrying(self, action: Callable[[], T]) -> T:
        """Run ``action()`` again and again while the database is unreachable.

        Once a unit of work has waited ``outage_timeout`` seconds in vain, the database is
        taken for down: the units after it (the look-ups and writes of pages still in
        flight while the crawl stops) are tried once, without a second wait, until one
        gets through.

        Raises:
            DatabaseUnavailable: Still unreachable after ``outage_timeout`` seconds.
        """
        try:
            result = _retry_while_unreachable(action, 0.0 if self._down else self.outage_timeout)
        except DatabaseUnavailable:
            self._down = True
            raise
        self._down = False
        return result

    @contextmanager
    def _once(self, write: bool = False) -> Iterator[Session]:
        """A unit of work tried once: an unreachable database is a `DatabaseUnavailable`.

        For what is not worth waiting for (a look-up at start, the crawl record at the
        end): the caller hears of an outage as a `StorageError`, of a bug as itself.
        """
        try:
            with self.transaction() if write else self.reading() as session:
                yield session
        except OperationalError as exc:
            lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
            raise DatabaseUnavailable(
                f"database unreachable: {lines[0] if lines else type(exc).__name__}"
            ) from exc

    # -- the crawl's units of work --

    def save_visits(
        self, visits: Sequence[writer.PageVisit], policy: pages.RecrawlPolicy
    ) -> writer.SaveResult:
        """Record a batch of visits in one transaction (`storage.writer.save_visits`).

        Written again while the database is unreachable, and when it conflicts with
        another crawl's writes (the same URL stored first by the other): the batch was
        rolled back whole, and written again it finds the now-current rows.

        Raises:
            DatabaseUnavailable: Unreachable for longer than ``outage_timeout``.
            StorageError: The batch kept conflicting with other writers.
        """

        def save() -> writer.SaveResult:
            for attempt in range(1, CONFLICT_ATTEMPTS + 1):
                try:
                    with self.transaction() as session:
                        return writer.save_visits(session, visits, policy)
                except IntegrityError as exc:
                    logger.info("batch write conflicted (attempt %d): %s", attempt, exc.orig)
            raise StorageError(f"writing {len(visits)} pages kept conflicting with other writers")

        result: writer.SaveResult = self.retrying(save)
        return result

    def page_states(self, urls: Sequence[str]) -> dict[str, pages.PageState]:
        """What the store knows of each of ``urls``, by normalised URL."""

        def look_up() -> dict[str, pages.PageState]:
            with self.reading() as session:
                return pages.page_states(session, urls)

        states: dict[str, pages.PageState] = self.retrying(look_up)
        return states

    def known_sites(self) -> set[str]:
        """The sites with at least one fetched page."""
        with self._once() as session:
            return pages.known_sites(session)

    def recent_texts(self, site: str) -> list[str]:
        """The texts of a site's newest articles, to learn its boilerplate from."""
        with self._once() as session:
            return queries.recent_texts(session, site)

    def articles_by_url(self, urls: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The stored rows of the articles at ``urls`` (normalised), by URL."""
        with self._once() as session:
            return queries.articles_by_url(session, urls)

    def start_run(self, spider: str, arguments: dict[str, Any]) -> int:
        """Record the start of a crawl now; return its id."""
        with self._once(write=True) as session:
            return runs.start_run(session, spider, arguments, datetime.now(UTC))

    def finish_run(self, run_id: int, reason: str, stats: dict[str, Any]) -> None:
        """Record the end of crawl ``run_id`` now, with its finish reason and final stats."""
        with self._once(write=True) as session:
            runs.finish_run(session, run_id, datetime.now(UTC), reason, stats)

    # -- archive files (crawls of WARC files) --

    def finished_archives(self, urls: Iterable[str]) -> set[str]:
        """The archive files among ``urls`` that an earlier crawl read to their end."""
        with self._once() as session:
            return archives.finished_archives(session, urls)

    def start_archive(self, url: str) -> None:
        """Record that reading archive file ``url`` starts now."""
        with self._once(write=True) as session:
            archives.start_archive(session, url, datetime.now(UTC))

    def finish_archive(self, url: str, records: int, pages: int, errors: int) -> None:
        """Record that archive file ``url`` was read to its end, with what it held."""
        with self._once(write=True) as session:
            archives.finish_archive(session, url, datetime.now(UTC), records, pages, errors)

    # -- re-cleaning stored pages --

    def count_raw_pages(self, site: str | None, fetched_since: datetime | None) -> int:
        """How many stored raw pages a re-clean of ``site`` since ``fetched_since`` reads."""
        with self._once() as session:
            return queries.count_raw_pages(session, site=site, fetched_since=fetched_since)

    def raw_pages_after(
        self, after_id: int, limit: int, site: str | None, fetched_since: datetime | None
    ) -> list[queries.RawPage]:
        """The next ``limit`` stored raw pages after article ``after_id`` (keyset order)."""
        with self._once() as session:
            return queries.raw_pages_after(
                session, after_id, limit, site=site, fetched_since=fetched_since
            )

    def save_recleaned(
        self, results: Sequence[tuple[int, Any, datetime]], now: datetime
    ) -> list[RecleanOutcome]:
        """Store re-cleaned articles in one transaction (`storage.writer.save_recleaned`).

        Args:
            results: ``(article_id, article, fetched_at of the HTML cleaned)`` each.
            now: When the re-clean ran.
        """
        with self._once(write=True) as session:
            return [
                writer.save_recleaned(session, article_id, article, now, cleaned_from=fetched_at)
                for article_id, article, fetched_at in results
            ]
