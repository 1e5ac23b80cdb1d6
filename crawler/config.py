"""Settings of the project's components, read once into frozen dataclasses.

The defaults live in one place, `crawler.settings`: a component reads a ``NEWS_*``
setting through `news_int`, `news_float`, `news_bool` or `news_str`, which fall back to
that module's value when the setting is absent (a crawler built without the project's
settings, as in a test), and a component with several settings reads them once into its
frozen ``*Config`` dataclass (``Config.from_settings``).
"""

from __future__ import annotations

import difflib
import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from scrapy.settings import BaseSettings

from cleaning import SiteRules, load_site_rules
from storage import RecrawlPolicy, database_url

# The finish reason of a crawl stopped because the store stayed unreachable.
STORE_UNAVAILABLE = "store_unavailable"

#: What Scrapy's ``getbool`` accepts; anything else (``ture``, ``yes``) is refused at start.
BOOLEAN_WORDS = {"1": True, "0": False, "true": True, "false": False}
#: How close an unknown ``NEWS_*`` name must be to a known one to be called a misspelling
#: (and refused); a name further from all of them is only warned about.
MISSPELLING_CUTOFF = 0.85


class SettingsError(ValueError):
    """A setting has a value of the wrong type, or a ``NEWS_*`` name is misspelt."""


@functools.cache
def project_defaults() -> Mapping[str, Any]:
    """The project's ``NEWS_*`` settings and their defaults (`crawler.settings`)."""
    from crawler import settings as module

    return {name: getattr(module, name) for name in dir(module) if name.startswith("NEWS_")}


def news_int(settings: BaseSettings, name: str) -> int:
    """The ``NEWS_*`` setting ``name`` as an int (default: `crawler.settings`)."""
    return settings.getint(name, project_defaults()[name])


def news_float(settings: BaseSettings, name: str) -> float:
    """The ``NEWS_*`` setting ``name`` as a float (default: `crawler.settings`)."""
    return settings.getfloat(name, project_defaults()[name])


def news_bool(settings: BaseSettings, name: str) -> bool:
    """The ``NEWS_*`` setting ``name`` as a bool (default: `crawler.settings`)."""
    return settings.getbool(name, project_defaults()[name])


def news_str(settings: BaseSettings, name: str) -> str:
    """The ``NEWS_*`` setting ``name`` as text, ``""`` when unset (default: `crawler.settings`)."""
    value = settings.get(name, project_defaults()[name])
    return "" if value is None else str(value)


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
            batch_size=max(1, news_int(settings, "NEWS_DB_BATCH_SIZE")),
            flush_interval=news_float(settings, "NEWS_DB_FLUSH_INTERVAL"),
            outage_timeout=news_float(settings, "NEWS_DB_OUTAGE_TIMEOUT"),
            policy=RecrawlPolicy(
                interval=timedelta(hours=news_float(settings, "NEWS_RECRAWL_INTERVAL")),
                failure_backoff=timedelta(
                    hours=news_float(settings, "NEWS_RECRAWL_FAILURE_BACKOFF")
                ),
                max_backoff=timedelta(hours=news_float(settings, "NEWS_RECRAWL_MAX_BACKOFF")),
                keep_raw_html=news_bool(settings, "NEWS_KEEP_RAW_HTML"),
            ),
        )


@dataclass(frozen=True)
class CleaningConfig:
    """``NEWS_CLEANING_*`` settings, and what cleaning needs of the others.

    Attributes:
        workers: Extraction processes (``NEWS_CLEANING_WORKERS``; default the number of
            cores; 0 extracts in-line, on the reactor).
        max_pending: Pages in the pool at once (``NEWS_CLEANING_MAX_PENDING``; default
            four per worker).
        site_rules: Path of the per-site rules file (``NEWS_SITE_RULES``), or None.
        learn_boilerplate: Learn each site's recurring lines from the store at start
            (``NEWS_LEARN_BOILERPLATE``).
        keep_raw_html: The raw HTML of stored articles is kept (``NEWS_KEEP_RAW_HTML``):
            the workers compress it, and the crawl's end re-cleans it.
    """

    workers: int
    max_pending: int
    site_rules: str | None = None
    learn_boilerplate: bool = True
    keep_raw_html: bool = True

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> CleaningConfig:
        """Read the ``NEWS_CLEANING_*`` settings (an empty value means the default)."""
        raw_workers = settings.get("NEWS_CLEANING_WORKERS")
        workers = (os.cpu_count() or 1) if raw_workers in (None, "") else int(raw_workers)
        workers = max(0, workers)
        raw_pending = settings.get("NEWS_CLEANING_MAX_PENDING")
        pending = 4 * workers if raw_pending in (None, "") else int(raw_pending)
        return cls(
            workers=workers,
            max_pending=max(workers, pending, 1),
            site_rules=news_str(settings, "NEWS_SITE_RULES") or None,
            learn_boilerplate=news_bool(settings, "NEWS_LEARN_BOILERPLATE"),
            keep_raw_html=news_bool(settings, "NEWS_KEEP_RAW_HTML"),
        )

    def load_rules(self) -> SiteRules | None:
        """The per-site rules of ``site_rules``, or None without a file.

        Raises:
            cleaning.BadRulesFile: The file cannot be read or is malformed.
        """
        return load_site_rules(self.site_rules) if self.site_rules else None


@dataclass(frozen=True)
class IncrementalConfig:
    """``NEWS_INCREMENTAL_ENABLED`` and ``NEWS_LISTING_REFETCH_INTERVAL``.

    Attributes:
        enabled: Pages within their re-crawl interval are skipped, due ones fetched
            conditionally.
        listing_interval: A listing page is due again once this long passed since its
            last fetch.
    """

    enabled: bool
    listing_interval: timedelta

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> IncrementalConfig:
        """Read the incremental crawling settings."""
        return cls(
            enabled=news_bool(settings, "NEWS_INCREMENTAL_ENABLED"),
            listing_interval=timedelta(hours=news_float(settings, "NEWS_LISTING_REFETCH_INTERVAL")),
        )
