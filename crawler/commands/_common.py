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

from crawler.config import StorageConfig
from storage import DatabaseUnavailable, Store, site_of

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


def open_store(settings: BaseSettings | None, command: str, read_only: bool = False) -> Store:
    """The existing store ``NEWS_DB_URL``, at the current schema (`Store.open_existing`).

    Exits with a one-line error and status 1 when the store cannot be opened.
    """
    assert settings is not None
    try:
        return Store.open_existing(StorageConfig.from_settings(settings).url, read_only=read_only)
    except DatabaseUnavailable as exc:
        fail(command, str(exc), EXIT_STORE)


def fail(command: str, message: str, status: int) -> NoReturn:
    """Write ``scrapy <command>: error: <message>`` to stderr and exit with ``status``."""
    sys.stderr.write(f"scrapy {command}: error: {message}\n")
    sys.exit(status)
