"""Settings of the project's components, read once into frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from scrapy.settings import BaseSettings

from storage.db import database_url
from storage.repository import RecrawlPolicy

# The finish reason of a crawl stopped because the store stayed unreachable.
STORE_UNAVAILABLE = "store_unavailable"


@dataclass(frozen=True)
class StorageConfig:
    """``NEWS_DB_*`` settings.

    Attributes:
        url: SQLAlchemy URL of the store (``NEWS_DB_URL``; default ``sqlite:///news.db``).
        batch_size: Pages written per transaction (``NEWS_DB_BATCH_SIZE``).
        flush_interval: Seconds after which a partial batch is written anyway
            (``NEWS_DB_FLUSH_INTERVAL``).
        outage_timeout: Seconds a batch write keeps retrying while the database is
            unreachable before the crawl stops (``NEWS_DB_OUTAGE_TIMEOUT``).
        policy: When URLs are due again and whether raw HTML is kept (``NEWS_RECRAWL_*``,
            ``NEWS_KEEP_RAW_HTML``).
    """

    url: str
    batch_size: int
    flush_interval: float
    outage_timeout: float
    policy: RecrawlPolicy

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> StorageConfig:
        """Read the ``NEWS_DB_*``, ``NEWS_RECRAWL_*`` and ``NEWS_KEEP_RAW_HTML`` settings."""
        return cls(
            url=database_url(settings.get("NEWS_DB_URL") or None),
            batch_size=max(1, settings.getint("NEWS_DB_BATCH_SIZE", 50)),
            flush_interval=settings.getfloat("NEWS_DB_FLUSH_INTERVAL", 5.0),
            outage_timeout=settings.getfloat("NEWS_DB_OUTAGE_TIMEOUT", 120.0),
            policy=RecrawlPolicy(
                interval=timedelta(hours=settings.getfloat("NEWS_RECRAWL_INTERVAL", 24.0)),
                failure_backoff=timedelta(
                    hours=settings.getfloat("NEWS_RECRAWL_FAILURE_BACKOFF", 1.0)
                ),
                max_backoff=timedelta(hours=settings.getfloat("NEWS_RECRAWL_MAX_BACKOFF", 168.0)),
                keep_raw_html=settings.getbool("NEWS_KEEP_RAW_HTML", True),
            ),
        )
