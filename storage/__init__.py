"""The store: schema, migrations and every query.

SQLite by default (``news.db``), PostgreSQL through ``NEWS_DB_URL``; same schema on both.
A process opens it once as a `Store` (`storage.store`), which runs the units of work of
the modules by concern: `storage.writer` (a batch of visits, a re-cleaned article),
`storage.pages` (what is known of each URL), `storage.duplicates` (near-duplicate
search), `storage.runs` (crawl runs), `storage.queries` (reads) and `storage.archives`.
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
from storage.outcomes import OUTCOMES, PageOutcome, RecleanOutcome
from storage.pages import PageState, RecrawlPolicy, known_sites, page_state, page_states
from storage.queries import RawPage, count_articles, get_article, recent_texts
from storage.runs import finish_run, start_run
from storage.store import Store
from storage.urls import normalize_url, site_of
from storage.writer import PageVisit, Prepared, SaveResult, prepare, save_recleaned, save_visits

__all__ = [
    "OUTCOMES",
    "ArticleRecord",
    "ArticleRevisionRecord",
    "Base",
    "CrawlRunRecord",
    "DatabaseUnavailable",
    "PageOutcome",
    "PageRecord",
    "PageState",
    "PageVisit",
    "Prepared",
    "RawPage",
    "RawPageRecord",
    "RecleanOutcome",
    "RecrawlPolicy",
    "SaveResult",
    "StorageError",
    "Store",
    "check_connection",
    "count_articles",
    "database_url",
    "finish_run",
    "get_article",
    "known_sites",
    "make_engine",
    "normalize_url",
    "page_state",
    "page_states",
    "prepare",
    "recent_texts",
    "redact",
    "retry_while_unreachable",
    "save_recleaned",
    "save_visits",
    "site_of",
    "start_run",
    "upgrade",
]
