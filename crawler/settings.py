"""Scrapy settings of the project (``scrapy.cfg`` points here).

Polite by default: robots.txt obeyed, AutoThrottle on, a User-Agent naming the project,
a download size cap. Every project setting is prefixed ``NEWS_``; see the README.
"""

from __future__ import annotations

import os

BOT_NAME = "newsclean"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"

USER_AGENT = "newsclean/0.1 (news text crawler; +https://github.com/newsclean/newsclean)"
ROBOTSTXT_OBEY = True

# Politeness: AutoThrottle adapts the delay to each server's latency.
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 4
# Scrapy starts CONCURRENT_ITEMS asyncio tasks for every response's output, however little
# it yields (default 100: about 100 tasks per article page, a third of the CPU of a crawl
# whose pages answer 304). An article page yields one item; a sitemap's requests are
# handled synchronously: a few workers lose nothing.
CONCURRENT_ITEMS = 4
DOWNLOAD_TIMEOUT = 30

# A news page is rarely over 2 MB; anything past 8 MB (after decompression) is refused.
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024

RETRY_ENABLED = True
RETRY_TIMES = 2
# A 429/503 asking to come back within this many seconds is retried then; a longer
# Retry-After is not waited for (the page is recorded as failed and backs off).
NEWS_RETRY_AFTER_MAX = 60.0

ITEM_PIPELINES = {
    "crawler.pipelines.CleaningPipeline": 300,
    # -a since/until/lang/max_articles: out-of-scope articles recorded, not stored.
    "crawler.scope.ScopePipeline": 500,
    "crawler.pipelines.StoragePipeline": 800,
}
EXTENSIONS = {
    # Runs after the core stats extension has recorded finish_time and finish_reason.
    "crawler.extensions.StatsFile": 900,
    # A live progress line on a terminal, a log line every NEWS_PROGRESS_INTERVAL seconds
    # otherwise; at the end a summary in words on stderr.
    "crawler.extensions.Progress": 510,
    "crawler.extensions.Summary": 910,
    # The progress line replaces Scrapy's "Crawled N pages" line a minute.
    "scrapy.extensions.logstats.LogStats": None,
    # Ends a distributed crawl when the shared queue is drained (only with NEWS_REDIS_URL).
    "crawler.distributed.RedisCoordination": 500,
}
# Distributed crawling: with a Redis URL here (or in the environment), any number of
# processes share one queue and one duplicate filter (scrapy-redis); see the README.
ADDONS = {
    "crawler.distributed.RedisAddon": 0,
    # A real browser for pages built by scripts, only when asked for (-a render=auto|always,
    # NEWS_RENDER, or render = ... in a site's rules); otherwise Playwright is never imported.
    "crawler.render.RenderAddon": 10,
}
NEWS_RENDER = "off"
NEWS_RENDER_BROWSER = "/usr/bin/chromium"
NEWS_RENDER_MAX_PAGES = 2
NEWS_RENDER_TIMEOUT = 30.0
NEWS_REDIS_URL = os.environ.get("NEWS_REDIS_URL", "")
NEWS_REDIS_IDLE_CLOSE = 10.0
NEWS_STATS_FILE = ""
NEWS_ALLOW_PRIVATE_ADDRESSES = False

# Article extraction runs in this many processes (None: one per core; 0: in-line, on the
# reactor); at most NEWS_CLEANING_MAX_PENDING pages wait in the pool (None: 4 x workers).
NEWS_CLEANING_WORKERS = None
NEWS_CLEANING_MAX_PENDING = None

SPIDER_MIDDLEWARES = {
    # Sitemap and feed entries are checked against the store in batches.
    "crawler.incremental.IncrementalSpiderMiddleware": 600,
}
DOWNLOADER_MIDDLEWARES = {
    # First of all: a public page cannot send the crawler to loopback, link-local or
    # private addresses (NEWS_ALLOW_PRIVATE_ADDRESSES = True allows them, e.g. in tests).
    "crawler.middlewares.PrivateAddressMiddleware": 40,
    # ... and last before the download handler sees the answer: the address actually
    # connected to is checked too (a host that resolved public, then private: DNS rebinding).
    "crawler.middlewares.ConnectedAddressMiddleware": 950,
    # Scrapy's robots.txt middleware, fixed so that every waiting request gets the rules.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.RobotsTxtMiddleware": 100,
    # Sees a 3xx before RedirectMiddleware (600): a loop is an error, not a silent drop.
    "crawler.middlewares.RedirectLoopMiddleware": 650,
    # Scrapy's retries, but a 429/503 with Retry-After is retried when the server asks.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.RetryAfterMiddleware": 550,
    # After robots.txt (100) and before the User-Agent and retries: a fresh page is
    # skipped before anything goes out; a due page gets conditional headers.
    "crawler.incremental.IncrementalMiddleware": 120,
}

# Resumable crawls (JOBDIR) re-run discovery and rely on the store, not on a persisted
# "seen" file that a hard kill would leave claiming pages that were never stored.
DUPEFILTER_CLASS = "crawler.dupefilter.RunDupeFilter"

# A dropped page (not an article, no text) is routine, not a warning.
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"
# ... and it is logged once, with its reason, not with the crawl's internal record.
LOG_FORMATTER = "crawler.extensions.QuietLogFormatter"
NEWS_PROGRESS_ENABLED = True
NEWS_PROGRESS_INTERVAL = 30.0
NEWS_SUMMARY_ENABLED = True
# Ctrl-C / SIGTERM: pages in flight get this many seconds to be cleaned and stored; a
# second signal stops at once (exit status 130 / 143 either way).
NEWS_SHUTDOWN_TIMEOUT = 10.0

# The store: SQLite file news.db in the current folder unless NEWS_DB_URL says otherwise.
NEWS_DB_URL = os.environ.get("NEWS_DB_URL", "sqlite:///news.db")
NEWS_DB_BATCH_SIZE = 50
NEWS_DB_FLUSH_INTERVAL = 5.0
# A database that goes away (restart, failover) is waited for this long, the crawl held
# back meanwhile; past it the crawl stops with an error and exit status 1.
NEWS_DB_OUTAGE_TIMEOUT = 120.0
# Incremental crawling: a page is fetched again after NEWS_RECRAWL_INTERVAL hours (sooner
# when a sitemap lastmod or feed date says it changed), conditionally (ETag/Last-Modified).
NEWS_INCREMENTAL_ENABLED = True
NEWS_RECRAWL_INTERVAL = 24.0
# Link following: a listing page (section, tag, pagination) is fetched again, conditionally,
# once this many hours passed since the last fetch (0: on every run). Start pages always.
NEWS_LISTING_REFETCH_INTERVAL = 0.0
NEWS_RECRAWL_FAILURE_BACKOFF = 1.0
NEWS_RECRAWL_MAX_BACKOFF = 168.0
NEWS_KEEP_RAW_HTML = True
# Cleaning: a user-editable TOML file of per-site rules (examples/site-rules.toml), and
# lines learned from each site's stored articles (slogans, standing promos).
NEWS_SITE_RULES = ""
NEWS_LEARN_BOILERPLATE = True
# Archives: -a ccnews= reads CC-NEWS's monthly file lists and WARC files under this address
# (a mirror, or a local copy laid out as crawl-data/CC-NEWS/YYYY/MM/, works the same).
NEWS_CCNEWS_BASE = os.environ.get("NEWS_CCNEWS_BASE", "https://data.commoncrawl.org/")

# A crawler opens no listening ports of its own.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
# `-O file.csv|.xml` (and FEEDS) write the stored articles as `scrapy export` does: a list
# is a JSON array in one CSV cell, NULL an empty cell (Scrapy's own write "a,b" and "None").
FEED_EXPORTERS = {
    "csv": "crawler.feeds.CsvArticleExporter",
    "xml": "crawler.feeds.XmlArticleExporter",
}
LOG_LEVEL = os.environ.get("NEWS_LOG_LEVEL", "INFO")
