"""Crawl runs (``crawl_runs``): one row per crawl, from its start to its end.

Functions take a session and never commit: the caller owns the transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from storage.models import CrawlRunRecord


def start_run(session: Session, spider: str, arguments: dict[str, Any], now: datetime) -> int:
    """Record the start of a crawl; return its id."""
    run = CrawlRunRecord(spider=spider, arguments=arguments, started_at=now)
    session.add(run)
    session.flush()
    return run.id


def finish_run(
    session: Session, run_id: int, now: datetime, reason: str, stats: dict[str, Any]
) -> None:
    """Record the end of a crawl with its finish reason and final stats."""
    run = session.get(CrawlRunRecord, run_id)
    if run is not None:
        run.finished_at = now
        run.finish_reason = reason
        run.stats = stats
