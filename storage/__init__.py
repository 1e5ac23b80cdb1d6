"""The store: schema, migrations and every query.

SQLite by default (``news.db``), PostgreSQL through ``NEWS_DB_URL``; same schema on both.
"""

from __future__ import annotations

from storage.db import check_connection, database_url, make_engine, redact, upgrade
from storage.errors import DatabaseUnavailable, StorageError
from storage.models import ArticleRecord, Base
from storage.repository import FetchedArticle, count_articles, get_article, upsert_articles
from storage.urls import normalize_url, site_of

__all__ = [
    "ArticleRecord",
    "Base",
    "DatabaseUnavailable",
    "FetchedArticle",
    "StorageError",
    "check_connection",
    "count_articles",
    "database_url",
    "get_article",
    "make_engine",
    "normalize_url",
    "redact",
    "site_of",
    "upgrade",
    "upsert_articles",
]
