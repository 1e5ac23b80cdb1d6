"""What a crawl keeps: ``-a max_articles=N``, ``-a since=DATE``, ``-a until=DATE``, ``-a lang=``.

`CrawlScope` is parsed from the spider's arguments (`crawler.arguments`); the spider uses
it to skip fetches a sitemap or feed date (or a date in the URL) already rules out, and
`ScopePipeline` (between cleaning and storage) checks each cleaned article's publication
date and language. An article left out is recorded in the ``pages`` table with the
outcome ``out_of_scope`` and its reason, never stored as an article. Once ``max_articles``
articles went on to storage, the rest are left out likewise and the spider closes
(finish reason ``max_articles``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from scrapy.utils.defer import _schedule_coro

from crawler.items import PageItem
from storage import PageOutcome

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

_LANG_RE = re.compile(r"[a-z]{2,3}$")
# A date in a URL path: /2025/01/06/, /2025-01-06/, /20250106-...
_URL_DATE_RE = re.compile(r"/((?:19|20)\d\d)[/-]?([01]\d)[/-]?([0-3]\d)(?:[/-]|\D|$)")


class ScopeError(ValueError):
    """A scope argument is malformed (its message names the fix)."""


@dataclass(frozen=True)
class CrawlScope:
    """Limits and filters of one crawl; the defaults keep everything."""

    max_articles: int | None = None
    since: datetime | None = None
    until: datetime | None = None
    languages: frozenset[str] = frozenset()

    @classmethod
    def from_arguments(cls, arguments: dict[str, str]) -> CrawlScope:
        """Parse ``max_articles``, ``since``, ``until`` and ``lang``.

        Dates are ``YYYY-MM-DD`` (the whole day, UTC) or ISO 8601 date-times; ``until``
        given as a day includes that day.

        Raises:
            ScopeError: With a one-line reason naming the argument.
        """
        max_articles = None
        if arguments.get("max_articles", "").strip():
            value = arguments["max_articles"].strip()
            if not value.isdigit() or int(value) < 1:
                raise ScopeError(f"max_articles: expected a whole number >= 1, got {value!r}")
            max_articles = int(value)
        since = parse_bound(arguments.get("since", ""), "since", end=False)
        until = parse_bound(arguments.get("until", ""), "until", end=True)
        if since and until and since >= until:
            raise ScopeError(
                f"since ({arguments['since']}) must be before until ({arguments['until']})"
            )
        languages = frozenset(
            part.strip().lower() for part in arguments.get("lang", "").split(",") if part.strip()
        )
        for code in languages:
            if not _LANG_RE.match(code):
                raise ScopeError(f"lang: {code!r} is not a language code (e.g. lang=de,fr)")
        return cls(max_articles, since, until, languages)

    @property
    def filters_dates(self) -> bool:
        return self.since is not None or self.until is not None

    def date_reason(self, published: datetime | None) -> str | None:
        """Why an article published at ``published`` is left out, or None to keep it.

        An article without a date is kept: nothing says it is outside the window.
        """
        if published is None:
            return None
        if published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
        if self.since is not None and published < self.since:
            return f"published {published:%Y-%m-%d}, before since={self.since:%Y-%m-%d}"
        if self.until is not None and published >= self.until:
            return f"published {published:%Y-%m-%d}, after until"
        return None

    def language_reason(self, language: str | None) -> str | None:
        """Why an article in ``language`` is left out, or None (unknown language: kept)."""
        if not self.languages or not language:
            return None
        code = language.lower().replace("_", "-").split("-", 1)[0]
        if code in self.languages:
            return None
        return f"language {code}, not in lang={','.join(sorted(self.languages))}"

    def skip_before_fetch(self, url: str, updated: datetime | None) -> str | None:
        """Why a URL need not be fetched at all, from its sitemap/feed date or URL date.

        A page last changed before ``since`` was published before it too; a date in the
        URL path is its publication day. Nothing rules a page out for ``until`` except its
        URL's date (a later change says nothing about when it was published).
        """
        if self.since is not None and updated is not None:
            stamp = updated if updated.tzinfo else updated.replace(tzinfo=UTC)
            if stamp < self.since:
                return f"changed {stamp:%Y-%m-%d}, before since={self.since:%Y-%m-%d}"
        day = url_date(url)
        if day is None:
            return None
        start = datetime.combine(day, time(), UTC)
        # The URL's day in any time zone: a whole day of slack either side.
        if self.since is not None and start + timedelta(days=2) <= self.since:
            return f"URL dated {day}, before since={self.since:%Y-%m-%d}"
        if self.until is not None and start - timedelta(days=1) >= self.until:
            return f"URL dated {day}, after until"
        return None


def url_date(url: str) -> date | None:
    """The date in a URL's path (``/2025/01/06/``, ``/2025-01-06-``), or None."""
    match = _URL_DATE_RE.search(url.split("?", 1)[0])
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def parse_bound(value: str, argument: str, end: bool) -> datetime | None:
    """A ``since``/``until`` value as a UTC time; a day as ``until`` means its end.

    Raises:
        ScopeError: When ``value`` is not a date.
    """
    value = value.strip()
    if not value:
        return None
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return datetime.combine(day + timedelta(days=1 if end else 0), time(), UTC)
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ScopeError(
            f"{argument}: {value!r} is not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM"
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class ScopePipeline:
    """Leave out cleaned articles outside the crawl's scope; stop at ``max_articles``.

    Sits between the cleaning (300) and storage (800) pipelines; the spider owns the
    `CrawlScope` (``spider.scope``). Without any scope argument it passes items through.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.admitted = 0
        self.closing = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScopePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        scope: CrawlScope | None = getattr(self.crawler.spider, "scope", None)
        if scope is None or not isinstance(item, PageItem) or item.article is None:
            return item
        if item.outcome:
            return item
        key, reason = "date", scope.date_reason(item.article.published_at)
        if reason is None:
            key, reason = "language", scope.language_reason(item.article.language)
        if reason is None and scope.max_articles is not None:
            if self.admitted >= scope.max_articles:
                key, reason = "max_articles", f"max_articles={scope.max_articles} reached"
            else:
                self.admitted += 1
                if self.admitted >= scope.max_articles:
                    self._close("max_articles")
        if reason is not None:
            item.outcome, item.reason = PageOutcome.OUT_OF_SCOPE, reason
            item.article, item.prepared = None, None
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value(f"news/scope/{key}")
        return item

    def _close(self, reason: str) -> None:
        if self.closing or self.crawler.engine is None:
            return
        self.closing = True
        # As Scrapy's CloseSpider extension does: the items in flight still go through.
        _schedule_coro(self.crawler.engine.close_spider_async(reason=reason))
