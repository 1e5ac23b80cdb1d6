"""Page state: what the store knows of each fetched URL (``pages``), and when it is due.

Functions take a session and never commit: the caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import PageRecord
from storage.outcomes import FAILURES, PageOutcome
from storage.text import clean_optional
from storage.urls import normalize_url, site_of

if TYPE_CHECKING:
    from storage.writer import PageVisit


@dataclass(frozen=True)
class RecrawlPolicy:
    """When to look at a URL again.

    Attributes:
        interval: After a successful fetch.
        failure_backoff: After the first failure; doubled after each further one.
        max_backoff: Upper bound of the back-off.
        keep_raw_html: Store the gzip-compressed HTML of stored articles.
    """

    interval: timedelta = timedelta(hours=24)
    failure_backoff: timedelta = timedelta(hours=1)
    max_backoff: timedelta = timedelta(days=7)
    keep_raw_html: bool = True

    def next_fetch(self, now: datetime, failures: int) -> datetime:
        """When to fetch again after ``failures`` consecutive failures (0: success)."""
        if failures <= 0:
            return now + self.interval
        backoff: timedelta = min(self.failure_backoff * 2 ** (failures - 1), self.max_backoff)
        return now + backoff


@dataclass(frozen=True)
class PageState:
    """What the store knows of a URL, for the next request."""

    url: str
    outcome: PageOutcome
    etag: str | None
    last_modified: str | None
    last_fetched_at: datetime
    next_fetch_at: datetime
    consecutive_failures: int


def save_page(
    session: Session,
    url: str,
    visit: PageVisit,
    outcome: PageOutcome,
    article_id: int | None,
    policy: RecrawlPolicy,
    known: dict[str, PageRecord],
) -> None:
    """Record ``visit`` in ``url``'s page row (created if new), with when it is due again."""
    page = known.get(url)
    now = visit.fetched_at
    if page is None:
        page = PageRecord(url=url, site=site_of(url), first_fetched_at=now, consecutive_failures=0)
        session.add(page)
        known[url] = page
    failures = (page.consecutive_failures or 0) + 1 if outcome in FAILURES else 0
    page.outcome = str(outcome)  # the plain value: drivers adapt str, not its subclasses
    page.reason = clean_optional(visit.reason)
    page.last_status = visit.status
    if outcome != PageOutcome.NOT_MODIFIED:  # a 304 keeps the validators of the 200 it confirms
        page.etag = visit.etag
        page.last_modified = visit.last_modified
    page.last_fetched_at = now
    page.consecutive_failures = failures
    page.next_fetch_at = policy.next_fetch(now, failures)
    if article_id is not None:
        page.article_id = article_id


def page_state(session: Session, url: str) -> PageState | None:
    """What the store knows of ``url`` (normalised first), or None if never fetched."""
    return page_states(session, [url]).get(normalize_url(url))


#: URLs per query of `page_states`.
LOOKUP_CHUNK = 500


def page_states(session: Session, urls: Sequence[str]) -> dict[str, PageState]:
    """What the store knows of each of ``urls``, by normalised URL; unknown ones absent."""
    keys = list(dict.fromkeys(normalize_url(url) for url in urls))
    states: dict[str, PageState] = {}
    for start in range(0, len(keys), LOOKUP_CHUNK):
        rows = session.execute(
            select(
                PageRecord.url,
                PageRecord.outcome,
                PageRecord.etag,
                PageRecord.last_modified,
                PageRecord.last_fetched_at,
                PageRecord.next_fetch_at,
                PageRecord.consecutive_failures,
            ).where(PageRecord.url.in_(keys[start : start + LOOKUP_CHUNK]))
        ).all()
        for row in rows:
            states[row.url] = PageState(row.url, PageOutcome(row.outcome), *row[2:])
    return states


def known_sites(session: Session) -> set[str]:
    """The sites with at least one fetched page (``pages.site``)."""
    return set(session.scalars(select(PageRecord.site).distinct()))
