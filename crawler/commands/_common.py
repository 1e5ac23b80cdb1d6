"""Options and start-up shared by the store commands (``reclean``, ``export``, ``report``).

Functions only: Scrapy registers every `ScrapyCommand` subclass found in this package as
a command, so a shared base class cannot live here.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import NoReturn

from scrapy.settings import BaseSettings
from sqlalchemy import Engine

from crawler.config import StorageConfig
from storage import DatabaseUnavailable, site_of, upgrade
from storage.db import (
    check_schema_current,
    check_writable_location,
    has_schema,
    open_existing,
    redact,
)

EXIT_USAGE = 2
EXIT_STORE = 1


def since_option(value: str) -> datetime:
    """Parse ``--since``: an ISO 8601 date or date-time; without a zone it is UTC.

    Raises:
        argparse.ArgumentTypeError: Not an ISO date or date-time.
    """
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not an ISO 8601 date or date-time: {value!r} (e.g. 2025-01-31 or "
            "2025-01-31T08:00:00+01:00)"
        ) from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def site_option(value: str) -> str:
    """Parse ``--site``: a host or a URL, stored form (lower case, without ``www.``).

    Raises:
        argparse.ArgumentTypeError: No host in ``value``.
    """
    value = value.strip()
    site = site_of(value if "://" in value else f"http://{value}")
    if not site:
        raise argparse.ArgumentTypeError(f"not a host name: {value!r}")
    return site


def add_filter_options(parser: argparse.ArgumentParser, since_help: str) -> None:
    """Add ``--site`` and ``--since`` to a command's parser."""
    parser.add_argument(
        "--site",
        metavar="HOST",
        type=site_option,
        help="only articles of this site (host, without www.)",
    )
    parser.add_argument("--since", metavar="DATE", type=since_option, help=since_help)


def open_store(settings: BaseSettings | None, command: str, read_only: bool = False) -> Engine:
    """An engine for the existing store ``NEWS_DB_URL``, at the current schema.

    A missing SQLite file is refused ("no such store"), never created empty. With
    ``read_only`` (``report``, ``export``) a store that cannot be written (a read-only
    disk) is read as it is, if its schema is current. Exits with a one-line error and
    status 1 when the store cannot be opened.
    """
    assert settings is not None
    try:
        url = StorageConfig.from_settings(settings).url
        engine, migratable = open_existing(url)
        if not read_only:
            check_writable_location(url)
    except DatabaseUnavailable as exc:
        fail(command, str(exc), EXIT_STORE)
    try:
        if read_only and not has_schema(engine):
            # an empty database (or file): reading it would only create the tables
            raise DatabaseUnavailable(
                f"no such store: {redact(url)} holds no newsclean tables (a crawl creates "
                "them; check NEWS_DB_URL)"
            )
        if migratable:
            upgrade(engine)
        else:
            check_schema_current(engine)
    except DatabaseUnavailable as exc:
        engine.dispose()
        fail(command, str(exc), EXIT_STORE)
    return engine


def fail(command: str, message: str, status: int) -> NoReturn:
    """Write ``scrapy <command>: error: <message>`` to stderr and exit with ``status``."""
    sys.stderr.write(f"scrapy {command}: error: {message}\n")
    sys.exit(status)
