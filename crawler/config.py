"""Settings of the project's components, read once into frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.settings import BaseSettings

from storage.db import database_url


@dataclass(frozen=True)
class StorageConfig:
    """``NEWS_DB_*`` settings.

    Attributes:
        url: SQLAlchemy URL of the store (``NEWS_DB_URL``; default ``sqlite:///news.db``).
        batch_size: Articles written per transaction (``NEWS_DB_BATCH_SIZE``).
        flush_interval: Seconds after which a partial batch is written anyway
            (``NEWS_DB_FLUSH_INTERVAL``).
    """

    url: str
    batch_size: int
    flush_interval: float

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> StorageConfig:
        """Read the ``NEWS_DB_*`` settings."""
        return cls(
            url=database_url(settings.get("NEWS_DB_URL") or None),
            batch_size=max(1, settings.getint("NEWS_DB_BATCH_SIZE", 50)),
            flush_interval=settings.getfloat("NEWS_DB_FLUSH_INTERVAL", 5.0),
        )
