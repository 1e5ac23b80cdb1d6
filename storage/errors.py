"""Errors raised by the storage package; every one derives from `StorageError`."""

from __future__ import annotations


class StorageError(Exception):
    """Base class for storage failures (unreachable database, failed migration, ...)."""


class DatabaseUnavailable(StorageError):
    """The database cannot be reached or brought to the current schema."""


class BadDatabaseURL(DatabaseUnavailable):
    """``NEWS_DB_URL`` is neither a database URL nor a SQLite file name."""
