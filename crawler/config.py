"""Settings of the project's components, read once into frozen dataclasses."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from scrapy.settings import BaseSettings

from storage.db import database_url
from storage.repository import RecrawlPolicy

# The finish reason of a crawl stopped because the store stayed unreachable.
STORE_UNAVAILABLE = "store_unavailable"

#: What Scrapy's ``getbool`` accepts; anything else (``ture``, ``yes``) is refused at start.
BOOLEAN_WORDS = {"1": True, "0": False, "true": True, "false": False}
#: How close an unknown ``NEWS_*`` name must be to a known one to be called a misspelling
#: (and refused); a name further from all of them is only warned about.
MISSPELLING_CUTOFF = 0.85


class SettingsError(ValueError):
    """A setting has a value of the wrong type, or a ``NEWS_*`` name is misspelt."""


def project_defaults() -> dict[str, Any]:
    """The project's ``NEWS_*`` settings and their defaults (`crawler.settings`)."""
    from crawler import settings as module

    return {name: getattr(module, name) for name in dir(module) if name.startswith("NEWS_")}


def check_settings(settings: BaseSettings, defaults: Mapping[str, Any] | None = None) -> list[str]:
    """Check the ``NEWS_*`` settings before a crawl starts; return warnings to show.

    A value that does not parse as its default's type (a boolean, a number; ``None``
    defaults take a number or nothing) and an unknown name close to a known one raise
    `SettingsError` with one line naming the fix; an unknown name close to none is a
    warning.

    Raises:
        SettingsError: The first problem found.
    """
    defaults = project_defaults() if defaults is None else defaults
    warnings = []
    for name in sorted(n for n in settings.attributes if n.startswith("NEWS_")):
        value = settings.get(name)
        if name not in defaults:
            close = difflib.get_close_matches(name, list(defaults), n=1, cutoff=0.6)
            if close and difflib.SequenceMatcher(None, name, close[0]).ratio() >= (
                MISSPELLING_CUTOFF
            ):
                raise SettingsError(f"unknown setting {name}; did you mean {close[0]}?")
            hint = f" (did you mean {close[0]}?)" if close else ""
            warnings.append(f"unknown setting {name} is not used{hint}")
            continue
        _check_type(name, value, defaults[name])
    return warnings


def _check_type(name: str, value: Any, default: Any) -> None:
    if isinstance(default, bool):
        if isinstance(value, bool) or str(value).strip().lower() in BOOLEAN_WORDS:
            return
        raise SettingsError(f"{name}={value!r} is not a boolean; use True or False")
    if default is None or isinstance(default, int | float):
        if (
            value is None
            or value == ""
            or (isinstance(value, int | float) and not isinstance(value, bool))
        ):
            return
        kind = float if isinstance(default, float) else int
        try:
            kind(str(value).strip())
        except ValueError:
            what = "a number" if kind is float else "a whole number"
            raise SettingsError(
                f"{name}={value!r} is not {what}, e.g. {name}={default or 4}"
            ) from None


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
