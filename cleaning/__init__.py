"""Pure article extraction and cleaning: ``(html, url) -> Article``.

No Scrapy, no database, no network: the same input always gives the same output.
"""

from __future__ import annotations

from cleaning.article import Article, RemovedLine
from cleaning.errors import BadRulesFile, CleaningError, NoArticleText, NotAnArticle
from cleaning.extract import extract_article

__all__ = [
    "Article",
    "BadRulesFile",
    "CleaningError",
    "NoArticleText",
    "NotAnArticle",
    "RemovedLine",
    "extract_article",
]
