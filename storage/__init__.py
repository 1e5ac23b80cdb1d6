"""The store: schema, migrations and every query.

SQLite by default (``news.db``), PostgreSQL through ``NEWS_DB_URL``; same schema on both.
"""

from __future__ import annotations

from storage.db import (
    check_connection,
    database_url,
    make_engine,
    redact,
    retry_while_unreachable,
    upgrade,
)
from storage.errors import DatabaseUnavailable, StorageError
from storage.models import (
    ArticleRecord,
    ArticleRevisionRecord,
    Base,
    CrawlRunRecord,
    PageRecord,
    RawPageRecord,
)
from storage.repository import (
    OUTCOMES,
    PageState,
    PageVisit,
    RecrawlPolicy,
    SaveResult,
    count_articles,
    finish_run,
    get_article,
    page_state,
    save_visits,
    start_run,
)
from storage.urls import normalize_url, site_of

__all__ = [
    "OUTCOMES",
    "ArticleRecord",
    "ArticleRevisionRecord",
    "Base",
    "CrawlRunRecord",
    "DatabaseUnavailable",
    "PageRecord",
    "PageState",
    "PageVisit",
    "RawPageRecord",
    "RecrawlPolicy",
    "SaveResult",
    "StorageError",
    "check_connection",
    "count_articles",
    "database_url",
    "finish_run",
    "get_article",
    "make_engine",
    "normalize_url",
    "page_state",
    "redact",
    "retry_while_unreachable",
    "save_visits",
    "site_of",
    "start_run",
    "upgrade",
]
