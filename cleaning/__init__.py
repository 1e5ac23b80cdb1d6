"""Pure article extraction and cleaning: ``(html, url) -> Article``.

No Scrapy, no database, no network: the same input always gives the same output.
"""

from __future__ import annotations

from cleaning.article import Article, RemovedLine
from cleaning.boilerplate import learn_site_boilerplate
from cleaning.errors import BadRulesFile, Blocked, CleaningError, NoArticleText, NotAnArticle
from cleaning.extract import extract_article
from cleaning.rules import CLEANER_VERSION
from cleaning.site_rules import DomainRules, SiteRules, load_site_rules, parse_site_rules

__all__ = [
    "CLEANER_VERSION",
    "Article",
    "BadRulesFile",
    "Blocked",
    "CleaningError",
    "DomainRules",
    "NoArticleText",
    "NotAnArticle",
    "RemovedLine",
    "SiteRules",
    "extract_article",
    "learn_site_boilerplate",
    "load_site_rules",
    "parse_site_rules",
]
