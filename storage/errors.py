"""Errors raised by the storage package; every one derives from `StorageError`."""

from __future__ import annotations


class StorageError(Exception):
    """Base class for storage failures (unreachable database, failed migration, ...)."""


class DatabaseUnavailable(StorageError):
    """The database cannot be reached or brought to the current schema."""
